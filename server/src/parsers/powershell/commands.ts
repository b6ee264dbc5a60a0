// Reading commands the way rules ask about them: "the -Path of this Set-ItemProperty,
// named, splatted or positional, and the literal it comes down to".
// Values are resolved through literal assignments (`$port = 59532`) and splatting
// (`@params`), so spans point at where the literal is written.
import type { Span } from '../common/model';
import type { PsCommand, PsHashtable, PsScript, PsValue } from './ast';
import { parseNumberLiteral } from './chars';
import { scriptSlot } from './memo';

export type PsResolved =
  | {
      kind: 'string';
      value: string;
      /** Where the value is written (with its quotes), or the use site for an assembled string. */
      span: Span;
      /** The text between the quotes when the value is one literal; undefined when assembled. */
      contentSpan: Span | undefined;
    }
  | { kind: 'number'; value: number; text: string; span: Span }
  | { kind: 'array'; items: PsResolved[]; span: Span }
  | { kind: 'hashtable'; node: PsHashtable; span: Span };

export interface PsArgumentValue {
  readonly node: PsValue;
  /** Where the value sits in the command (or in the splatted hashtable). */
  readonly span: Span;
  readonly resolved: PsResolved | undefined;
}

export interface PsBoundParameter {
  /** As written, without the dash. */
  name: string;
  /** The `-Name` token, or the hashtable key for a splatted parameter. */
  nameSpan: Span;
  /** Undefined for a switch. */
  value: PsArgumentValue | undefined;
  fromSplat: boolean;
}

export interface PsCommandView {
  command: PsCommand;
  /** Lower-cased canonical name (`set-itemproperty`, `reg`, `netsh`). */
  name: string;
  readonly parameters: PsBoundParameter[];
  readonly positionals: PsArgumentValue[];
  /** The last parameter with one of these names (case-insensitive, exact; pass aliases too). */
  parameter(...names: string[]): PsBoundParameter | undefined;
  /** Whether `parameter(...names)` may find one, without binding: one is written, or a splat may hold it. */
  mayBind(...names: string[]): boolean;
  positional(index: number): PsArgumentValue | undefined;
  /**
   * Binds like PowerShell: each entry of `order` is a parameter (its names and aliases);
   * named ones come from `parameter`, the rest take the positional arguments in order.
   */
  bind(order: readonly (readonly string[])[]): (PsArgumentValue | undefined)[];
}

const MAX_RESOLVE_DEPTH = 16;
/**
 * Steps one resolution may take, and the longest string it may assemble: `$b = "$a$a$a…"` nested a
 * few times would otherwise take exponentially many steps and build an exponentially long value.
 * Past either, the value is unknown.
 */
const MAX_RESOLVE_STEPS = 10_000;
const MAX_RESOLVED_LENGTH = 1 << 20;
/** The steps left to the resolution under way. */
let stepsLeft = 0;

type Assignment = PsScript['assignments'][number];

/** Assignments by variable name, built once per script so each look-up is a binary search. */
const assignmentIndex = scriptSlot<Map<string, Assignment[]>>('assignmentsByName');

function assignmentsOf(script: PsScript, name: string): Assignment[] {
  let index = assignmentIndex.get(script);
  if (index === undefined) {
    index = new Map();
    for (const assignment of script.assignments) {
      const list = index.get(assignment.name);
      if (list === undefined) index.set(assignment.name, [assignment]);
      else list.push(assignment);
    }
    assignmentIndex.set(script, index);
  }
  return index.get(name) ?? [];
}

function lastAssignmentBefore(script: PsScript, name: string, offset: number): Assignment | undefined {
  const list = assignmentsOf(script, name);
  let low = 0;
  let high = list.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (list[middle].span.start < offset) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  // The nearest one visible from `offset`: a parameter or function-local variable only counts inside its scope.
  for (let i = found; i >= 0; i--) {
    const scope = list[i].scope;
    if (scope === undefined || (scope.start <= offset && offset < scope.end)) return list[i];
  }
  return undefined;
}

/**
 * A variable look-up a command's values came from. A re-parse keeps a command below the edit, with
 * what was derived from it, when each of its look-ups still finds the same assignment.
 */
interface Lookup {
  name: string;
  /** Where the variable is written: a span of the tree, moved with it by a re-parse. */
  at: Span;
  assignment: Assignment | undefined;
}

/** Where the look-ups of the resolution under way are recorded, if anywhere. */
let recording: Lookup[] | undefined;

function lookUp(script: PsScript, name: string, at: Span): Assignment | undefined {
  const assignment = lastAssignmentBefore(script, name, at.start);
  recording?.push({ name, at, assignment });
  return assignment;
}

/** Records the look-ups made until `stopRecording` as ones `view`'s command depends on; returns what to restore. */
export function startRecording(view: PsCommandView): Lookup[] | undefined {
  const previous = recording;
  recording = (view as CommandView).lookups;
  return previous;
}

export function stopRecording(previous: Lookup[] | undefined): void {
  recording = previous;
}

function hashEntryValue(table: PsHashtable, key: string): PsValue | undefined {
  let value: PsValue | undefined;
  for (const entry of table.entries) if (entry.key.toLowerCase() === key) value = entry.value;
  return value;
}

function resolveIn(script: PsScript, node: PsValue, depth: number): PsResolved | undefined {
  if (depth > MAX_RESOLVE_DEPTH || --stepsLeft < 0) return undefined;
  switch (node.kind) {
    case 'number':
      return { kind: 'number', value: node.value, text: node.text, span: node.span };
    case 'string': {
      if (node.value !== undefined) {
        const contentSpan = node.parts.length <= 1 ? node.contentSpan : undefined;
        return { kind: 'string', value: node.value, span: node.span, contentSpan };
      }
      let value = '';
      for (const part of node.parts) {
        if (part.kind === 'text') value += part.value;
        else if (part.kind === 'variable') {
          const resolved = resolveIn(script, part.variable, depth + 1);
          if (resolved?.kind === 'string') value += resolved.value;
          else if (resolved?.kind === 'number') value += String(resolved.value);
          else return undefined;
        } else return undefined;
        if (value.length > MAX_RESOLVED_LENGTH) return undefined;
      }
      return { kind: 'string', value, span: node.span, contentSpan: undefined };
    }
    case 'variable': {
      const assignment = lookUp(script, node.name, node.span);
      if (assignment?.value === undefined) return undefined;
      let target: PsValue | undefined = assignment.value;
      for (const member of node.members) {
        const table: PsResolved | undefined = target === undefined ? undefined : resolveIn(script, target, depth + 1);
        target = table?.kind === 'hashtable' ? hashEntryValue(table.node, member) : undefined;
      }
      return target === undefined ? undefined : resolveIn(script, target, depth + 1);
    }
    case 'array': {
      const items: PsResolved[] = [];
      for (const item of node.items) {
        const resolved = resolveIn(script, item, depth + 1);
        if (resolved === undefined) return undefined;
        items.push(resolved);
      }
      return { kind: 'array', items, span: node.span };
    }
    case 'hashtable':
      return { kind: 'hashtable', node, span: node.span };
    case 'subexpression': {
      // `(59532)`, `@('a', 'b')`: one expression statement inside.
      const [only, ...rest] = node.statements;
      if (only === undefined && node.opener === '@(') return { kind: 'array', items: [], span: node.span };
      if (only === undefined || rest.length > 0 || only.kind !== 'pipeline' || only.elements.length !== 1) return undefined;
      const element = only.elements[0];
      if (element.kind !== 'expression') return undefined;
      const inner = resolveIn(script, element.value, depth + 1);
      if (node.opener === '@(' && inner !== undefined && inner.kind !== 'array') return { kind: 'array', items: [inner], span: node.span };
      return inner;
    }
    case 'staticMember':
      // `[Microsoft.Win32.RegistryValueKind]::DWord` names a registry type.
      if (/registryvaluekind$/i.test(node.typeName)) return { kind: 'string', value: node.member, span: node.span, contentSpan: undefined };
      return undefined;
    case 'other':
      return node.cast === undefined ? undefined : castValue(node.cast, resolveIn(script, node.children[1], depth + 1));
    default:
      return undefined;
  }
}

/** .NET integer types a cast converts to, with their ranges. */
const INTEGER_TYPES: ReadonlyMap<string, { min: number; max: number }> = new Map([
  ['byte', { min: 0, max: 0xff }],
  ['sbyte', { min: -0x80, max: 0x7f }],
  ['int16', { min: -0x8000, max: 0x7fff }],
  ['short', { min: -0x8000, max: 0x7fff }],
  ['uint16', { min: 0, max: 0xffff }],
  ['ushort', { min: 0, max: 0xffff }],
  ['int', { min: -0x80000000, max: 0x7fffffff }],
  ['int32', { min: -0x80000000, max: 0x7fffffff }],
  ['uint32', { min: 0, max: 0xffffffff }],
  ['uint', { min: 0, max: 0xffffffff }],
  ['long', { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }],
  ['int64', { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }],
  ['uint64', { min: 0, max: Number.MAX_SAFE_INTEGER }],
  ['ulong', { min: 0, max: Number.MAX_SAFE_INTEGER }],
]);

/** .NET rounds a fraction of exactly one half to the even neighbour. */
function roundHalfToEven(value: number): number {
  const rounded = Math.round(value);
  return Math.abs(value % 1) === 0.5 && rounded % 2 !== 0 ? rounded - 1 : rounded;
}

/**
 * What a cast makes of a literal: `[int]'59532'` is the number, `[string]59532` the string, `[int[]]`
 * each item. The result stays where the literal is written, but a number turned into a string is no
 * literal the script shows (a quick fix replaces the whole argument). Other types, and values a cast
 * would reject, give undefined.
 */
function castValue(type: string, value: PsResolved | undefined): PsResolved | undefined {
  if (value === undefined) return undefined;
  const name = type.replace(/\s+/g, '').toLowerCase().replace(/^system\./, '');
  if (name.endsWith('[]')) {
    const itemType = name.slice(0, -2);
    const items = value.kind === 'array' ? value.items : [value];
    const cast: PsResolved[] = [];
    for (const item of items) {
      const converted = castValue(itemType, item);
      if (converted === undefined) return undefined;
      cast.push(converted);
    }
    return { kind: 'array', items: cast, span: value.span };
  }
  if (name === 'string') {
    if (value.kind === 'string') return value;
    if (value.kind === 'number' && Number.isSafeInteger(value.value)) return { kind: 'string', value: String(value.value), span: value.span, contentSpan: undefined };
    return undefined;
  }
  const range = INTEGER_TYPES.get(name);
  if (range === undefined) return undefined;
  let number: { value: number; text: string; span: Span } | undefined;
  if (value.kind === 'number') number = value;
  else if (value.kind === 'string') {
    const parsed = parseNumberLiteral(value.value.trim());
    if (parsed !== undefined) number = { value: parsed, text: value.value.trim(), span: value.contentSpan ?? value.span };
  }
  if (number === undefined || !Number.isFinite(number.value)) return undefined;
  const integer = roundHalfToEven(number.value);
  if (integer < range.min || integer > range.max) return undefined;
  return { kind: 'number', value: integer, text: number.text, span: number.span };
}

/** The literal a value comes down to, through variables, `( )` and `@( )`. */
export function resolveValue(script: PsScript, node: PsValue): PsResolved | undefined {
  stepsLeft = MAX_RESOLVE_STEPS;
  return resolveIn(script, node, 0);
}

/** The last literal assigned to `$name` before `atOffset`; undefined when it is not a literal. */
export function resolveVariable(script: PsScript, name: string, atOffset: number): PsResolved | undefined {
  const assignment = lastAssignmentBefore(script, name.replace(/^\$/, '').toLowerCase(), atOffset);
  return assignment?.value === undefined ? undefined : resolveValue(script, assignment.value);
}

/**
 * The script views resolve against. Views kept from one version of a script to its re-parse (the
 * commands above the edit) move to the new version with it: one object, re-pointed, so that no old
 * version stays reachable from them.
 */
interface ResolutionContext {
  script: PsScript;
}

/** An argument whose literal is looked up the first time a reader asks: most commands are never asked. */
class LazyArgumentValue implements PsArgumentValue {
  private cached: PsResolved | undefined | null = null;

  constructor(
    private readonly context: ResolutionContext,
    readonly node: PsValue,
    private readonly lookups: Lookup[],
  ) {}

  get span(): Span {
    return this.node.span;
  }

  get resolved(): PsResolved | undefined {
    if (this.cached === null) {
      const previous = recording;
      recording = this.lookups;
      this.cached = resolveValue(this.context.script, this.node);
      recording = previous;
    }
    return this.cached;
  }
}

/** A command's parameters and positionals are bound when first asked: most commands never are. */
class CommandView implements PsCommandView {
  readonly name: string;
  private bound: { parameters: PsBoundParameter[]; positionals: PsArgumentValue[] } | undefined;
  /** What readers derived from this command alone (`viewMemo`), by memo; made for the first value not a memo's `empty`. */
  memos: unknown[] | undefined;
  /** One bit per memo that holds its `empty` value: most commands give most readers nothing. */
  emptyMemos = 0;
  /** The variable look-ups its bound values came from. */
  readonly lookups: Lookup[] = [];

  constructor(
    private readonly context: ResolutionContext,
    readonly command: PsCommand,
  ) {
    this.name = command.normalizedName;
  }

  get parameters(): PsBoundParameter[] {
    return (this.bound ??= this.bindElements()).parameters;
  }

  get positionals(): PsArgumentValue[] {
    return (this.bound ??= this.bindElements()).positionals;
  }

  private bindElements(): { parameters: PsBoundParameter[]; positionals: PsArgumentValue[] } {
    const { context, lookups } = this;
    const { script } = context;
    const parameters: PsBoundParameter[] = [];
    const positionals: PsArgumentValue[] = [];
    // Indexed: this runs for most commands once, before it is optimised (`for…of` allocates per item).
    const { elements } = this.command;
    for (let e = 0; e < elements.length; e++) {
      const element = elements[e];
      if (element.kind === 'parameter') {
        parameters.push({
          name: element.name,
          nameSpan: element.nameSpan,
          value: element.value === undefined ? undefined : new LazyArgumentValue(context, element.value, lookups),
          fromSplat: false,
        });
      } else if (element.kind === 'argument') {
        positionals.push(new LazyArgumentValue(context, element.value, lookups));
      } else {
        const previous = recording;
        recording = lookups;
        const assignment = lookUp(script, element.name, element.span);
        const splatted = assignment?.value === undefined ? undefined : resolveValue(script, assignment.value);
        recording = previous;
        if (splatted?.kind === 'hashtable') {
          for (const entry of splatted.node.entries) {
            parameters.push({
              name: entry.key,
              nameSpan: entry.keySpan,
              value: entry.value === undefined ? undefined : new LazyArgumentValue(context, entry.value, lookups),
              fromSplat: true,
            });
          }
        } else if (splatted?.kind === 'array') {
          for (const item of splatted.items) positionals.push({ node: { kind: 'other', span: item.span, children: [] }, span: item.span, resolved: item });
        }
      }
    }
    return { parameters, positionals };
  }

  parameter(...names: string[]): PsBoundParameter | undefined {
    const { parameters } = this;
    for (let i = parameters.length - 1; i >= 0; i--) {
      const candidate = parameters[i].name;
      for (let n = 0; n < names.length; n++) if (equalsIgnoringCase(names[n], candidate)) return parameters[i];
    }
    return undefined;
  }

  mayBind(...names: string[]): boolean {
    const { elements } = this.command;
    for (let e = 0; e < elements.length; e++) {
      const element = elements[e];
      if (element.kind === 'splat') return true;
      if (element.kind !== 'parameter') continue;
      for (let n = 0; n < names.length; n++) if (equalsIgnoringCase(names[n], element.name)) return true;
    }
    return false;
  }

  positional(index: number): PsArgumentValue | undefined {
    return this.positionals[index];
  }

  bind(order: readonly (readonly string[])[]): (PsArgumentValue | undefined)[] {
    let next = 0;
    const bound: (PsArgumentValue | undefined)[] = [];
    for (let i = 0; i < order.length; i++) {
      const named = this.parameter(...order[i]);
      bound.push(named !== undefined ? named.value : this.positionals[next++]);
    }
    return bound;
  }
}

/** Moves by `delta` the offsets at or after `from` that a value derived from a view holds. */
export type MemoMover<T> = (value: T, from: number, delta: number) => void;

/** How to move what each memo holds, by memo (its slot in `CommandView.memos`). */
const memoMovers: MemoMover<never>[] = [];

/** Memos past this many keep their `empty` value in a slot too: the bits stay small integers. */
const EMPTY_BITS = 30;

/**
 * What a reader derives from one command alone (its findings, say), kept on the command's view. A
 * re-parse keeps the views of the commands above an edit, and of those below it that read the same
 * assignments, and with them what was derived, moved by `move` when the edit moved the command.
 * Only for values that depend on nothing but the view and the text it reads (no settings).
 * `empty`, the one value most views hold (shared, so it holds no offsets and is never moved), is
 * kept as a bit on the view: a view whose every memo holds it has no slots.
 */
export function viewMemo<T>(move: MemoMover<T>, empty?: T): { get(view: PsCommandView): T | undefined; set(view: PsCommandView, value: T): void } {
  const index = memoMovers.push(move as MemoMover<never>) - 1;
  const bit = empty !== undefined && index < EMPTY_BITS ? 1 << index : 0;
  return {
    get: (view) => {
      const { memos, emptyMemos } = view as CommandView;
      if ((emptyMemos & bit) !== 0) return empty;
      return memos === undefined ? undefined : (memos[index] as T | undefined);
    },
    set: (view, value) => {
      const commandView = view as CommandView;
      if (bit !== 0 && value === empty) {
        commandView.emptyMemos |= bit;
        if (commandView.memos !== undefined) commandView.memos[index] = undefined;
        return;
      }
      commandView.emptyMemos &= ~bit;
      (commandView.memos ??= new Array<unknown>(memoMovers.length).fill(undefined))[index] = value;
    },
  };
}

/** Moves what readers derived from `view`: its slots (a memo's `empty` value holds no offsets). */
function moveMemos(memos: unknown[], from: number, delta: number): void {
  for (let index = 0; index < memos.length; index++) {
    const value = memos[index];
    if (value !== undefined) (memoMovers[index] as MemoMover<unknown>)(value, from, delta);
  }
}

/** Case-insensitive equality, without lower-casing copies for the ASCII names parameters have. */
function equalsIgnoringCase(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x > 127 || y > 127) return a.toLowerCase() === b.toLowerCase();
    const lower = x | 0x20;
    if (lower !== (y | 0x20) || lower < 97 || lower > 122) return false;
  }
  return true;
}

/** Named parameters and positional arguments of one command, splatting expanded. */
export function viewCommand(script: PsScript, command: PsCommand): PsCommandView {
  return new CommandView({ script }, command);
}

const commandViews = scriptSlot<{ context: ResolutionContext; views: readonly PsCommandView[] } | undefined>('commandViews');

/**
 * Every command in the script, nested ones (script blocks, functions, `$( )`) included, in source
 * order. Viewed once per script: the model, several rules and features each walk them; a view binds
 * its arguments, and each argument resolves, only when asked.
 */
export function commands(script: PsScript): readonly PsCommandView[] {
  let entry = commandViews.get(script);
  if (!entry) {
    const context = { script };
    entry = { context, views: script.commands.map((command) => new CommandView(context, command)) };
    commandViews.set(script, entry);
  }
  return entry.views;
}

/**
 * Gives `script`, a re-parse of `previous`, the views `previous` has of its first `above` commands
 * (above the edit, as is everything they read, so what they bound and resolved holds) and of its
 * last `below` ones (moved by `delta` from `from` on, in old offsets), those whose every variable
 * look-up still finds the same assignment; what readers derived from those (`viewMemo`) is moved
 * with them. `previous` is consumed: its remaining views resolve against `script` from now on.
 */
export function adoptCommandViews(script: PsScript, previous: PsScript, above: number, below: number, from: number, delta: number): void {
  const entry = commandViews.get(previous);
  if (entry === undefined) return;
  commandViews.set(previous, undefined);
  const { context } = entry;
  context.script = script;
  const old = entry.views as CommandView[];
  const views: CommandView[] = old.slice(0, above);
  const firstBelow = script.commands.length - below;
  for (let i = above; i < firstBelow; i++) views.push(new CommandView(context, script.commands[i]));
  for (let i = firstBelow, j = old.length - below; i < script.commands.length; i++, j++) {
    const view = old[j];
    if (view.command === script.commands[i] && stillResolves(script, view.lookups)) {
      if (delta !== 0 && view.memos !== undefined) moveMemos(view.memos, from, delta);
      views.push(view);
    } else views.push(new CommandView(context, script.commands[i]));
  }
  commandViews.set(script, { context, views });
}

function stillResolves(script: PsScript, lookups: readonly Lookup[]): boolean {
  for (const lookup of lookups) if (lastAssignmentBefore(script, lookup.name, lookup.at.start) !== lookup.assignment) return false;
  return true;
}
