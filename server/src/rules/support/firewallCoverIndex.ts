// Which earlier verdict rule of a chain decides all of a later rule's traffic (`ruleCovers`),
// found without comparing every pair: a chain of 10,000 rules is 50 million pairs.
//
// A decider's every field must be a superset of the later rule's. Each field ("dimension") of a
// decider is either open (`any`: it decides every value there) or filed under keys: each port of
// a small port set, each network (its address masked to its prefix), each interface or state. A
// later rule names the keys a decider must be filed under (its first port, every network holding
// its first address), so deciders are grouped by which dimensions they restrict, and within a
// group looked up through one map per dimension. A key is necessary, not sufficient: every
// candidate is confirmed with `ruleCovers`, and the earliest confirmed one in chain order wins —
// the rule the plain scan of all earlier rules finds (a property test holds the two equal).
import type { FirewallRule, PortSet, ValueMatch } from '../../parsers/common/firewall';
import { networkPrefixKey, parsedNetwork, type Network } from './firewallAddresses';

/** A decider is filed under at most this many key combinations; beyond, it is checked for every rule. */
const MAX_KEYS_PER_DECIDER = 64;
/** A port set of at most this many ports is filed under each port; a wider one as WIDE. */
const MAX_FILED_PORTS = 16;
/** A later rule that would need more look-ups than this is checked against every earlier rule. */
const MAX_LOOKUPS = 256;

/** Ports are numbers, IPv4 networks numbers, other values strings: each dimension has its own maps. */
type Key = string | number | symbol;

/** Keys that stand for "check each of these": wide port sets, negated matches, `eth+` wildcards. */
const WIDE = Symbol('wide');
const NEGATED = Symbol('negated');
const INTERFACE_WILDCARD = Symbol('interface wildcard');

interface Dimension {
  /** The keys a decider is filed under; undefined when it restricts nothing here. */
  fileKeys(rule: FirewallRule): Key[] | undefined;
  /** The kind of a filed key that look-ups must know exists (WIDE, NEGATED, a prefix length), if any. */
  kindOf(key: Key): Key | undefined;
  /** True when `rule` matches nothing here (an empty port set or value list): whatever covers it, keys cannot tell. */
  matchesNothing(rule: FirewallRule): boolean;
  /** The keys one of which a decider of `rule` is filed under, given the group's kinds. */
  lookupKeys(rule: FirewallRule, kinds: ReadonlySet<Key>): Key[];
}

/** The special keys are their own kinds. */
const symbolKind = (key: Key): Key | undefined => (typeof key === 'symbol' ? key : undefined);

function portDimension(ports: (rule: FirewallRule) => PortSet): Dimension {
  return {
    fileKeys(rule) {
      const set = ports(rule);
      if (set === 'any') return undefined;
      let size = 0;
      for (const range of set) size += range.to - range.from + 1;
      if (size > MAX_FILED_PORTS) return [WIDE];
      const keys: number[] = [];
      for (const range of set) for (let port = range.from; port <= range.to; port++) keys.push(port);
      return keys;
    },
    kindOf: symbolKind,
    matchesNothing: (rule) => ports(rule).length === 0,
    lookupKeys(rule, kinds) {
      const set = ports(rule);
      // Only an open decider covers every port.
      if (set === 'any') return [];
      return kinds.has(WIDE) ? [set[0].from, WIDE] : [set[0].from];
    },
  };
}

/** A match on textual values; `valueKey` files one value, `containingKeys` finds the values holding one. */
function valueDimension(
  values: (rule: FirewallRule) => ValueMatch,
  valueKey: (value: string) => Key,
  containingKeys: (value: string, kinds: ReadonlySet<Key>) => Key[],
  kindOf: (key: Key) => Key | undefined = symbolKind,
): Dimension {
  return {
    fileKeys(rule) {
      const match = values(rule);
      if (match.any) return undefined;
      if (match.negated) return [NEGATED];
      return match.values.length === 1 ? [valueKey(match.values[0])] : [...new Set(match.values.map(valueKey))];
    },
    kindOf,
    matchesNothing: (rule) => {
      const match = values(rule);
      return !match.any && !match.negated && match.values.length === 0;
    },
    lookupKeys(rule, kinds) {
      const match = values(rule);
      if (match.any) return [];
      // Only a negated decider can cover a negated match.
      if (match.negated) return kinds.has(NEGATED) ? [NEGATED] : [];
      const keys = containingKeys(match.values[0], kinds);
      if (kinds.has(NEGATED)) keys.push(NEGATED);
      return keys;
    },
  };
}

const IPV4_KEYS = 2 ** 32;

/**
 * An IPv4 network as a number (prefix length, then the masked address), an IPv6 one as text
 * (`a128/48|…`); text that is no network as `t|text`, containing only itself.
 */
function networkKey(network: Network, prefix: number): Key {
  if (network.bits === 128) return networkPrefixKey(network, prefix);
  const address = Number(network.address);
  const masked = prefix === 0 ? 0 : address - (address % 2 ** (32 - prefix));
  return prefix * IPV4_KEYS + masked;
}

/** An IPv4 key's kind is its prefix length (a number), an IPv6 key's `a128/<prefix>`. */
function networkKind(key: Key): Key | undefined {
  if (typeof key === 'number') return Math.floor(key / IPV4_KEYS);
  if (typeof key === 'string') return key.startsWith('a') ? key.slice(0, key.indexOf('|')) : undefined;
  return key;
}

function addressDimension(values: (rule: FirewallRule) => ValueMatch): Dimension {
  return valueDimension(
    values,
    (value) => {
      const network = parsedNetwork(value);
      return network ? networkKey(network, network.prefix) : `t|${value}`;
    },
    (value, kinds) => {
      const network = parsedNetwork(value);
      if (!network) return [`t|${value}`];
      const keys: Key[] = [];
      // Every prefix length the group's deciders use that could hold this network.
      for (let prefix = 0; prefix <= network.prefix; prefix++) {
        if (kinds.has(network.bits === 32 ? prefix : `a128/${prefix}`)) keys.push(networkKey(network, prefix));
      }
      return keys;
    },
    networkKind,
  );
}

/** `eth0` contains itself; `eth+` (or `eth*`) every name it begins, so wildcards are checked one by one. */
function interfaceDimension(values: (rule: FirewallRule) => ValueMatch): Dimension {
  return valueDimension(
    values,
    (value) => (value.endsWith('+') || value.endsWith('*') ? INTERFACE_WILDCARD : value),
    (value, kinds) => (kinds.has(INTERFACE_WILDCARD) ? [value, INTERFACE_WILDCARD] : [value]),
  );
}

function exactDimension(value: (rule: FirewallRule) => string, isOpen: (value: string) => boolean): Dimension {
  return {
    fileKeys: (rule) => (isOpen(value(rule)) ? undefined : [value(rule)]),
    kindOf: () => undefined,
    matchesNothing: () => false,
    lookupKeys: (rule) => [value(rule)],
  };
}

/** One per field `ruleCovers` compares. */
const DIMENSIONS: readonly Dimension[] = [
  exactDimension((rule) => rule.protocol, (protocol) => protocol === 'any'),
  exactDimension((rule) => rule.family, (family) => family === 'both' || family === 'unknown'),
  portDimension((rule) => rule.destinationPorts),
  portDimension((rule) => rule.sourcePorts),
  addressDimension((rule) => rule.source),
  addressDimension((rule) => rule.destination),
  interfaceDimension((rule) => rule.inInterface),
  interfaceDimension((rule) => rule.outInterface),
  valueDimension(
    (rule) => rule.connectionStates,
    (value) => value,
    (value) => [value],
  ),
];

/** One map per restricted dimension, in order; the last one's entries are positions, ascending. */
type KeyTree = Map<Key, KeyTree | number[]>;

/** Deciders that restrict the same dimensions. */
interface Group {
  dimensions: Dimension[];
  /** Per restricted dimension, the kinds of key its deciders are filed under. */
  kinds: Set<Key>[];
  tree: KeyTree;
}

function combinations(keysPerDimension: readonly Key[][]): number {
  let count = 1;
  for (const keys of keysPerDimension) count *= keys.length;
  return count;
}

export class CoverIndex {
  private readonly groups = new Map<number, Group>();
  /** Deciders restricting nothing, or filed under too many keys: positions, ascending, each checked for every rule. */
  private readonly unfiled: number[] = [];

  /**
   * `rules`: one chain in the order the firewall applies them; `isDecider`: which of them may
   * decide a later one (verdicts whose fields are exact).
   */
  constructor(
    private readonly rules: readonly FirewallRule[],
    private readonly isDecider: (rule: FirewallRule) => boolean,
    private readonly covers: (earlier: FirewallRule, later: FirewallRule) => boolean,
  ) {
    for (let position = 0; position < rules.length; position++) if (isDecider(rules[position])) this.file(rules[position], position);
  }

  /** The first decider before `limit` (a position) that covers `rule`. */
  firstCovering(rule: FirewallRule, limit: number): FirewallRule | undefined {
    let best = this.firstIn(this.unfiled, rule, limit);
    // A rule matching nothing somewhere is covered by deciders filed under no key there.
    if (DIMENSIONS.some((dimension) => dimension.matchesNothing(rule))) return this.scan(rule, limit);
    groups: for (const group of this.groups.values()) {
      const keysPerDimension: Key[][] = [];
      for (let at = 0; at < group.dimensions.length; at++) {
        const keys = group.dimensions[at].lookupKeys(rule, group.kinds[at]);
        // No decider of this group covers the rule.
        if (keys.length === 0) continue groups;
        keysPerDimension.push(keys);
      }
      if (combinations(keysPerDimension) > MAX_LOOKUPS) return this.scan(rule, limit);
      best = this.firstUnder(group.tree, keysPerDimension, 0, rule, best);
    }
    return best < limit ? this.rules[best] : undefined;
  }

  /** The first position under the keys (one per dimension from `at` on) whose decider covers `rule`, if before `best`. */
  private firstUnder(tree: KeyTree, keysPerDimension: readonly Key[][], at: number, rule: FirewallRule, best: number): number {
    const keys = keysPerDimension[at];
    for (let k = 0; k < keys.length; k++) {
      const entry = tree.get(keys[k]);
      if (entry === undefined) continue;
      best = at === keysPerDimension.length - 1 ? this.firstIn(entry as number[], rule, best) : this.firstUnder(entry as KeyTree, keysPerDimension, at + 1, rule, best);
    }
    return best;
  }

  /** The first of `positions` (ascending) before `best` whose decider covers `rule`; else `best`. */
  private firstIn(positions: readonly number[], rule: FirewallRule, best: number): number {
    for (let k = 0; k < positions.length && positions[k] < best; k++) if (this.covers(this.rules[positions[k]], rule)) return positions[k];
    return best;
  }

  /** The plain definition, for the rare rule keys cannot narrow. */
  private scan(rule: FirewallRule, limit: number): FirewallRule | undefined {
    for (let position = 0; position < limit; position++) {
      const candidate = this.rules[position];
      if (this.isDecider(candidate) && this.covers(candidate, rule)) return candidate;
    }
    return undefined;
  }

  private file(rule: FirewallRule, position: number): void {
    let mask = 0;
    const restricted: Dimension[] = [];
    const keysPerDimension: Key[][] = [];
    for (let at = 0; at < DIMENSIONS.length; at++) {
      const keys = DIMENSIONS[at].fileKeys(rule);
      if (!keys) continue;
      mask |= 1 << at;
      restricted.push(DIMENSIONS[at]);
      keysPerDimension.push(keys);
    }
    const count = combinations(keysPerDimension);
    // A decider matching nothing somewhere covers only rules matching nothing there, which are scanned.
    if (count === 0) return;
    if (restricted.length === 0 || count > MAX_KEYS_PER_DECIDER) {
      this.unfiled.push(position);
      return;
    }
    let group = this.groups.get(mask);
    if (!group) this.groups.set(mask, (group = { dimensions: restricted, kinds: restricted.map(() => new Set()), tree: new Map() }));
    for (let at = 0; at < restricted.length; at++) {
      const keys = keysPerDimension[at];
      for (let k = 0; k < keys.length; k++) {
        const kind = restricted[at].kindOf(keys[k]);
        if (kind !== undefined) group.kinds[at].add(kind);
      }
    }
    this.insert(group.tree, keysPerDimension, 0, position);
  }

  /** Files `position` under every combination of keys, one per dimension from `at` on. */
  private insert(tree: KeyTree, keysPerDimension: readonly Key[][], at: number, position: number): void {
    const keys = keysPerDimension[at];
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
      const entry = tree.get(key);
      if (at === keysPerDimension.length - 1) {
        if (entry) (entry as number[]).push(position);
        else tree.set(key, [position]);
      } else if (entry) {
        this.insert(entry as KeyTree, keysPerDimension, at + 1, position);
      } else {
        const child: KeyTree = new Map();
        tree.set(key, child);
        this.insert(child, keysPerDimension, at + 1, position);
      }
    }
  }
}
