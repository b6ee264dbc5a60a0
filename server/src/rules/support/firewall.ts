// What the firewall rules read from the format-neutral FirewallModel: which rules let new
// connections in, which earlier rule already decides a later one, and whether a port is open
// at all once chain order, jumps and policies are played through.
//
// The model's invariant (parsers/common/firewall.ts) is respected throughout: a rule's fields
// are a superset of what it matches, exact only without `otherMatches`. So a rule may decide
// ("covers") another only when it has no `otherMatches`, and a rule with them is treated as
// matching some, not all, of the traffic its fields describe.
import {
  portSetContains,
  portSetCovers,
  type Direction,
  type FirewallModel,
  type FirewallRule,
  type IpFamily,
  type PortSet,
  type ValueMatch,
} from '../../parsers/common/firewall';
import { objectSlot } from '../../parsers/common/slot';
import type { LanguageId } from '../../service/types';
import { isLoopbackNetwork, networkContains } from './firewallAddresses';
import { CoverIndex } from './firewallCoverIndex';

/** The formats whose documents carry a FirewallModel; the firewall rules apply to these. */
export const FIREWALL_LANGUAGES: LanguageId[] = ['iptables', 'nftables'];

/** Traffic arriving at the host (INPUT) or passing through it to a server behind (FORWARD). */
export function isIngress(rule: FirewallRule): boolean {
  return rule.purpose === 'filter' && (rule.direction === 'inbound' || rule.direction === 'forward');
}

function isLoopbackInterface(name: string): boolean {
  return name === 'lo';
}

/** False for rules only established/related traffic or the host's own loopback traffic can match. */
export function admitsNewConnections(rule: FirewallRule): boolean {
  const states = rule.connectionStates;
  if (!states.any && states.negated === states.values.includes('new')) return false;
  const iface = rule.inInterface;
  if (!iface.any && !iface.negated && iface.values.every(isLoopbackInterface)) return false;
  const source = rule.source;
  if (!source.any && !source.negated && source.values.every(isLoopbackNetwork)) return false;
  return true;
}

/** No source restriction, or only "everyone but …". */
function hasOpenSource(rule: FirewallRule): boolean {
  return rule.source.any || rule.source.negated;
}

/**
 * True when `test` holds for the rule and for some way into its chain: a rule in a chain
 * entered only by `-s 10.0.0.0/8 -j ADMIN` inherits that jump's restriction.
 */
function holdsOnSomePath(firewall: FirewallModel, rule: FirewallRule, test: (rule: FirewallRule) => boolean): boolean {
  return test(rule) && chainsReachedWhere(firewall, test).has(rule.table, rule.chain);
}

/** Chains by table and name, answering for a run of rules of one chain without making its key again. */
class ChainSet {
  private readonly keys = new Set<string>();
  private last: { table: string | undefined; chain: string | undefined; has: boolean } | undefined;

  add(key: string): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    this.last = undefined;
    return true;
  }

  has(table: string | undefined, chain: string | undefined): boolean {
    const last = this.last;
    if (last && last.table === table && last.chain === chain) return last.has;
    const has = this.keys.has(exactChainKey(table, chain));
    this.last = { table, chain, has };
    return has;
  }
}

/**
 * The chains some path enters through jump rules that all pass `test`: chains no rule jumps to,
 * and the targets of passing jumps in chains already reached. Computed once per model and test,
 * in one pass over the jump graph, where asking per rule walked every caller of its chain again.
 */
function chainsReachedWhere(firewall: FirewallModel, test: (rule: FirewallRule) => boolean): ChainSet {
  const index = ruleIndex(firewall);
  let reached = index.reachedChains.get(test);
  if (reached) return reached;
  reached = new ChainSet();
  const pending: string[] = [];
  const reach = (key: string) => {
    if (reached.add(key)) pending.push(key);
  };
  for (const key of index.chainKeys) if (!index.callers.has(key)) reach(key);
  for (let key = pending.pop(); key !== undefined; key = pending.pop()) {
    for (const jump of index.jumpsFrom.get(key) ?? []) if (test(jump)) reach(exactChainKey(jump.table, jump.jumpTarget));
  }
  index.reachedChains.set(test, reached);
  return reached;
}

/** Any remote host may reach the rule, on every path into its chain that admits new connections. */
export function isOpenToAnySource(firewall: FirewallModel, rule: FirewallRule): boolean {
  return holdsOnSomePath(firewall, rule, admitsNewConnectionsFromAnySource);
}

function admitsNewConnectionsFromAnySource(rule: FirewallRule): boolean {
  return hasOpenSource(rule) && admitsNewConnections(rule);
}

// ---------------------------------------------------------------------------------------------
// One rule deciding another

type Contains = (outer: string, inner: string) => boolean;

const interfaceContains: Contains = (outer, inner) =>
  outer === inner || ((outer.endsWith('+') || outer.endsWith('*')) && inner.startsWith(outer.slice(0, -1)));

const equals: Contains = (outer, inner) => outer === inner;

/** True when every value `inner` matches, `outer` matches too. */
function valueCovers(outer: ValueMatch, inner: ValueMatch, contains: Contains): boolean {
  if (outer.any) return true;
  if (inner.any) return false;
  const overlaps = (a: string, b: string) => contains(a, b) || contains(b, a);
  if (!outer.negated && !inner.negated) return inner.values.every((v) => outer.values.some((o) => contains(o, v)));
  if (outer.negated && !inner.negated) return inner.values.every((v) => !outer.values.some((o) => overlaps(o, v)));
  if (outer.negated && inner.negated) return outer.values.every((o) => inner.values.some((v) => contains(v, o)));
  return false;
}

function familyCovers(outer: IpFamily, inner: IpFamily): boolean {
  return outer === inner || outer === 'both' || outer === 'unknown';
}

/** True when every packet `later`'s fields describe also matches `earlier` (whose fields must be exact). */
export function ruleCovers(earlier: FirewallRule, later: FirewallRule): boolean {
  return (
    earlier.otherMatches.length === 0 &&
    (earlier.protocol === 'any' || earlier.protocol === later.protocol) &&
    familyCovers(earlier.family, later.family) &&
    portSetCovers(earlier.destinationPorts, later.destinationPorts) &&
    portSetCovers(earlier.sourcePorts, later.sourcePorts) &&
    valueCovers(earlier.source, later.source, networkContains) &&
    valueCovers(earlier.destination, later.destination, networkContains) &&
    valueCovers(earlier.inInterface, later.inInterface, interfaceContains) &&
    valueCovers(earlier.outInterface, later.outInterface, interfaceContains) &&
    valueCovers(earlier.connectionStates, later.connectionStates, equals)
  );
}

function sameValueMatch(a: ValueMatch, b: ValueMatch): boolean {
  if (a.any || b.any) return a.any === b.any;
  return a.negated === b.negated && a.text === b.text && a.values.length === b.values.length && a.values.every((value, at) => value === b.values[at]);
}

function samePortSet(a: PortSet, b: PortSet): boolean {
  if (a === 'any' || b === 'any') return a === b;
  return a.length === b.length && a.every((range, at) => range.from === b[at].from && range.to === b[at].to);
}

/** The same matches and verdict, whatever the spelling of the target (`DROP` / `REJECT`). */
function isDuplicate(a: FirewallRule, b: FirewallRule): boolean {
  return (
    a.action === b.action &&
    a.protocol === b.protocol &&
    a.family === b.family &&
    samePortSet(a.destinationPorts, b.destinationPorts) &&
    samePortSet(a.sourcePorts, b.sourcePorts) &&
    sameValueMatch(a.source, b.source) &&
    sameValueMatch(a.destination, b.destination) &&
    sameValueMatch(a.inInterface, b.inInterface) &&
    sameValueMatch(a.outInterface, b.outInterface) &&
    sameValueMatch(a.connectionStates, b.connectionStates) &&
    a.otherMatches.length === b.otherMatches.length &&
    a.otherMatches.every((match, at) => match === b.otherMatches[at])
  );
}

/** What isDuplicate compares, as one string: rules with equal keys are duplicates. */
function duplicateKey(rule: FirewallRule): string {
  const value = (match: ValueMatch) => (match.any ? '*' : `${match.negated ? '!' : '='}${JSON.stringify([match.values, match.text])}`);
  const ports = (set: PortSet) => (set === 'any' ? '*' : set.map((range) => `${range.from}-${range.to}`).join(','));
  return JSON.stringify([
    rule.action,
    rule.protocol,
    rule.family,
    ports(rule.destinationPorts),
    ports(rule.sourcePorts),
    value(rule.source),
    value(rule.destination),
    value(rule.inInterface),
    value(rule.outInterface),
    value(rule.connectionStates),
    rule.otherMatches,
  ]);
}

/**
 * What the order checks look up, built once per model: with thousands of rules, filtering the
 * whole list for every rule (callers of a chain, earlier rules of a chain) is quadratic or worse.
 */
interface RuleIndex {
  /** Jump and goto rules by the chain they enter (table and chain compared exactly), in model order. */
  callers: Map<string, FirewallRule[]>;
  /** Jump and goto rules by the chain they stand in. */
  jumpsFrom: Map<string, FirewallRule[]>;
  /** The exact keys of the chains that hold rules. */
  chainKeys: Set<string>;
  /** chainsReachedWhere, per test. */
  reachedChains: Map<(rule: FirewallRule) => boolean, ChainSet>;
  /** shadowsOf: by model index. */
  shadows?: (Shadow | undefined)[];
  effectiveIngressAllows?: FirewallRule[];
  /** chainsOf and baseChains, for the port probes. */
  chains?: Map<string, Chain>;
  baseChains: Map<Direction, Chain[]>;
}

/** Kept on the model (see parsers/common/slot.ts for why not in a WeakMap). */
const ruleIndexes = objectSlot<FirewallModel, RuleIndex>('ruleIndex');

/** `undefined` and `''` kept apart, as the strict comparisons they replace do. */
function exactChainKey(table: string | undefined, chain: string | undefined): string {
  return `${table === undefined ? '\u0001' : `=${table}`}\u0000${chain === undefined ? '\u0001' : `=${chain}`}`;
}

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function ruleIndex(firewall: FirewallModel): RuleIndex {
  let index = ruleIndexes.get(firewall);
  if (index) return index;
  index = { callers: new Map(), jumpsFrom: new Map(), chainKeys: new Set(), reachedChains: new Map(), baseChains: new Map() };
  for (const rule of firewall.rules) {
    const key = exactChainKey(rule.table, rule.chain);
    index.chainKeys.add(key);
    if (rule.action === 'jump' || rule.action === 'goto') {
      addTo(index.callers, exactChainKey(rule.table, rule.jumpTarget), rule);
      addTo(index.jumpsFrom, key, rule);
    }
  }
  ruleIndexes.set(firewall, index);
  return index;
}

function isVerdict(rule: FirewallRule): boolean {
  return rule.action === 'allow' || rule.action === 'deny';
}

/** A rule that can decide a later one: a verdict whose fields are exact. */
function isDecider(rule: FirewallRule): boolean {
  return isVerdict(rule) && rule.otherMatches.length === 0;
}

export interface Shadow {
  by: FirewallRule;
  duplicate: boolean;
}

/**
 * For each rule of the model (by its index in `firewall.rules`), what shadows it: the first
 * earlier rule of the same order-sensitive chain that decides all of its traffic, failing that
 * the first earlier verdict rule it duplicates. Computed for every rule at once, chain by chain.
 */
export function shadowsOf(firewall: FirewallModel): readonly (Shadow | undefined)[] {
  const index = ruleIndex(firewall);
  if (index.shadows) return index.shadows;
  const shadows: (Shadow | undefined)[] = new Array<Shadow | undefined>(firewall.rules.length).fill(undefined);
  // Model indexes per chain; Map keys may be undefined, kept apart from ''.
  const chains = new Map<string | undefined, Map<string | undefined, number[]>>();
  firewall.rules.forEach((rule, at) => {
    let tables = chains.get(rule.table);
    if (!tables) chains.set(rule.table, (tables = new Map()));
    addTo(tables, rule.chain, at);
  });
  for (const tables of chains.values()) {
    // Nothing shadows a rule of an unordered chain (Windows Firewall): no need to read its rules.
    for (const members of tables.values()) if (members.some((at) => firewall.rules[at].orderSensitive)) shadowChain(firewall.rules, members, shadows);
  }
  index.shadows = shadows;
  return shadows;
}

/**
 * One chain, `members` its rules' model indexes. Rules sharing an index (one verdict map's
 * entries) never shadow each other. An earlier duplicate decides the rule too when its fields
 * are exact, and then it is the first decider found (one before it would decide the duplicate
 * as well); a duplicate with `otherMatches` decides nothing, so those are looked up by key, and
 * a decider counts only before the first of them.
 */
function shadowChain(all: readonly FirewallRule[], members: number[], shadows: (Shadow | undefined)[]): void {
  // Stable: rules of equal index keep model order.
  members.sort((a, b) => all[a].index - all[b].index);
  const rules = members.map((at) => all[at]);
  let deciders: CoverIndex | undefined;
  const firstInexactOfKey = new Map<string, number>();
  let first = 0;
  for (let position = 0; position < rules.length; position++) {
    const rule = rules[position];
    if (rule.index !== rules[first].index) first = position;
    if (!isVerdict(rule)) continue;
    let duplicate: number | undefined;
    if (rule.otherMatches.length > 0) {
      const key = duplicateKey(rule);
      duplicate = firstInexactOfKey.get(key);
      if (duplicate === undefined) firstInexactOfKey.set(key, position);
      else if (duplicate >= first) duplicate = undefined;
    }
    if (!rule.orderSensitive) continue;
    deciders ??= new CoverIndex(rules, isDecider, ruleCovers);
    const by = deciders.firstCovering(rule, Math.min(first, duplicate ?? first));
    if (by) shadows[members[position]] = { by, duplicate: isDuplicate(by, rule) };
    else if (duplicate !== undefined) shadows[members[position]] = { by: rules[duplicate], duplicate: true };
  }
}

/**
 * Allow rules that let new connections in (or through) and that no earlier rule makes dead:
 * what the port-level rules look at.
 */
export function effectiveIngressAllows(firewall: FirewallModel): FirewallRule[] {
  const index = ruleIndex(firewall);
  if (!index.effectiveIngressAllows) {
    const shadows = shadowsOf(firewall);
    index.effectiveIngressAllows = firewall.rules.filter(
      (rule, at) => rule.action === 'allow' && isIngress(rule) && holdsOnSomePath(firewall, rule, admitsNewConnections) && !shadows[at],
    );
  }
  // Several rules ask for these on every check; each gets its own array to filter or keep.
  return [...index.effectiveIngressAllows];
}

// ---------------------------------------------------------------------------------------------
// Is a port open? Chains played through in order.

export type Protocol = 'tcp' | 'udp';

export interface Probe {
  protocol: Protocol;
  port: number;
}

type Verdict = 'open' | 'closed' | 'fallthrough';
type Match = 'none' | 'some' | 'all';

interface Chain {
  table: string;
  name: string;
  rules: FirewallRule[];
  policy: 'allow' | 'deny' | undefined;
  family: IpFamily;
}

function chainKey(table: string | undefined, chain: string | undefined): string {
  return `${table ?? ''}\u0000${chain ?? ''}`;
}

/** The model's chains with their rules in order and policies, built once per model. */
function chainsOf(firewall: FirewallModel): Map<string, Chain> {
  const index = ruleIndex(firewall);
  if (index.chains) return index.chains;
  const chains = new Map<string, Chain>();
  const get = (table: string, name: string) => {
    const key = chainKey(table, name);
    let chain = chains.get(key);
    if (!chain) chains.set(key, (chain = { table, name, rules: [], policy: undefined, family: 'unknown' }));
    return chain;
  };
  for (const rule of firewall.rules) get(rule.table ?? '', rule.chain ?? '').rules.push(rule);
  for (const policy of firewall.policies) {
    if (policy.purpose !== 'filter') continue;
    const chain = get(policy.table, policy.chain);
    chain.policy = policy.policy;
    chain.family = policy.family;
  }
  for (const chain of chains.values()) chain.rules.sort((a, b) => a.index - b.index);
  index.chains = chains;
  return chains;
}

/** Chains packets enter by themselves: those with a policy, and filter chains no rule jumps to. Once per model and direction. */
function baseChains(firewall: FirewallModel, chains: Map<string, Chain>, direction: Direction): Chain[] {
  const index = ruleIndex(firewall);
  const known = index.baseChains.get(direction);
  if (known) return known;
  const jumpedTo = new Set(firewall.rules.filter((rule) => rule.jumpTarget).map((rule) => chainKey(rule.table, rule.jumpTarget)));
  const policyDirections = new Map(firewall.policies.map((policy) => [chainKey(policy.table, policy.chain), policy]));
  const bases = [...chains.entries()]
    .filter(([key, chain]) => {
      const policy = policyDirections.get(key);
      if (policy) return policy.purpose === 'filter' && policy.direction === direction;
      return !jumpedTo.has(key) && chain.rules.length > 0 && chain.rules.every((rule) => rule.purpose === 'filter' && rule.direction === direction);
    })
    .map(([, chain]) => chain);
  index.baseChains.set(direction, bases);
  return bases;
}

function appliesToFamily(family: IpFamily, probed: 'ipv4' | 'ipv6'): boolean {
  return family === probed || family === 'both' || family === 'unknown';
}

/** Whether a new connection to the probe's port from an arbitrary remote host matches the rule. */
function matchOf(rule: FirewallRule, probe: Probe, family: 'ipv4' | 'ipv6'): Match {
  if (rule.protocol !== 'any' && rule.protocol !== probe.protocol) return 'none';
  if (!portSetContains(rule.destinationPorts, probe.port)) return 'none';
  if (!appliesToFamily(rule.family, family) || !admitsNewConnections(rule)) return 'none';
  const exact =
    rule.otherMatches.length === 0 &&
    rule.source.any &&
    rule.destination.any &&
    rule.inInterface.any &&
    rule.outInterface.any &&
    rule.sourcePorts === 'any' &&
    (rule.connectionStates.any || !rule.connectionStates.negated);
  return exact ? 'all' : 'some';
}

export interface ChainOutcome {
  verdict: Verdict;
  /** The rule that closed the port for every remote host, when one did. */
  closedBy?: FirewallRule;
}

function evaluate(chains: Map<string, Chain>, chain: Chain, probe: Probe, family: 'ipv4' | 'ipv6', visiting: Set<Chain>): ChainOutcome {
  if (visiting.has(chain)) return { verdict: 'fallthrough' };
  visiting.add(chain);
  try {
    for (const rule of chain.rules) {
      const match = matchOf(rule, probe, family);
      if (match === 'none') continue;
      switch (rule.action) {
        case 'allow':
          return { verdict: 'open' };
        case 'deny':
          if (match === 'all') return { verdict: 'closed', closedBy: rule };
          break;
        case 'jump':
        case 'goto': {
          const target = chains.get(chainKey(rule.table, rule.jumpTarget));
          const inner = target ? evaluate(chains, target, probe, family, visiting) : { verdict: 'fallthrough' as const };
          if (inner.verdict === 'open') return inner;
          if (match === 'all' && inner.verdict === 'closed') return { verdict: 'closed', closedBy: inner.closedBy ?? rule };
          // A goto that falls through leaves this chain too.
          if (match === 'all' && rule.action === 'goto') return { verdict: 'fallthrough' };
          break;
        }
        case 'return':
          if (match === 'all') return { verdict: 'fallthrough' };
          break;
        default:
          break;
      }
    }
    return { verdict: 'fallthrough' };
  } finally {
    visiting.delete(chain);
  }
}

function openOnPath(firewall: FirewallModel, chains: Map<string, Chain>, probe: Probe, direction: Direction): boolean {
  const bases = baseChains(firewall, chains, direction);
  return (['ipv4', 'ipv6'] as const).some((family) => {
    const applicable = bases.filter((chain) => appliesToFamily(chain.family, family));
    return (
      applicable.length > 0 &&
      applicable.every((chain) => {
        const { verdict } = evaluate(chains, chain, probe, family, new Set());
        return verdict === 'open' || (verdict === 'fallthrough' && chain.policy !== 'deny');
      })
    );
  });
}

/**
 * The path traffic to the Exchange server takes through this firewall. A file with allow rules
 * in forward chains describes a perimeter firewall in front of the server: its input chains
 * guard the firewall box itself, not the server. Otherwise the file is the server's own.
 */
export function rolePath(firewall: FirewallModel): 'inbound' | 'forward' {
  return firewall.rules.some((rule) => rule.action === 'allow' && rule.purpose === 'filter' && rule.direction === 'forward') ? 'forward' : 'inbound';
}

/**
 * True when a new connection from some remote host reaches the port on the role's path
 * (see rolePath). A path the file does not describe opens nothing.
 */
export function isPortOpen(firewall: FirewallModel, probe: Probe): boolean {
  return openOnPath(firewall, chainsOf(firewall), probe, rolePath(firewall));
}

/**
 * The first rule of `chain` (in the order the firewall applies them) that closes the port for
 * every remote host: a rule added for the port must go before it.
 */
export function firstClosingRule(firewall: FirewallModel, table: string | undefined, chain: string | undefined, probe: Probe): FirewallRule | undefined {
  const chains = chainsOf(firewall);
  const found = chains.get(chainKey(table, chain));
  if (!found) return undefined;
  return found.rules.find((rule) => {
    if (matchOf(rule, probe, 'ipv4') !== 'all' && matchOf(rule, probe, 'ipv6') !== 'all') return false;
    if (rule.action === 'deny') return true;
    if (rule.action !== 'jump' && rule.action !== 'goto') return false;
    const target = chains.get(chainKey(rule.table, rule.jumpTarget));
    return target !== undefined && evaluate(chains, target, probe, 'ipv4', new Set()).verdict === 'closed';
  });
}
