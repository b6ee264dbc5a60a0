// Turns a parsed .reg file into the format-neutral model, and knows how to rewrite its values.
import { emptyModel, type DocumentModel, type OffsetEdit, type PortMention, type RegistryEditor, type RegistryWrite } from '../common/model';
import { detectEol, lineAt, lineStartOf, portLikeNumbers } from '../common/text';
import type { RegFile } from './ast';
import { parseReg, reparseReg, type TextChange } from './parser';
import type { RegValueNode } from './values';

export interface RegDocument {
  tree: RegFile;
  model: DocumentModel;
}

export function buildRegModel(text: string): RegDocument {
  const { tree, problems, comments } = parseReg(text);
  const model = emptyModel();
  model.problems = problems;
  model.comments = comments;
  // The values are the writes: one object each, read lazily (see values.ts).
  for (const key of tree.keys) for (const value of key.values) model.registryWrites.push(value as RegValueNode);
  model.portMentions = portMentions(text, tree, comments);
  model.registryEditor = new RegEditor(text, tree);
  return { tree, model };
}

/**
 * The model of `text` from the model of the text before `change` (see reparseReg): keys the change
 * does not touch are not read again, and their port mentions are kept or moved. Undefined when
 * only a full build can tell. The previous document is consumed.
 */
export function rebuildRegModel(previous: RegDocument, text: string, change: TextChange): RegDocument | undefined {
  const parsed = reparseReg({ tree: previous.tree, problems: previous.model.problems, comments: previous.model.comments }, text, change);
  if (!parsed) return undefined;
  const { tree, problems, comments, window } = parsed;
  const model = emptyModel();
  model.problems = problems;
  model.comments = comments;
  // The writes of the keys kept above and below are runs of the previous list: copied, not rebuilt.
  const previousWrites = previous.model.registryWrites;
  let above = 0;
  for (let index = 0; index < window.firstKey; index++) above += previous.tree.keys[index].values.length;
  let below = 0;
  for (let index = window.nextKey; index < previous.tree.keys.length; index++) below += previous.tree.keys[index].values.length;
  const read: RegistryWrite[] = [];
  for (const key of window.keys) for (const value of key.values) read.push(value as RegValueNode);
  model.registryWrites = previousWrites.slice(0, above).concat(read, previousWrites.slice(previousWrites.length - below));
  const before = previous.model.portMentions.filter((mention) => mention.start < window.from);
  const after: PortMention[] = [];
  for (const mention of previous.model.portMentions) {
    if (mention.start >= window.oldResume) after.push({ ...mention, start: mention.start + window.delta, end: mention.end + window.delta });
  }
  model.portMentions = [...before, ...portMentions(text, { header: tree.header, keys: window.keys }, window.comments), ...after];
  model.registryEditor = new RegEditor(text, tree);
  return { tree, model };
}

const PORT_TEXT = /^\s*\d{1,5}\s*(?:-\s*\d{1,5}\s*)?$/;
const PORT_NAME = /port/i;

function portMentions(text: string, tree: RegFile, comments: { span: { start: number; end: number } }[]): PortMention[] {
  const mentions: PortMention[] = [];
  for (const key of tree.keys) {
    for (const value of key.values as RegValueNode[]) {
      // Decided from the kind first: reading data is what costs, and most values are neither.
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
