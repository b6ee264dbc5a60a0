// Turns a parsed .reg file into the format-neutral model, and knows how to rewrite its values.
import { emptyFirewallModel } from '../common/firewall';
import type { Comment, DocumentModel, OffsetEdit, ParseProblem, PortMention, RegistryEditor, RegistryWrite } from '../common/model';
import { detectEol, lineAt, lineStartOf, portLikeNumbers } from '../common/text';
import type { RegFile, RegKey } from './ast';
import { parseReg, reparseReg, sourceOf, type TextChange } from './parser';
import * as values from './values';
import type { NameShapes, RegKeyNode, RegValueNode, ValueSource } from './values';

// Bound once: through a CommonJS loader an imported name is a getter call, and this one is asked per value.
const { mayMentionPort, valuesNamed } = values;

export interface RegDocument {
  tree: RegFile;
  model: DocumentModel;
}

export function buildRegModel(text: string): RegDocument {
  const { tree, problems, comments } = parseReg(text);
  return { tree, model: new RegModel(text, tree, problems, comments) };
}

/**
 * The model of `text` from the model of the text before `change` (see reparseReg): keys the change
 * does not touch are not read again, and their port mentions, when they were found, are kept or
 * moved. Undefined when only a full build can tell. The previous document is consumed.
 */
export function rebuildRegModel(previous: RegDocument, text: string, change: TextChange): RegDocument | undefined {
  const parsed = reparseReg({ tree: previous.tree, problems: previous.model.problems, comments: previous.model.comments }, text, change);
  if (!parsed) return undefined;
  const { tree, problems, comments, window } = parsed;
  const model = new RegModel(text, tree, problems, comments);
  const found = previous.model instanceof RegModel ? previous.model.foundMentions : undefined;
  if (found) {
    const before = found.filter((mention) => mention.start < window.from);
    const after: PortMention[] = [];
    for (const mention of found) {
      if (mention.start >= window.oldResume) after.push({ ...mention, start: mention.start + window.delta, end: mention.end + window.delta });
    }
    model.foundMentions = [...before, ...portMentions(model.source, window.keys, window.comments), ...after];
  }
  return { tree, model };
}

/**
 * The neutral model of a .reg file. Its writes and port mentions are found when first asked: the
 * rules read only the writes the catalog names (catalogWrites, through valuesNamed), and a check
 * that needs no port mention never looks for one.
 */
class RegModel implements DocumentModel {
  readonly registryEditor: RegistryEditor;
  readonly firewall = emptyFirewallModel();
  readonly source: ValueSource;
  private writes: RegistryWrite[] | undefined;
  foundMentions: PortMention[] | undefined;

  constructor(
    text: string,
    private readonly tree: RegFile,
    public problems: ParseProblem[],
    public comments: Comment[],
  ) {
    // A tree always has its source: parseReg and reparseReg record it.
    this.source = sourceOf(tree)!;
    this.registryEditor = new RegEditor(text, tree);
  }

  get registryWrites(): RegistryWrite[] {
    if (!this.writes) {
      const writes: RegistryWrite[] = [];
      for (const key of this.tree.keys) for (const value of key.values) writes.push(value as RegValueNode);
      this.writes = writes;
    }
    return this.writes;
  }

  get portMentions(): PortMention[] {
    this.foundMentions ??= portMentions(this.source, this.tree.keys, this.comments);
    return this.foundMentions;
  }
}

/**
 * The writes of a .reg tree whose value name passes `isWanted` (asked once per distinct name), in
 * document order. `shapes`, when given, are those of every name `isWanted` accepts.
 */
export function regWritesNamed(tree: RegFile, isWanted: (name: string) => boolean, shapes?: NameShapes): RegistryWrite[] {
  const source = sourceOf(tree);
  return source ? valuesNamed(source, tree.keys as RegKeyNode[], isWanted, shapes) : [];
}

const PORT_TEXT = /^\s*\d{1,5}\s*(?:-\s*\d{1,5}\s*)?$/;
const PORT_NAME = /port/i;

function portMentions(source: ValueSource, keys: readonly RegKey[], comments: readonly Comment[]): PortMention[] {
  const { text } = source;
  const mentions: PortMention[] = [];
  for (const key of keys as readonly RegKeyNode[]) {
    for (let index = 0; index < key.valueCount; index++) {
      // Most values are told apart from their row; only the few that may be a port are read.
      if (!mayMentionPort(source, key, key.firstRow + index)) continue;
      const value = key.values[index];
      const kind = value.dataKind;
      if (kind === 'number' ? !PORT_NAME.test(value.name) : (kind !== 'string' && kind !== 'strings') || !value.mayHoldPortText()) continue;
      const { data, dataSpan } = value;
      // A dword is a port when its name says so (`TCP/IP Port`, `RpcTcpPort`, `MaxUserPort`), not `Start`=2.
      if (data.kind === 'number' && data.value >= 1 && data.value <= 65535 && PORT_NAME.test(value.name)) {
        mentions.push({ ...dataSpan, port: data.value, written: text.slice(dataSpan.start, dataSpan.end) });
      } else if (data.kind === 'string' || data.kind === 'strings') {
        // Only text that is nothing but a port or a range (`"59533"`, `5000-5100`): a number inside
        // a display name is not a port.
        for (const part of data.kind === 'string' ? [data.value] : data.value) {
          if (!PORT_TEXT.test(part)) continue;
          if (value.typePrefix === undefined) {
            for (const number of portLikeNumbers(text, dataSpan.start, dataSpan.end)) mentions.push(number);
          } else {
            for (const number of portLikeNumbers(part, 0, part.length)) mentions.push({ ...dataSpan, port: number.port, written: part });
          }
        }
      }
    }
  }
  for (const comment of comments) {
    for (const number of portLikeNumbers(text, comment.span.start, comment.span.end)) mentions.push(number);
  }
  return mentions.sort((a, b) => a.start - b.start);
}

/** Rewrites .reg values in place; a move deletes the line and adds it under the right key. */
class RegEditor implements RegistryEditor {
  private readonly eol: '\r\n' | '\n';

  constructor(
    private readonly text: string,
    private readonly tree: RegFile,
  ) {
    this.eol = detectEol(text);
  }

  setValue(write: RegistryWrite, type: 'REG_DWORD' | 'REG_SZ', value: number): OffsetEdit[] {
    const data = type === 'REG_DWORD' ? `dword:${value.toString(16).padStart(8, '0')}` : `"${value}"`;
    return [{ ...write.dataSpan, newText: data }];
  }

  moveToKey(write: RegistryWrite, keyPath: string): OffsetEdit[] {
    const statement = this.text.slice(write.statementSpan.start, write.statementSpan.end);
    const removal = this.lineRemoval(write.statementSpan.start, write.statementSpan.end);
    const target = this.tree.keys.filter((key) => !key.deleted && key.path.toLowerCase() === keyPath.toLowerCase()).pop();
    if (target) {
      return [removal, { start: target.span.end, end: target.span.end, newText: this.eol + statement }];
    }
    const end = this.text.length;
    const lead = end > 0 && !/[\r\n]$/.test(this.text) ? this.eol + this.eol : this.eol;
    return [removal, { start: end, end, newText: `${lead}[${keyPath}]${this.eol}${statement}${this.eol}` }];
  }

  /** The whole lines holding [start, end), line break included. */
  private lineRemoval(start: number, end: number): OffsetEdit {
    return { start: lineStartOf(this.text, start), end: lineAt(this.text, lineStartOf(this.text, end)).next, newText: '' };
  }
}
