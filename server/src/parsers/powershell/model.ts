// PowerShell script → the format-neutral model: registry writes from Set-ItemProperty,
// New-ItemProperty, Remove-ItemProperty and `reg add|delete`; comments; port mentions in
// port-ish places (port parameters, bindings, netsh port arguments, port variables and
// registry port values); and a registry editor that rewrites those commands.
import {
  emptyModel,
  type DocumentModel,
  type OffsetEdit,
  type ParseProblem,
  type PortMention,
  type RegistryData,
  type RegistryDataType,
  type RegistryEditor,
  type RegistryWrite,
  type ScopedSuppression,
  type Span,
} from '../common/model';
import { readNetshFirewall, WindowsFirewallBuilder, WindowsFirewallCalls } from '../cmd/firewall';
import type { NativeArg } from '../cmd/nativeArg';
import { netshPortMentions, parseNetsh } from '../cmd/netsh';
import { portMentionsInList, portNumber } from '../cmd/portList';
import { endsWithIgnoringCase, isPortValueName } from '../cmd/portValues';
import {
  expandRegistryHive,
  hiveStyledLike,
  parseRegCommand,
  parseRegInteger,
  regMoveToKeyEdits,
  regSetValueEdits,
  registryWriteKey,
  withoutNoOps,
  type RegCommand,
} from '../cmd/regCommand';
import type { PsAssignment, PsCommand, PsHashtable, PsScript, PsValue } from './ast';
import { invalidPortProblems, portPosition } from './bindings';
import { adoptCommandViews, commands, resolveValue, startRecording, stopRecording, type PsArgumentValue, type PsBoundParameter, type PsCommandView, type PsResolved } from './commands';
import { FIREWALL_RULE_CMDLETS, readFirewallCmdlet } from './firewall';
import { keptAboveEdit, keptBelowEdit, parsePowerShell, reparsePowerShell, type KeptList } from './parser';
import { scriptSlot } from './memo';
import type { TextChange } from '../reg/parser';
import { blockSuppressions, scriptSuppressions } from './suppressions';

const PATH = ['Path', 'LiteralPath', 'PSPath', 'LP'];
const NAME = ['Name', 'PSProperty'];
const VALUE = ['Value'];
const SET_ORDER = [PATH, NAME, VALUE];
const NEW_OR_REMOVE_ORDER = [PATH, NAME];

/** A Map, not an object: `-Type constructor` names no type. */
const PS_TYPES: ReadonlyMap<string, RegistryDataType> = new Map([
  ['string', 'REG_SZ'],
  ['expandstring', 'REG_EXPAND_SZ'],
  ['multistring', 'REG_MULTI_SZ'],
  ['dword', 'REG_DWORD'],
  ['qword', 'REG_QWORD'],
  ['binary', 'REG_BINARY'],
  ['none', 'REG_NONE'],
  ['unknown', 'REG_NONE'],
]);

const HIVE_DRIVES: Record<string, string> = {
  HKLM: 'HKEY_LOCAL_MACHINE',
  HKCU: 'HKEY_CURRENT_USER',
  HKCR: 'HKEY_CLASSES_ROOT',
  HKU: 'HKEY_USERS',
  HKCC: 'HKEY_CURRENT_CONFIG',
};

const PROVIDER_PREFIX = /^(microsoft\.powershell\.core\\)?registry::\\*/i;

/** Paths as written → key paths: a script repeats a few paths many times. */
const keyPaths = new Map<string, string | undefined>();
/** A bound for scripts of generated paths; past it the memo starts over. */
const MAX_REMEMBERED_PATHS = 10_000;

/**
 * A PowerShell registry path (`HKLM:\X`, `Registry::HKEY_LOCAL_MACHINE\X`, `HKLM\X`) as
 * `HKEY_LOCAL_MACHINE\X`; undefined for a path that is not in the registry.
 */
export function psRegistryKeyPath(path: string): string | undefined {
  if (keyPaths.has(path)) return keyPaths.get(path);
  if (keyPaths.size >= MAX_REMEMBERED_PATHS) keyPaths.clear();
  const keyPath = readRegistryKeyPath(path);
  keyPaths.set(path, keyPath);
  return keyPath;
}

function readRegistryKeyPath(path: string): string | undefined {
  let rest = path.trim().replace(/\//g, '\\');
  const provider = PROVIDER_PREFIX.exec(rest);
  if (provider !== null) rest = rest.slice(provider[0].length);
  else {
    const colon = rest.indexOf(':');
    const drive = colon > 0 ? HIVE_DRIVES[rest.slice(0, colon).toUpperCase()] : undefined;
    if (drive !== undefined) rest = drive + (rest[colon + 1] === '\\' ? '' : '\\') + rest.slice(colon + 1);
  }
  const expanded = expandRegistryHive(rest);
  return expanded.toUpperCase().startsWith('HKEY_') ? expanded : undefined;
}

/** `keyPath` written in the style of `original` (drive, provider path or plain hive). */
function psPathStyledLike(original: string, keyPath: string): string {
  const provider = PROVIDER_PREFIX.exec(original);
  if (provider !== null) return provider[0] + keyPath;
  const colon = original.indexOf(':');
  const drive = colon > 0 ? original.slice(0, colon) : '';
  if (HIVE_DRIVES[drive.toUpperCase()] !== undefined) {
    const slash = keyPath.indexOf('\\');
    const hive = slash < 0 ? keyPath : keyPath.slice(0, slash);
    const short = Object.keys(HIVE_DRIVES).find((key) => HIVE_DRIVES[key] === hive.toUpperCase());
    if (short !== undefined) return `${short}:${keyPath.slice(hive.length) || '\\'}`;
  }
  return hiveStyledLike(original, keyPath);
}

interface LiteralString {
  value: string;
  span: Span;
  contentSpan: Span | undefined;
}

function literalStrings(resolved: PsResolved | undefined): LiteralString[] {
  if (resolved === undefined) return [];
  if (resolved.kind === 'string') return [{ value: resolved.value, span: resolved.span, contentSpan: resolved.contentSpan }];
  if (resolved.kind === 'number') return [{ value: String(resolved.value), span: resolved.span, contentSpan: resolved.span }];
  if (resolved.kind === 'array') return resolved.items.flatMap((item) => literalStrings(item));
  return [];
}

/** What Set-ItemProperty writes without `-Type` for a new value: .NET infers it from the object. */
function inferredType(resolved: PsResolved | undefined): RegistryDataType {
  if (resolved?.kind === 'number') return Number.isInteger(resolved.value) && Math.abs(resolved.value) <= 0x7fffffff ? 'REG_DWORD' : 'REG_SZ';
  if (resolved?.kind === 'string') return 'REG_SZ';
  if (resolved?.kind === 'array') return 'REG_MULTI_SZ';
  return 'REG_OTHER';
}

function numberOf(resolved: PsResolved): number | undefined {
  if (resolved.kind === 'number') return Number.isInteger(resolved.value) ? resolved.value : undefined;
  if (resolved.kind === 'string') return parseRegInteger(resolved.value);
  return undefined;
}

function registryData(type: RegistryDataType, resolved: PsResolved | undefined): RegistryData {
  if (resolved === undefined) return { kind: 'invalid' };
  switch (type) {
    case 'REG_DWORD':
    case 'REG_QWORD': {
      const value = numberOf(resolved);
      return value === undefined ? { kind: 'invalid' } : { kind: 'number', value };
    }
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
      if (resolved.kind === 'string') return { kind: 'string', value: resolved.value };
      if (resolved.kind === 'number') return { kind: 'string', value: String(resolved.value) };
      return { kind: 'invalid' };
    case 'REG_MULTI_SZ':
      return { kind: 'strings', value: literalStrings(resolved).map((item) => item.value) };
    case 'REG_BINARY': {
      const bytes = resolved.kind === 'array' ? resolved.items.map((item) => numberOf(item)) : [];
      return bytes.every((byte) => byte !== undefined && byte >= 0 && byte <= 255) && bytes.length > 0
        ? { kind: 'bytes', value: bytes as number[] }
        : { kind: 'invalid' };
    }
    default:
      return { kind: 'invalid' };
  }
}

/** How to rewrite one item-property command, kept per write for the editor. */
interface ItemPropertyTarget {
  view: PsCommandView;
  operation: 'set' | 'new' | 'remove';
  path: LiteralString;
  value: PsArgumentValue | undefined;
  type: PsBoundParameter | undefined;
}

type EditTarget = { kind: 'itemProperty'; target: ItemPropertyTarget } | { kind: 'reg'; command: RegCommand };

/** A span of its own, for `moveFacts` to move without moving the tree's. */
function copySpan(span: Span): Span {
  return { start: span.start, end: span.end };
}

/** Adds the writes of an item-property command to `writes`, each with spans of its own (see `detached`). */
function itemPropertyWrites(view: PsCommandView, writes: CommandFacts['writes']): void {
  const operation = view.name === 'set-itemproperty' ? 'set' : view.name === 'new-itemproperty' ? 'new' : 'remove';
  const bound = view.bind(operation === 'set' ? SET_ORDER : NEW_OR_REMOVE_ORDER);
  const pathArg = bound[0];
  const nameArg = bound[1];
  const value = operation === 'remove' ? undefined : (bound[2] ?? view.parameter('Value')?.value);
  const typeParameter = operation === 'set' ? view.parameter('Type') : view.parameter('PropertyType', 'Type');
  if (pathArg === undefined || nameArg === undefined) return;
  const commandSpan = view.command.span;
  const paths = literalStrings(pathArg.resolved);
  const names = literalStrings(nameArg.resolved);
  for (let p = 0; p < paths.length; p++) {
    const path = paths[p];
    const keyPath = psRegistryKeyPath(path.value);
    if (keyPath === undefined) continue;
    for (let n = 0; n < names.length; n++) {
      const name = names[n];
      const target: EditTarget = { kind: 'itemProperty', target: { view, operation, path, value, type: typeParameter } };
      // A removal has no type or data; its data span is the name's.
      const deleted = operation === 'remove';
      const type = deleted ? undefined : writtenType(typeParameter, value);
      const write: RegistryWrite = {
        keyPath,
        keySpan: copySpan(path.contentSpan ?? path.span),
        valueName: name.value,
        nameSpan: copySpan(name.contentSpan ?? name.span),
        statementSpan: copySpan(commandSpan),
        type,
        data: type === undefined ? { kind: 'invalid' } : registryData(type, value?.resolved),
        dataSpan: copySpan(deleted ? name.span : (value?.resolved?.span ?? value?.span ?? { start: commandSpan.end, end: commandSpan.end })),
        deleted,
      };
      writes.push({ write, target });
    }
  }
}

/** The type `-Type`/`-PropertyType` names, or the one the value implies when there is none. */
function writtenType(typeParameter: PsBoundParameter | undefined, value: PsArgumentValue | undefined): RegistryDataType {
  if (typeParameter === undefined) return inferredType(value?.resolved);
  const written = typeParameter.value?.resolved;
  return written?.kind === 'string' ? (PS_TYPES.get(written.value.toLowerCase()) ?? 'REG_OTHER') : 'REG_OTHER';
}

/** The arguments a native program receives from a PowerShell command line. */
function nativeArgs(script: PsScript, command: PsCommand): NativeArg[] {
  const args: NativeArg[] = [];
  const fromNode = (node: PsValue): NativeArg => {
    const resolved = resolveValue(script, node);
    if (node.kind === 'array') {
      // PowerShell passes `a,b` to a native program as two arguments; the author meant one list.
      const items = node.items.map((item) => fromNode(item).value);
      return { value: items.join(','), span: node.span, literal: undefined };
    }
    if (resolved?.kind === 'string') {
      return { value: resolved.value, span: node.span, literal: resolved.contentSpan === undefined ? undefined : { span: resolved.span, contentSpan: resolved.contentSpan } };
    }
    if (resolved?.kind === 'number') return { value: String(resolved.value), span: node.span, literal: { span: resolved.span, contentSpan: resolved.span } };
    return { value: script.text.slice(node.span.start, node.span.end), span: node.span, literal: undefined };
  };
  for (const element of command.elements) {
    if (element.kind === 'parameter') {
      args.push({ value: script.text.slice(element.nameSpan.start, element.nameSpan.end), span: element.nameSpan, literal: undefined });
      if (element.value !== undefined) args.push(fromNode(element.value));
    } else if (element.kind === 'argument') args.push(fromNode(element.value));
  }
  return args;
}

/** The port in a binding: `0.0.0.0:587`, `[::]:993`, `mail.contoso.com:993:SSL`. */
function bindingPort(binding: string): { port: number; start: number; end: number } | undefined {
  const position = portPosition(binding);
  const port = position && portNumber(binding.slice(position.start, position.end));
  return port === undefined || !position ? undefined : { port, ...position };
}

class Mentions {
  /** `found`: where mentions go, in the order they are found; a later mention of a span replaces an earlier one. */
  constructor(
    private readonly text: string,
    private readonly found: PortMention[],
  ) {}

  add(mention: PortMention): void {
    this.found.push(mention);
  }

  /** A number, or a list/range string, written at `resolved`. */
  addResolved(resolved: PsResolved | undefined): void {
    if (resolved === undefined) return;
    if (resolved.kind === 'array') {
      for (const item of resolved.items) this.addResolved(item);
    } else if (resolved.kind === 'number') {
      const port = Number.isInteger(resolved.value) && resolved.value >= 1 && resolved.value <= 65535 ? resolved.value : undefined;
      if (port === undefined) return;
      const written = resolved.text;
      this.add({ ...resolved.span, port, ...(written !== String(port) ? { written } : {}) });
    } else if (resolved.kind === 'string') {
      const verbatim = resolved.contentSpan !== undefined && this.text.slice(resolved.contentSpan.start, resolved.contentSpan.end) === resolved.value;
      for (const mention of portMentionsInList(resolved.value, verbatim ? resolved.contentSpan?.start : undefined, resolved.span)) this.add(mention);
    }
  }

  /** Each item of an argument on its own, so one unknown variable does not hide the others. */
  addValue(script: PsScript, value: PsArgumentValue | undefined): void {
    if (value === undefined) return;
    if (value.node.kind === 'array') for (const item of value.node.items) this.addResolved(resolveValue(script, item));
    else this.addResolved(value.resolved);
  }

  addBindings(value: PsArgumentValue | undefined): void {
    for (const binding of literalStrings(value?.resolved)) {
      const verbatim = binding.contentSpan !== undefined && this.text.slice(binding.contentSpan.start, binding.contentSpan.end) === binding.value;
      let offset = 0;
      for (const piece of binding.value.split(',')) {
        const found = bindingPort(piece.trim());
        const lead = piece.length - piece.trimStart().length;
        if (found !== undefined && verbatim && binding.contentSpan !== undefined) {
          const start = binding.contentSpan.start + offset + lead + found.start;
          this.add({ start, end: start + (found.end - found.start), port: found.port });
        }
        offset += piece.length + 1;
      }
    }
  }

  sorted(): PortMention[] {
    // A stable sort keeps the mentions of one span in the order found: the last of each run wins.
    const ordered = this.found.sort((a, b) => a.start - b.start || a.end - b.end);
    const result: PortMention[] = [];
    for (let i = 0; i < ordered.length; i++) {
      const next = ordered[i + 1];
      if (next === undefined || next.start !== ordered[i].start || next.end !== ordered[i].end) result.push(ordered[i]);
    }
    return result;
  }
}

const ITEM_PROPERTY = new Set(['set-itemproperty', 'new-itemproperty', 'remove-itemproperty']);
const NATIVE = new Set(['reg', 'netsh']);

function isMentionBindingParameter(name: string): boolean {
  return endsWithIgnoringCase(name, 'bindings') || endsWithIgnoringCase(name, 'connectionsettings');
}

/** Whether a parameter of `command` may hold a port or a binding: one named so, or any splatted one. */
function mayHoldPorts(command: PsCommand): boolean {
  const { elements } = command;
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    if (element.kind === 'splat') return true;
    if (element.kind === 'parameter' && (isPortValueName(element.name) || isMentionBindingParameter(element.name))) return true;
  }
  return false;
}

function insertionEdits(inserts: Map<number, string>): OffsetEdit[] {
  return [...inserts].map(([offset, newText]) => ({ start: offset, end: offset, newText }));
}

/** Rewrites a literal string or number written at `literal` to `content`, keeping its quotes. */
function literalEdit(literal: LiteralString, content: string, quoteIfBare: boolean): OffsetEdit {
  const quoted = literal.contentSpan !== undefined && literal.contentSpan.start !== literal.span.start;
  if (quoted && literal.contentSpan !== undefined) return { ...literal.contentSpan, newText: content };
  return { ...literal.span, newText: quoteIfBare ? `'${content}'` : content };
}

/** `([int]59532)`: a cast, in the parentheses an argument needs. */
function isCast(node: PsValue): boolean {
  if (node.kind !== 'subexpression' || node.opener !== '(' || node.statements.length !== 1) return false;
  const [statement] = node.statements;
  if (statement.kind !== 'pipeline' || statement.elements.length !== 1) return false;
  const [element] = statement.elements;
  return element.kind === 'expression' && element.value.kind === 'other' && element.value.cast !== undefined;
}

function itemPropertySetValue(target: ItemPropertyTarget, type: 'REG_DWORD' | 'REG_SZ', value: number): OffsetEdit[] {
  if (target.operation === 'remove') return [];
  const edits: OffsetEdit[] = [];
  const inserts = new Map<number, string>();
  const end = target.view.command.span.end;
  const append = (text: string): void => {
    inserts.set(end, (inserts.get(end) ?? '') + text);
  };
  const valueText = type === 'REG_DWORD' ? String(value) : `'${value}'`;
  if (target.value === undefined) append(` -Value ${valueText}`);
  else {
    // The literal is rewritten where it is written; a value built from variables or
    // expressions, or cast (`([int]'59532')`: the cast decides the type too), is replaced by the
    // literal at the command.
    const resolved = target.value.resolved;
    const quoted = resolved?.kind === 'string' && resolved.contentSpan !== undefined && resolved.contentSpan.start !== resolved.span.start;
    if (isCast(target.value.node)) edits.push({ ...target.value.span, newText: valueText });
    else if (resolved?.kind === 'string' && resolved.contentSpan !== undefined && quoted && type === 'REG_SZ') {
      edits.push({ ...resolved.contentSpan, newText: String(value) });
    } else if (resolved?.kind === 'number' || (resolved?.kind === 'string' && resolved.contentSpan !== undefined)) {
      edits.push({ ...resolved.span, newText: valueText });
    } else edits.push({ ...target.value.span, newText: valueText });
  }
  const typeName = type === 'REG_DWORD' ? 'DWord' : 'String';
  const typeParameter = target.type;
  if (typeParameter === undefined) append(` -${target.operation === 'set' ? 'Type' : 'PropertyType'} ${typeName}`);
  else if (typeParameter.value === undefined) return [];
  else {
    const written = typeParameter.value.resolved;
    if (written?.kind === 'string' && written.contentSpan !== undefined) {
      edits.push(literalEdit({ value: written.value, span: written.span, contentSpan: written.contentSpan }, typeName, typeParameter.fromSplat));
    } else {
      // `[Microsoft.Win32.RegistryValueKind]::DWord` or a variable: replace the argument.
      edits.push({ ...typeParameter.value.span, newText: typeParameter.fromSplat ? `'${typeName}'` : typeName });
    }
  }
  return [...edits, ...insertionEdits(inserts)];
}

function itemPropertyMoveToKey(target: ItemPropertyTarget, keyPath: string): OffsetEdit[] {
  const path = target.path;
  if (path.contentSpan === undefined) return [];
  const styled = psPathStyledLike(path.value, keyPath);
  const quoted = path.contentSpan.start !== path.span.start;
  if (quoted) return [{ ...path.contentSpan, newText: styled }];
  return [{ ...path.span, newText: `'${styled}'` }];
}

export function buildPowerShellModel(text: string): { script: PsScript; model: DocumentModel } {
  const script = parsePowerShell(text);
  return { script, model: powerShellModel(script, undefined) };
}

/**
 * The model of `text`, the previous script's text after `change`: the script is re-parsed from the
 * previous one (which is consumed). What the commands above the edit contribute is kept: they read
 * only text and assignments above them. A command below it is kept, its facts moved with it, when
 * every variable it read still comes from the same assignment; the others are read again.
 * Undefined when the previous script cannot be re-parsed.
 */
export function rebuildPowerShellModel(previous: PsScript, text: string, change: TextChange): { script: PsScript; model: DocumentModel } | undefined {
  const script = reparsePowerShell(previous, text, change);
  if (script === undefined) return undefined;
  const above = keptAboveEdit(script, 'commands');
  const below = keptBelowEdit(script, 'commands');
  const delta = change.newEnd - change.oldEnd;
  const previousViews = commands(previous);
  const previousFacts = factsByCommand.get(previous) ?? [];
  adoptCommandViews(script, previous, above, below, change.oldEnd, delta);
  const views = commands(script);
  const facts = previousFacts.slice(0, above);
  for (let i = facts.length; i < views.length; i++) {
    const j = i - views.length + previousViews.length;
    const kept = i >= views.length - below && views[i] === previousViews[j] ? previousFacts[j] : undefined;
    if (kept === undefined) facts.push(commandFacts(script, views[i]));
    else {
      if (delta !== 0) moveFacts(kept, change.oldEnd, delta);
      facts.push(kept);
    }
  }
  return { script, model: powerShellModel(script, previous, facts) };
}

/** What one command adds to the model. */
interface CommandFacts {
  writes: { write: RegistryWrite; target: EditTarget }[];
  problems: ParseProblem[];
  mentions: PortMention[];
  /** Mentions at the data of the port-named values it writes: they follow every other mention. */
  dataMentions: PortMention[];
  firewall: WindowsFirewallCalls | undefined;
}

/** Moves by `delta` the spans of a command's facts at or after `from` (old offsets): the command was kept below an edit. */
function moveFacts(facts: CommandFacts, from: number, delta: number): void {
  const move = (span: Span): void => {
    if (span.start < from) return;
    span.start += delta;
    span.end += delta;
  };
  for (const { write } of facts.writes) {
    move(write.keySpan);
    move(write.nameSpan);
    move(write.dataSpan);
    move(write.statementSpan);
  }
  for (const problem of facts.problems) move(problem);
  for (const mention of facts.mentions) move(mention);
  for (const mention of facts.dataMentions) move(mention);
  facts.firewall?.moveSpans(from, delta);
}

/** A write with spans of its own, for `moveFacts` to move without moving the tree's. */
function detached(write: RegistryWrite): RegistryWrite {
  return { ...write, keySpan: copySpan(write.keySpan), nameSpan: copySpan(write.nameSpan), dataSpan: copySpan(write.dataSpan), statementSpan: copySpan(write.statementSpan) };
}

/** Most commands add nothing: they share one empty set of facts. */
const NO_FACTS: CommandFacts = Object.freeze({ writes: [], problems: [], mentions: [], dataMentions: [], firewall: undefined });

const factsByCommand = scriptSlot<CommandFacts[]>('commandFacts');
const mentionsByAssignment = scriptSlot<PortMention[][]>('assignmentMentions');
const mentionsByHashtable = scriptSlot<PortMention[][]>('hashtableMentions');
const suppressionsByBlock = scriptSlot<ScopedSuppression[][]>('blockSuppressions');

/**
 * What each item of a list contributes, kept on the script: a re-parse takes the values of the
 * items it kept above the edit from `previous` and, with `alsoBelow` (for values that depend on the
 * item alone, offsets only through the tree's spans), those of the items it kept below it; it
 * computes those of the others.
 */
function perItem<I, T>(slot: ReturnType<typeof scriptSlot<T[]>>, script: PsScript, previous: PsScript | undefined, list: KeptList, items: readonly I[], compute: (item: I) => T, alsoBelow = false): T[] {
  const previousValues = previous === undefined ? [] : (slot.get(previous) ?? []);
  const values = previousValues.slice(0, keptAboveEdit(script, list));
  const firstBelow = alsoBelow ? items.length - keptBelowEdit(script, list) : items.length;
  for (let i = values.length; i < items.length; i++) {
    const j = i - items.length + previousValues.length;
    values.push(i >= firstBelow && j < previousValues.length ? previousValues[j] : compute(items[i]));
  }
  slot.set(script, values);
  return values;
}

const NO_MENTIONS: PortMention[] = [];

function assignmentMentions(script: PsScript, assignment: PsAssignment): PortMention[] {
  const value = assignment.value;
  if (value === undefined || (value.kind !== 'number' && value.kind !== 'array') || !isPortValueName(assignment.name)) return NO_MENTIONS;
  const found: PortMention[] = [];
  new Mentions(script.text, found).addResolved(resolveValue(script, value));
  return found;
}

function hashtableMentions(script: PsScript, table: PsHashtable): PortMention[] {
  let found: PortMention[] | undefined;
  for (const entry of table.entries) {
    if (entry.value?.kind === 'number' && isPortValueName(entry.key)) new Mentions(script.text, (found ??= [])).addResolved(resolveValue(script, entry.value));
  }
  return found ?? NO_MENTIONS;
}

function commandFacts(script: PsScript, view: PsCommandView): CommandFacts {
  const { text } = script;
  const { name } = view;
  const itemProperty = ITEM_PROPERTY.has(name);
  const firewallCmdlet = FIREWALL_RULE_CMDLETS.has(name);
  const native = NATIVE.has(name);
  const ports = !native && mayHoldPorts(view.command);
  if (!itemProperty && !firewallCmdlet && !ports && !native) return NO_FACTS;
  const facts: CommandFacts = { writes: [], problems: [], mentions: [], dataMentions: [], firewall: undefined };
  const { writes, problems } = facts;
  // What the command's values are resolved from decides whether an edit above keeps these facts.
  const recording = startRecording(view);
  // Indexed loops below: this runs once per command, before it is optimised (`for…of` allocates per item).
  if (itemProperty) itemPropertyWrites(view, writes);
  if (name === 'reg') {
    const parsed = parseRegCommand(nativeArgs(script, view.command), view.command.span, 'ps-syntax');
    for (let i = 0; i < parsed.problems.length; i++) problems.push(parsed.problems[i]);
    if (parsed.command?.write !== undefined) writes.push({ write: detached(parsed.command.write), target: { kind: 'reg', command: parsed.command } });
  } else if (name === 'netsh') {
    const netsh = parseNetsh(nativeArgs(script, view.command), view.command.span, text);
    const found = netshPortMentions(netsh, text);
    for (let i = 0; i < found.length; i++) facts.mentions.push(found[i]);
    facts.firewall = new WindowsFirewallCalls();
    readNetshFirewall(netsh, text, facts.firewall);
  } else if (firewallCmdlet) {
    facts.firewall = new WindowsFirewallCalls();
    readFirewallCmdlet(text, view, facts.firewall);
  }
  if (facts.firewall?.empty) facts.firewall = undefined;
  // Binding a command's parameters costs: most commands name none that could hold a port.
  if (ports) {
    const invalid = invalidPortProblems(text, view);
    for (let i = 0; i < invalid.length; i++) problems.push(invalid[i]);
    const mentions = new Mentions(text, facts.mentions);
    const { parameters } = view;
    for (let i = 0; i < parameters.length; i++) {
      const parameter = parameters[i];
      if (isPortValueName(parameter.name)) mentions.addValue(script, parameter.value);
      else if (isMentionBindingParameter(parameter.name)) mentions.addBindings(parameter.value);
    }
  }
  for (let i = 0; i < writes.length; i++) {
    const { write, target } = writes[i];
    if (write.deleted || !isPortValueName(write.valueName)) continue;
    if (target.kind === 'itemProperty') new Mentions(text, facts.dataMentions).addValue(script, target.target.value);
    else if (write.data.kind !== 'invalid') {
      const data = target.command.data;
      const port = write.data.kind === 'number' ? write.data.value : write.data.kind === 'string' ? portNumber(write.data.value.trim()) : undefined;
      const span = data?.literal?.contentSpan;
      if (port !== undefined && port >= 1 && port <= 65535 && span !== undefined) {
        const written = text.slice(span.start, span.end);
        facts.dataMentions.push({ ...span, port, ...(written !== String(port) ? { written } : {}) });
      }
    }
  }
  stopRecording(recording);
  return facts;
}

/**
 * `previous`: the script `script` was re-parsed from, whose per-item values above the edit still
 * hold; `facts`: those of the commands, when already known.
 */
function powerShellModel(script: PsScript, previous: PsScript | undefined, facts = commands(script).map((view) => commandFacts(script, view))): DocumentModel {
  const { text } = script;
  factsByCommand.set(script, facts);
  const registryWrites: RegistryWrite[] = [];
  const problems = script.problems.slice();
  const found: PortMention[] = [];
  const targets = new Map<RegistryWrite, EditTarget>();
  const firewall = new WindowsFirewallBuilder('ps-syntax');
  // Indexed loops here and below: they run once per edit, often before they are optimised, where
  // `for…of` allocates an iterator result per item.
  for (let i = 0; i < facts.length; i++) {
    const command = facts[i];
    if (command === NO_FACTS) continue;
    for (let j = 0; j < command.writes.length; j++) {
      const { write, target } = command.writes[j];
      registryWrites.push(write);
      targets.set(write, target);
    }
    for (let j = 0; j < command.problems.length; j++) problems.push(command.problems[j]);
    for (let j = 0; j < command.mentions.length; j++) found.push(command.mentions[j]);
    command.firewall?.playInto(firewall);
  }
  const byAssignment = perItem(mentionsByAssignment, script, previous, 'assignments', script.assignments, (assignment) => assignmentMentions(script, assignment));
  for (let i = 0; i < byAssignment.length; i++) for (let j = 0; j < byAssignment[i].length; j++) found.push(byAssignment[i][j]);
  const byHashtable = perItem(mentionsByHashtable, script, previous, 'hashtables', script.hashtables, (table) => hashtableMentions(script, table));
  for (let i = 0; i < byHashtable.length; i++) for (let j = 0; j < byHashtable[i].length; j++) found.push(byHashtable[i][j]);
  for (let i = 0; i < facts.length; i++) for (let j = 0; j < facts[i].dataMentions.length; j++) found.push(facts[i].dataMentions[j]);
  const mentions = new Mentions(text, found);
  const suppressions = scriptSuppressions(script).slice();
  const byBlock = perItem(suppressionsByBlock, script, previous, 'scriptBlocks', script.scriptBlocks, (block) => blockSuppressions(text, block), true);
  for (let i = 0; i < byBlock.length; i++) for (let j = 0; j < byBlock[i].length; j++) suppressions.push(byBlock[i][j]);
  // A write is found by position, so that a copy of one still finds its command.
  let byPosition: Map<string, EditTarget> | undefined;
  const targetOf = (write: RegistryWrite): EditTarget | undefined => {
    const own = targets.get(write);
    if (own !== undefined) return own;
    if (byPosition === undefined) {
      byPosition = new Map();
      for (const [candidate, target] of targets) byPosition.set(registryWriteKey(candidate), target);
    }
    return byPosition.get(registryWriteKey(write));
  };
  const registryEditor: RegistryEditor = {
    setValue(write, type, value) {
      const target = targetOf(write);
      if (target === undefined) return [];
      return withoutNoOps(text, target.kind === 'reg' ? regSetValueEdits(target.command, type, value) : itemPropertySetValue(target.target, type, value));
    },
    moveToKey(write, keyPath) {
      const target = targetOf(write);
      if (target === undefined) return [];
      return withoutNoOps(text, target.kind === 'reg' ? regMoveToKeyEdits(target.command, keyPath) : itemPropertyMoveToKey(target.target, keyPath));
    },
  };
  // Ports are read when the rules are built: problems are complete only after.
  const firewallModel = firewall.build();
  return {
    // Fields this format does not fill keep the empty model's values.
    ...emptyModel(),
    registryWrites,
    registryEditor,
    comments: script.comments,
    portMentions: mentions.sorted(),
    problems: [...problems, ...firewall.problems],
    firewall: firewallModel,
    suppressions,
  };
}
