// The format-neutral firewall model. iptables-save files, nftables rulesets and (later)
// New-NetFirewallRule / netsh scripts all become this, so that a rule such as "port 25 is
// not reachable" or "this rule is shadowed by an earlier one" is written once.
//
// The one invariant every producer keeps: the typed fields describe a SUPERSET of the
// packets a rule matches. When a rule also restricts packets in a way this model does not
// describe (an ICMP type, a rate limit, a set we could not read), the restriction is kept
// as text in `otherMatches`. So with `otherMatches` empty the fields are exact; otherwise
// they are an upper bound, and an analysis must not claim that such a rule covers another.
import type { PortMention, Span } from './model';

/** An inclusive port range. */
export interface PortRange {
  from: number;
  to: number;
}

/**
 * The ports a packet may have: 'any' when the rule does not restrict them, otherwise
 * ranges within 0–65535, sorted, with overlapping and adjacent ranges merged (so two
 * equal sets compare equal element by element). A set covering 0–65535 is 'any'.
 */
export type PortSet = 'any' | readonly PortRange[];

/** A port or range as the document writes it, for hovers and fixes. */
export interface WrittenPort {
  range: PortRange;
  /** Where the number (or `a:b`, `a-b`) is written; may be in a set or `define` elsewhere. */
  span: Span;
}

/** How a rule writes one port restriction (`--dport 25`, `tcp dport @smtp`, `LocalPort=25`). */
export interface PortMatch {
  /** The list (or reference) in the rule itself: what a fix replaces to change the ports. */
  span: Span;
  /** `! --dport`, `dport !=`: the rule's PortSet is then the complement of the items. */
  negated: boolean;
  /** Each port or range as written, in document order. */
  items: WrittenPort[];
  /** The named set or variable the ports come from (`@exchange_ports`, `$SMTP`), when any. */
  via?: string;
}

/**
 * A match on a list of textual values: addresses, interfaces, connection states.
 * `any: true` when the rule does not restrict it.
 */
export type ValueMatch =
  | { any: true }
  | {
      any: false;
      /** The values, variables resolved (`10.0.0.0/8`, `eth0`, `established`). */
      values: string[];
      /** `!`/`!=`: the rule matches everything except the values. */
      negated: boolean;
      /** As written in the rule (`$MAILBOX_NET`, `{ 10.0.0.0/8, 192.168.0.0/16 }`). */
      text: string;
    };

export const ANY: ValueMatch = { any: true };

/**
 * What a matching packet does next. `allow`/`deny` end its way through the ruleset;
 * the others matter for order-sensitive formats: a `jump` may decide it in another chain,
 * `return` and `continue` hand it on, `other` is a verdict outside filtering (DNAT, QUEUE).
 */
export type FirewallAction = 'allow' | 'deny' | 'jump' | 'goto' | 'return' | 'continue' | 'other';

/** The path through the host a packet takes, as far as the chain (or Windows rule) says. */
export type Direction = 'inbound' | 'outbound' | 'forward' | 'unknown';

/** Which IP versions a rule can match. */
export type IpFamily = 'ipv4' | 'ipv6' | 'both' | 'unknown';

/** What a chain is for: only `filter` chains decide whether traffic passes. */
export type ChainPurpose = 'filter' | 'nat' | 'other';

export interface FirewallRule {
  action: FirewallAction;
  /** The target as written (`ACCEPT`, `LOG`, `reject`, a chain name), for messages. */
  target: string;
  /** The chain a `jump`/`goto` enters. */
  jumpTarget?: string;
  direction: Direction;
  family: IpFamily;
  purpose: ChainPurpose;
  /** Lower-case protocol name (`tcp`, `udp`, `icmp`) or 'any'. Numbers 6/17 become names. */
  protocol: string;
  /**
   * Packet-level ports rather than local/remote: a packet's destination port is the
   * service port whatever the direction (inbound to the Edge, forwarded through a
   * perimeter box, outbound to a smart host), so rules about services read only this.
   */
  destinationPorts: PortSet;
  sourcePorts: PortSet;
  destinationPortMatch?: PortMatch;
  sourcePortMatch?: PortMatch;
  source: ValueMatch;
  destination: ValueMatch;
  inInterface: ValueMatch;
  outInterface: ValueMatch;
  /** Conntrack states, lower case (`established`, `related`, `new`). */
  connectionStates: ValueMatch;
  /** Restrictions the fields above do not describe, as written (see the file comment). */
  otherMatches: string[];
  /** Chain and table: the unit of ordering in iptables and nftables. */
  chain?: string;
  table?: string;
  /** True where the first matching rule wins (iptables, nftables); false for Windows. */
  orderSensitive: boolean;
  /** Position within its chain, from 0. Rules expanded from one verdict map share it. */
  index: number;
  /** The whole rule, for fixes that remove or move it. */
  span: Span;
  /** Where the target/verdict is written, for fixes that change it. */
  actionSpan?: Span;
}

/** The verdict for packets no rule decided (`:INPUT DROP`, `policy drop;`). */
export interface ChainPolicy {
  table: string;
  chain: string;
  direction: Direction;
  family: IpFamily;
  purpose: ChainPurpose;
  policy: 'allow' | 'deny';
  /** False for an nftables base chain without `policy` (it accepts). */
  written: boolean;
  /** The policy keyword, or the chain's name when the policy is implicit. */
  span: Span;
}

export interface FirewallInclude {
  /** As written; never followed (parsers do no IO). */
  path: string;
  span: Span;
}

export interface FirewallModel {
  rules: FirewallRule[];
  policies: ChainPolicy[];
  includes: FirewallInclude[];
}

export function emptyFirewallModel(): FirewallModel {
  return { rules: [], policies: [], includes: [] };
}

export const MAX_PORT = 65535;

/** Sorts and merges ranges; the empty list stays empty (a rule that matches no port). */
export function normalizePortSet(ranges: readonly PortRange[]): PortSet {
  // Most rules name one port or range: kept as written (port sets are never changed in place).
  if (ranges.length === 1) {
    const [only] = ranges;
    if (0 <= only.from && only.from <= only.to && only.to <= MAX_PORT) return only.from === 0 && only.to === MAX_PORT ? 'any' : [only];
  }
  const sorted = ranges
    .map((r) => ({ from: Math.max(0, Math.min(r.from, r.to)), to: Math.min(MAX_PORT, Math.max(r.from, r.to)) }))
    .sort((a, b) => a.from - b.from || a.to - b.to);
  const merged: PortRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.from <= last.to + 1) last.to = Math.max(last.to, range.to);
    else merged.push({ ...range });
  }
  if (merged.length === 1 && merged[0].from === 0 && merged[0].to === MAX_PORT) return 'any';
  return merged;
}

/** Every port 0–65535 not in `set`. */
export function complementPortSet(set: PortSet): PortSet {
  if (set === 'any') return [];
  const result: PortRange[] = [];
  let next = 0;
  for (const range of set) {
    if (range.from > next) result.push({ from: next, to: range.from - 1 });
    next = range.to + 1;
  }
  if (next <= MAX_PORT) result.push({ from: next, to: MAX_PORT });
  return normalizePortSet(result);
}

export function portSetContains(set: PortSet, port: number): boolean {
  if (set === 'any') return port >= 0 && port <= MAX_PORT;
  return set.some((r) => port >= r.from && port <= r.to);
}

/** How many ports the set holds ('any' holds 65536, port 0 included). */
export function portSetSize(set: PortSet): number {
  if (set === 'any') return MAX_PORT + 1;
  return set.reduce((sum, r) => sum + (r.to - r.from + 1), 0);
}

/** True when every port of `inner` is in `outer`. Both must be normalized. */
export function portSetCovers(outer: PortSet, inner: PortSet): boolean {
  if (outer === 'any') return true;
  if (inner === 'any') return false;
  return inner.every((r) => outer.some((o) => o.from <= r.from && r.to <= o.to));
}

/** `25`, `993-995`, `25, 587` or `any`, for messages. */
export function formatPortSet(set: PortSet): string {
  if (set === 'any') return 'any';
  return set.map((r) => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`)).join(', ');
}

/** The ports a written match means, negation applied. */
export function portSetOfMatch(match: PortMatch): PortSet {
  const set = normalizePortSet(match.items.map((item) => item.range));
  return match.negated ? complementPortSet(set) : set;
}

// Service names both iptables (through /etc/services) and nft accept in place of a port.
// Only the IANA names an Exchange firewall plausibly uses; anything else is reported.
const SERVICE_PORTS: ReadonlyMap<string, number> = new Map([
  ['ftp', 21],
  ['ssh', 22],
  ['telnet', 23],
  ['smtp', 25],
  ['domain', 53],
  ['http', 80],
  ['www', 80],
  ['kerberos', 88],
  ['pop3', 110],
  ['ntp', 123],
  ['epmap', 135],
  ['loc-srv', 135],
  ['netbios-ns', 137],
  ['netbios-dgm', 138],
  ['netbios-ssn', 139],
  ['imap', 143],
  ['imap2', 143],
  ['snmp', 161],
  ['ldap', 389],
  ['https', 443],
  ['microsoft-ds', 445],
  ['smtps', 465],
  ['submissions', 465],
  ['submission', 587],
  ['ldaps', 636],
  ['imaps', 993],
  ['pop3s', 995],
  ['ms-sql-s', 1433],
  ['msft-gc', 3268],
  ['msft-gc-ssl', 3269],
  ['ms-wbt-server', 3389],
  ['wsman', 5985],
  ['wsmans', 5986],
]);

/** The port of a well-known service name (`smtp` → 25), case-insensitive. */
export function servicePort(name: string): number | undefined {
  return SERVICE_PORTS.get(name.toLowerCase());
}

const PROTOCOL_NUMBERS: ReadonlyMap<string, string> = new Map([
  ['1', 'icmp'],
  ['6', 'tcp'],
  ['17', 'udp'],
  ['58', 'icmpv6'],
  ['132', 'sctp'],
  ['ipv6-icmp', 'icmpv6'],
  ['icmp6', 'icmpv6'],
  ['all', 'any'],
]);

/** `TCP`, `6` → `tcp`; `all` → `any`. */
export function normalizeProtocol(written: string): string {
  const lower = written.toLowerCase();
  return PROTOCOL_NUMBERS.get(lower) ?? lower;
}

/**
 * A property of every chain (its direction, its purpose): base chains have theirs; a chain
 * entered by jumps takes the one value of all the chains that reach it (transitively),
 * or `mixed` when they differ. Chains nothing reaches are absent from the result.
 */
export function inheritFromCallers<T>(
  base: ReadonlyMap<string, T>,
  jumps: readonly { from: string; to: string }[],
  mixed: T,
): Map<string, T> {
  const reached = new Map<string, Set<T>>();
  for (const [chain, value] of base) reached.set(chain, new Set([value]));
  let changed = true;
  // Fixed point over the jump graph; chains are few, so a simple loop is enough.
  while (changed) {
    changed = false;
    for (const { from, to } of jumps) {
      if (base.has(to)) continue;
      const incoming = reached.get(from);
      if (!incoming) continue;
      let target = reached.get(to);
      if (!target) reached.set(to, (target = new Set()));
      for (const value of incoming) {
        if (!target.has(value)) {
          target.add(value);
          changed = true;
        }
      }
    }
  }
  const result = new Map<string, T>();
  for (const [chain, values] of reached) result.set(chain, values.size === 1 ? [...values][0] : mixed);
  return result;
}

/** Problem codes every firewall parser reports under. */
export const FIREWALL_SYNTAX = 'firewall-syntax';
export const INVALID_PORT = 'invalid-port';

export type PortItemResult =
  | { ok: true; range: PortRange }
  | { ok: false; code: typeof FIREWALL_SYNTAX | typeof INVALID_PORT; message: string };

/**
 * Reads one port or range as written: `25`, `smtp`, `993:995` (iptables, where an open end
 * means 0 or 65535) or `59531-60554` (nftables, both ends required).
 */
export function parsePortItem(text: string, separator: ':' | '-'): PortItemResult {
  // Most items are numbers: a name is looked up (lower-cased) only for text that is not one.
  const named = isDigits(text) ? undefined : servicePort(text);
  if (named !== undefined) return { ok: true, range: { from: named, to: named } };
  const at = text.indexOf(separator);
  if (at < 0) {
    const single = parsePortNumber(text);
    return single.ok ? { ok: true, range: { from: single.port, to: single.port } } : single;
  }
  const openEnds = separator === ':';
  const fromText = text.slice(0, at);
  const toText = text.slice(at + 1);
  if (!openEnds && (fromText === '' || toText === '')) {
    return { ok: false, code: FIREWALL_SYNTAX, message: `'${text}' is not a port range: write it as first${separator}last.` };
  }
  const from = fromText === '' ? { ok: true as const, port: 0 } : parsePortNumber(fromText);
  if (!from.ok) return from;
  const to = toText === '' ? { ok: true as const, port: MAX_PORT } : parsePortNumber(toText);
  if (!to.ok) return to;
  if (from.port > to.port) {
    return { ok: false, code: INVALID_PORT, message: `The port range ${text} ends before it starts.` };
  }
  return { ok: true, range: { from: from.port, to: to.port } };
}

/** One or more ASCII digits (what `/^[0-9]+$/` matches), without a regular expression per port. */
function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function parsePortNumber(
  text: string,
): { ok: true; port: number } | { ok: false; code: typeof FIREWALL_SYNTAX | typeof INVALID_PORT; message: string } {
  if (!isDigits(text)) {
    const named = servicePort(text);
    if (named !== undefined) return { ok: true, port: named };
    return { ok: false, code: FIREWALL_SYNTAX, message: `'${text}' is not a port number or a known service name.` };
  }
  const port = Number(text);
  if (port > MAX_PORT) return { ok: false, code: INVALID_PORT, message: `Port ${text} is outside 0–65535.` };
  return { ok: true, port };
}

/** One mention per number of `25`, `993:995`, `:1024`, `smtp` (the name noted as written). */
export function mentionPorts(
  mentions: PortMention[],
  written: string,
  span: Span,
  inexact: boolean,
  separator: ':' | '-',
): void {
  const whole = parsePortItem(written, separator);
  if (!whole.ok) return;
  if (inexact || whole.range.from === whole.range.to) {
    mentions.push(mention(span.start, span.end, whole.range.from, written));
    if (whole.range.from !== whole.range.to) mentions.push({ start: span.start, end: span.end, port: whole.range.to });
    return;
  }
  const at = written.indexOf(separator);
  const parts = [
    { text: written.slice(0, at), offset: 0 },
    { text: written.slice(at + 1), offset: at + 1 },
  ];
  for (const part of parts) {
    if (part.text === '') continue;
    const item = parsePortItem(part.text, separator);
    if (!item.ok) continue;
    const start = span.start + part.offset;
    mentions.push(mention(start, start + part.text.length, item.range.from, part.text));
  }
}

/** A mention noting how the port is written when that is not its decimal number (`smtp`, `0x19`). Built field by field: mentions are many. */
function mention(start: number, end: number, port: number, written: string): PortMention {
  return isDigits(written) ? { start, end, port } : { start, end, port, written };
}
