// Windows Firewall rules → the neutral FirewallModel, for `netsh advfirewall firewall` lines
// (cmd and PowerShell) and, through the same builder, New-/Set-/Remove-NetFirewallRule.
//
// Windows Firewall is not ordered: a block rule wins over an allow rule wherever either is
// written. The model's `index` is the evaluation order that gives that result (every block
// first, then the allows, each in document order), and `orderSensitive` is false so no rule is
// ever called "shadowed". Without rules of its own a script says nothing about the firewall;
// with some, the default profile policies apply (inbound blocked, outbound allowed).
import {
  ANY,
  emptyFirewallModel,
  INVALID_PORT,
  MAX_PORT,
  normalizePortSet,
  normalizeProtocol,
  type ChainPolicy,
  type Direction,
  type FirewallAction,
  type FirewallModel,
  type FirewallRule,
  type PortMatch,
  type PortSet,
  type ValueMatch,
  type WrittenPort,
} from '../common/firewall';
import type { ParseProblem, Span } from '../common/model';
import { objectSlot } from '../common/slot';
import { netshArg, type NetshArg, type NetshCommand } from './netsh';

/** One item of a port list as written: `135`, `49152-65535`, `RPC`. */
export interface WindowsPortItem {
  text: string;
  span: Span;
}

export interface WindowsPortList {
  /** The whole list as written in the command: what a fix replaces. */
  span: Span;
  items: WindowsPortItem[];
  /** The variable the list comes from, when it is not written in the command. */
  via?: string;
}

export interface WindowsWritten {
  value: string;
  span: Span;
}

/** What one command says about a rule; fields it does not set stay undefined. */
export interface WindowsRuleFields {
  direction?: WindowsWritten;
  action?: WindowsWritten;
  protocol?: WindowsWritten;
  localPorts?: WindowsPortList;
  remotePorts?: WindowsPortList;
  localAddresses?: WindowsWritten[];
  remoteAddresses?: WindowsWritten[];
  enabled?: boolean;
  /** Restrictions the model has no field for (`Program=…`, `Profile=Domain`), by parameter. */
  other?: Record<string, string>;
}

interface PendingRule {
  names: string[];
  span: Span;
  fields: WindowsRuleFields;
  removed: boolean;
}

/** A rule built from one set of fields, with what building it reported. */
interface BuiltRule {
  span: Span;
  problemCode: string;
  rule: FirewallRule;
  problems: ParseProblem[];
}

/** The rule built from a fields object, kept on it. */
const builtRules = objectSlot<WindowsRuleFields, BuiltRule>('builtRule');

/** Address keywords that mean "the remote end is anyone on the Internet". */
const OPEN_ADDRESS_KEYWORDS = new Set(['any', '*']);
/** `-RemoteAddress Internet`: everyone outside the organisation's own networks. */
const INTERNET_KEYWORD = 'internet';

/** Port keywords with a fixed port. */
const KEYWORD_PORTS: ReadonlyMap<string, number> = new Map([
  ['rpcepmap', 135],
  ['rpc-epmap', 135],
  ['iphttps', 443],
  ['iphttpsin', 443],
  ['iphttpsout', 443],
]);

/** What a command does to the rules: create one, change or remove the ones of a name. */
export interface WindowsFirewallSink {
  add(names: readonly string[], span: Span, fields: WindowsRuleFields): void;
  set(names: readonly string[], fields: WindowsRuleFields): void;
  remove(names: readonly string[]): void;
}

type WindowsFirewallCall =
  | { kind: 'add'; names: readonly string[]; span: Span; fields: WindowsRuleFields }
  | { kind: 'set'; names: readonly string[]; fields: WindowsRuleFields }
  | { kind: 'remove'; names: readonly string[] };

/**
 * A command's calls, kept to be played into a builder later (and again, for an unchanged command).
 * They hold their own copies of the spans they were given, so that `moveSpans` can move them.
 */
export class WindowsFirewallCalls implements WindowsFirewallSink {
  private readonly calls: WindowsFirewallCall[] = [];

  add(names: readonly string[], span: Span, fields: WindowsRuleFields): void {
    this.calls.push({ kind: 'add', names, span: { start: span.start, end: span.end }, fields: copyFields(fields) });
  }

  set(names: readonly string[], fields: WindowsRuleFields): void {
    this.calls.push({ kind: 'set', names, fields: copyFields(fields) });
  }

  remove(names: readonly string[]): void {
    this.calls.push({ kind: 'remove', names });
  }

  get empty(): boolean {
    return this.calls.length === 0;
  }

  playInto(sink: WindowsFirewallSink): void {
    for (const call of this.calls) {
      if (call.kind === 'add') sink.add(call.names, call.span, call.fields);
      else if (call.kind === 'set') sink.set(call.names, call.fields);
      else sink.remove(call.names);
    }
  }

  /** Moves by `delta` the spans at or after `from`: the command was kept below an edit. */
  moveSpans(from: number, delta: number): void {
    for (const call of this.calls) {
      if (call.kind === 'remove') continue;
      if (call.kind === 'add') moveSpan(call.span, from, delta);
      moveFieldSpans(call.fields, from, delta);
      // The rule built from the fields holds these spans; the problems found building it, copies.
      for (const problem of builtRules.get(call.fields)?.problems ?? []) moveSpan(problem, from, delta);
    }
  }
}

function moveSpan(span: Span, from: number, delta: number): void {
  if (span.start < from) return;
  span.start += delta;
  span.end += delta;
}

function copySpan(span: Span): Span {
  return { start: span.start, end: span.end };
}

function copyWritten(written: WindowsWritten): WindowsWritten {
  return { value: written.value, span: copySpan(written.span) };
}

function copyPorts(list: WindowsPortList): WindowsPortList {
  return { ...list, span: copySpan(list.span), items: list.items.map((item) => ({ text: item.text, span: copySpan(item.span) })) };
}

/** The fields with spans of their own. */
function copyFields(fields: WindowsRuleFields): WindowsRuleFields {
  const copy: WindowsRuleFields = { ...fields };
  if (fields.direction) copy.direction = copyWritten(fields.direction);
  if (fields.action) copy.action = copyWritten(fields.action);
  if (fields.protocol) copy.protocol = copyWritten(fields.protocol);
  if (fields.localPorts) copy.localPorts = copyPorts(fields.localPorts);
  if (fields.remotePorts) copy.remotePorts = copyPorts(fields.remotePorts);
  if (fields.localAddresses) copy.localAddresses = fields.localAddresses.map(copyWritten);
  if (fields.remoteAddresses) copy.remoteAddresses = fields.remoteAddresses.map(copyWritten);
  return copy;
}

/** Moves every span the fields hold (each once: `copyFields` made them). */
function moveFieldSpans(fields: WindowsRuleFields, from: number, delta: number): void {
  if (fields.direction) moveSpan(fields.direction.span, from, delta);
  if (fields.action) moveSpan(fields.action.span, from, delta);
  if (fields.protocol) moveSpan(fields.protocol.span, from, delta);
  for (const list of [fields.localPorts, fields.remotePorts]) {
    if (!list) continue;
    moveSpan(list.span, from, delta);
    for (const item of list.items) moveSpan(item.span, from, delta);
  }
  for (const written of fields.localAddresses ?? []) moveSpan(written.span, from, delta);
  for (const written of fields.remoteAddresses ?? []) moveSpan(written.span, from, delta);
}

/**
 * Collects rules in document order (a later Set- or `set rule` changes an earlier rule, a
 * Remove- or `delete rule` drops it) and turns them into the neutral model at the end.
 */
export class WindowsFirewallBuilder implements WindowsFirewallSink {
  private readonly rules: PendingRule[] = [];
  /** The rules by each lower-cased name, so a Set- or Remove- finds its rules without a scan. */
  private readonly byName = new Map<string, PendingRule[]>();
  readonly problems: ParseProblem[] = [];

  /** `problemCode`: the syntax rule of the script's format (`ps-syntax`, `cmd-syntax`). */
  constructor(private readonly problemCode: string) {}

  add(names: readonly string[], span: Span, fields: WindowsRuleFields): void {
    const rule: PendingRule = { names: names.map((name) => name.toLowerCase()), span, fields, removed: false };
    this.rules.push(rule);
    for (const name of rule.names) {
      const list = this.byName.get(name);
      if (list === undefined) this.byName.set(name, [rule]);
      else list.push(rule);
    }
  }

  /** Applies `fields` to the earlier rules with this name; a rule the script did not create is unknown and left alone. */
  set(names: readonly string[], fields: WindowsRuleFields): void {
    for (const rule of this.named(names)) rule.fields = { ...rule.fields, ...definedFields(fields), other: { ...rule.fields.other, ...fields.other } };
  }

  remove(names: readonly string[]): void {
    for (const rule of this.named(names)) rule.removed = true;
  }

  private named(names: readonly string[]): Set<PendingRule> {
    const found = new Set<PendingRule>();
    for (const name of names) for (const rule of this.byName.get(name.toLowerCase()) ?? []) if (!rule.removed) found.add(rule);
    return found;
  }

  build(): FirewallModel {
    const model = emptyFirewallModel();
    const built = this.rules.filter((rule) => !rule.removed && rule.fields.enabled !== false).map((rule) => this.builtRule(rule));
    // Block rules first: that is the order in which Windows lets them decide.
    const ordered = [...built.filter((rule) => rule.action === 'deny'), ...built.filter((rule) => rule.action !== 'deny')];
    const next = new Map<string, number>();
    for (const rule of ordered) {
      const chain = rule.chain ?? '';
      rule.index = next.get(chain) ?? 0;
      next.set(chain, rule.index + 1);
    }
    model.rules = built;
    if (built.length > 0) model.policies = defaultPolicies();
    return model;
  }

  /**
   * The rule built from a pending rule's fields. A script re-read after an edit plays the same fields
   * objects again for the commands above the edit: the rule built from them is kept on them.
   */
  private builtRule(pending: PendingRule): FirewallRule {
    const kept = builtRules.get(pending.fields);
    if (kept !== undefined && kept.span === pending.span && kept.problemCode === this.problemCode) {
      for (const problem of kept.problems) this.problems.push(problem);
      return kept.rule;
    }
    const before = this.problems.length;
    const rule = this.toRule(pending);
    const built: BuiltRule = { span: pending.span, problemCode: this.problemCode, rule, problems: this.problems.slice(before) };
    builtRules.set(pending.fields, built);
    return rule;
  }

  private toRule(pending: PendingRule): FirewallRule {
    const { fields } = pending;
    const direction = readDirection(fields.direction?.value);
    const outbound = direction === 'outbound';
    const otherMatches = Object.entries(fields.other ?? {}).map(([key, value]) => `${key}=${value}`);
    const local = this.readPorts(fields.localPorts, 'LocalPort', otherMatches);
    const remote = this.readPorts(fields.remotePorts, 'RemotePort', otherMatches);
    const localAddresses = readAddresses(fields.localAddresses);
    const remoteAddresses = readAddresses(fields.remoteAddresses);
    const action = readAction(fields.action?.value);
    const written = fields.action?.value ?? 'Allow';
    // Packet-level: the service port is the destination port whichever way the rule points.
    const destination = outbound ? remote : local;
    const source = outbound ? local : remote;
    return {
      action,
      target: written,
      direction,
      family: 'both',
      purpose: 'filter',
      protocol: fields.protocol === undefined ? 'any' : normalizeProtocol(fields.protocol.value),
      destinationPorts: destination.set,
      sourcePorts: source.set,
      ...(destination.match ? { destinationPortMatch: destination.match } : {}),
      ...(source.match ? { sourcePortMatch: source.match } : {}),
      source: outbound ? localAddresses : remoteAddresses,
      destination: outbound ? remoteAddresses : localAddresses,
      inInterface: ANY,
      outInterface: ANY,
      connectionStates: ANY,
      otherMatches,
      chain: chainName(direction),
      table: WINDOWS_TABLE,
      orderSensitive: false,
      index: 0,
      span: pending.span,
      ...(fields.action ? { actionSpan: fields.action.span } : {}),
    };
  }

  /** The port set a list means, and the written match when every item is a port or range. */
  private readPorts(list: WindowsPortList | undefined, parameter: string, otherMatches: string[]): { set: PortSet; match?: PortMatch } {
    if (list === undefined) return { set: 'any' };
    const ranges: { from: number; to: number }[] = [];
    const items: WrittenPort[] = [];
    let exact = true;
    let any = false;
    for (const item of list.items) {
      const read = this.readPortItem(item);
      if (read === 'any') any = true;
      else if (read === 'keyword') {
        // `RPC` and friends: ports Windows decides at run time; the set stays an upper bound.
        any = true;
        exact = false;
        otherMatches.push(`${parameter}=${item.text}`);
      } else if (read === undefined) exact = false;
      else {
        ranges.push(read);
        items.push({ range: read, span: item.span });
      }
    }
    if (any) return { set: 'any' };
    if (!exact && items.length === 0) return { set: 'any' };
    const match: PortMatch = { span: list.span, negated: false, items, ...(list.via ? { via: list.via } : {}) };
    return { set: normalizePortSet(ranges), match };
  }

  private readPortItem(item: WindowsPortItem): { from: number; to: number } | 'any' | 'keyword' | undefined {
    const text = item.text.trim();
    const lower = text.toLowerCase();
    if (lower === 'any' || lower === '*') return 'any';
    const fixed = KEYWORD_PORTS.get(lower);
    if (fixed !== undefined) return { from: fixed, to: fixed };
    if (/^[a-z][a-z0-9-]*$/i.test(text)) return 'keyword';
    const range = /^(\d{1,10})\s*-\s*(\d{1,10})$/.exec(text);
    const single = /^\d{1,10}$/.test(text) ? Number(text) : undefined;
    if (range === null && single === undefined) {
      this.problems.push({ ...item.span, code: this.problemCode, message: `'${text}' is not a port, a range like 49152-65535 or a keyword (Any, RPC, RPCEPMap).` });
      return undefined;
    }
    const from = range ? Number(range[1]) : (single as number);
    const to = range ? Number(range[2]) : (single as number);
    const bad = [from, to].find((port) => port < 1 || port > MAX_PORT);
    if (bad !== undefined) {
      this.problems.push({ ...item.span, code: INVALID_PORT, message: `Port ${bad} is outside 1–65535.` });
      return undefined;
    }
    if (from > to) {
      this.problems.push({ ...item.span, code: INVALID_PORT, message: `The port range ${text} ends before it starts.` });
      return undefined;
    }
    return { from, to };
  }
}

export const WINDOWS_TABLE = 'windows';

function chainName(direction: Direction): string {
  return direction === 'inbound' ? 'Inbound' : direction === 'outbound' ? 'Outbound' : 'Unknown';
}

/** The profiles' defaults: block inbound connections no rule allows, allow outbound ones. */
function defaultPolicies(): ChainPolicy[] {
  const at = { start: 0, end: 0 };
  const policy = (direction: 'inbound' | 'outbound', verdict: 'allow' | 'deny'): ChainPolicy => ({
    table: WINDOWS_TABLE,
    chain: chainName(direction),
    direction,
    family: 'both',
    purpose: 'filter',
    policy: verdict,
    written: false,
    span: at,
  });
  return [policy('inbound', 'deny'), policy('outbound', 'allow')];
}

function definedFields(fields: WindowsRuleFields): WindowsRuleFields {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as WindowsRuleFields;
}

function readDirection(written: string | undefined): Direction {
  const lower = (written ?? 'in').toLowerCase();
  if (lower === 'in' || lower === 'inbound' || lower === '1') return 'inbound';
  if (lower === 'out' || lower === 'outbound' || lower === '2') return 'outbound';
  return 'unknown';
}

function readAction(written: string | undefined): FirewallAction {
  const lower = (written ?? 'allow').toLowerCase();
  if (lower === 'allow' || lower === 'bypass' || lower === '2') return 'allow';
  if (lower === 'block' || lower === '4') return 'deny';
  return 'other';
}

function readAddresses(written: WindowsWritten[] | undefined): ValueMatch {
  if (written === undefined || written.length === 0) return ANY;
  const values = written.map((item) => item.value.trim()).filter((value) => value !== '');
  if (values.length === 0 || values.some((value) => OPEN_ADDRESS_KEYWORDS.has(value.toLowerCase()))) return ANY;
  const text = values.join(',');
  // "Internet" is every address outside the organisation's networks: open, in the model's terms.
  if (values.some((value) => value.toLowerCase() === INTERNET_KEYWORD)) return { any: false, values: ['Intranet'], negated: true, text };
  return { any: false, values, negated: false, text };
}

/** Splits a comma list written at `at` (verbatim) into items with their own spans; otherwise one span for all. */
export function splitList(value: string, at: number | undefined, fallback: Span): WindowsWritten[] {
  const items: WindowsWritten[] = [];
  let start = 0;
  for (let i = 0; i <= value.length; i++) {
    if (i < value.length && value[i] !== ',') continue;
    const raw = value.slice(start, i);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed !== '') {
      const span = at === undefined ? fallback : { start: at + start + lead, end: at + start + lead + trimmed.length };
      items.push({ value: trimmed, span });
    }
    start = i + 1;
  }
  return items;
}

// ---------------------------------------------------------------------------------------------
// netsh advfirewall firewall add|set|delete rule

/** netsh keys that restrict a rule in ways the model has no field for. */
const NETSH_OTHER_KEYS = ['program', 'service', 'interfacetype', 'rmtcomputergrp', 'rmtusrgrp', 'security', 'localuser'];

function netshWritten(arg: NetshArg | undefined): WindowsWritten | undefined {
  return arg === undefined ? undefined : { value: arg.value, span: arg.valueSpan };
}

function verbatimStart(arg: NetshArg, text: string): number | undefined {
  return text.slice(arg.valueSpan.start, arg.valueSpan.end) === arg.value ? arg.valueSpan.start : undefined;
}

function netshPorts(arg: NetshArg | undefined, text: string): WindowsPortList | undefined {
  if (arg === undefined) return undefined;
  const items = splitList(arg.value, verbatimStart(arg, text), arg.valueSpan).map((item) => ({ text: item.value, span: item.span }));
  return { span: arg.valueSpan, items };
}

function netshFields(args: readonly NetshArg[], text: string): WindowsRuleFields {
  const find = (key: string) => args.filter((arg) => arg.key === key).pop();
  const fields: WindowsRuleFields = {};
  const direction = netshWritten(find('dir'));
  if (direction) fields.direction = direction;
  const action = netshWritten(find('action'));
  if (action) fields.action = action;
  const protocol = netshWritten(find('protocol'));
  if (protocol) fields.protocol = protocol;
  const localPorts = netshPorts(find('localport'), text);
  if (localPorts) fields.localPorts = localPorts;
  const remotePorts = netshPorts(find('remoteport'), text);
  if (remotePorts) fields.remotePorts = remotePorts;
  for (const [key, target] of [
    ['localip', 'localAddresses'],
    ['remoteip', 'remoteAddresses'],
  ] as const) {
    const arg = find(key);
    if (arg) fields[target] = splitList(arg.value, verbatimStart(arg, text), arg.valueSpan);
  }
  const enable = find('enable');
  if (enable) fields.enabled = enable.value.toLowerCase() !== 'no';
  const other: Record<string, string> = {};
  for (const key of NETSH_OTHER_KEYS) {
    const arg = find(key);
    if (arg) other[key] = arg.value;
  }
  const profile = find('profile');
  if (profile && !/^any$/i.test(profile.value)) other.profile = profile.value;
  if (Object.keys(other).length > 0) fields.other = other;
  return fields;
}

/** Feeds one netsh command line to the builder when it is an `advfirewall firewall … rule`. */
export function readNetshFirewall(command: NetshCommand, text: string, builder: WindowsFirewallSink): void {
  const words = command.words.map((word) => word.text);
  const firewall = words.indexOf('firewall');
  if (firewall < 1 || words[firewall - 1] !== 'advfirewall' || words[firewall + 2] !== 'rule') return;
  const operation = words[firewall + 1];
  const name = netshArg(command, 'name')?.value;
  if (name === undefined) return;
  if (operation === 'add') builder.add([name], command.span, netshFields(command.args, text));
  else if (operation === 'delete') builder.remove([name]);
  else if (operation === 'set') {
    // `set rule name=X [filters] new key=value…`: only what follows `new` changes the rule.
    const newWord = command.words.find((word) => word.text === 'new');
    if (newWord === undefined) return;
    builder.set([name], netshFields(command.args.filter((arg) => arg.span.start > newWord.span.start), text));
  }
}
