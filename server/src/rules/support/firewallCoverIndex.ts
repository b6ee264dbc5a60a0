// Which earlier verdict rule of a chain decides all of a later rule's traffic (`ruleCovers`),
// found without comparing every pair: a chain of 10,000 rules is 50 million pairs.
//
// A decider's every field must be a superset of the later rule's. Each field ("dimension") of a
// decider is either open (`any`: it decides every value there) or filed under keys: each port of
// a small port set, each network (masked to its prefix), each interface or state. A later rule
// names the keys a decider must be filed under (its first port, every network holding its first
// address), so deciders are grouped by which dimensions they restrict, and within a group looked
// up by the combined key of those dimensions. A key is necessary, not sufficient: every candidate
// is confirmed with `ruleCovers`, and the earliest confirmed one in chain order wins — the same
// rule the plain scan of all earlier rules finds (a property test holds the two equal).
import type { FirewallRule, PortSet, ValueMatch } from '../../parsers/common/firewall';
import { networkPrefixKey, parsedNetwork } from './firewallAddresses';

/** A decider is filed under at most this many combined keys; beyond, it is checked one by one. */
const MAX_KEYS_PER_DECIDER = 64;
/** A port set of at most this many ports is filed under each port; a wider one as `wide`. */
const MAX_FILED_PORTS = 16;
/** A later rule that would need more look-ups than this is checked against every earlier rule. */
const MAX_LOOKUPS = 256;

/** The key that says "checked against every candidate of its kind" (wide port sets, negations, `eth+`). */
const WIDE = 'wide';
const NEGATED = 'neg';
const INTERFACE_WILDCARD = 'w';

interface Dimension {
  /** The keys a decider is filed under; undefined when it restricts nothing in this dimension. */
  fileKeys(rule: FirewallRule): string[] | undefined;
  /**
   * The keys one of which a decider of `rule` must be filed under, given the kinds of key the
   * group's deciders use; 'scan' when keys cannot tell (an empty set, which anything covers).
   */
  lookupKeys(rule: FirewallRule, kinds: ReadonlySet<string>): string[] | 'scan';
}

/** `p|25` → `p`, `n32/24|a0a0a00` → `n32/24`, `wide` → `wide`. */
function kindOf(key: string): string {
  const bar = key.indexOf('|');
  return bar < 0 ? key : key.slice(0, bar);
}

function portDimension(ports: (rule: FirewallRule) => PortSet): Dimension {
  return {
    fileKeys(rule) {
      const set = ports(rule);
      if (set === 'any') return undefined;
      let size = 0;
      for (const range of set) size += range.to - range.from + 1;
      if (size > MAX_FILED_PORTS) return [WIDE];
      const keys: string[] = [];
      for (const range of set) for (let port = range.from; port <= range.to; port++) keys.push(`p|${port}`);
      return keys;
    },
    lookupKeys(rule, kinds) {
      const set = ports(rule);
      // Only an open decider covers every port.
      if (set === 'any') return [];
      if (set.length === 0) return 'scan';
      return kinds.has(WIDE) ? [`p|${set[0].from}`, WIDE] : [`p|${set[0].from}`];
    },
  };
}

/** A match on textual values; `valueKey` files one value, `lookupValueKeys` finds the values containing one. */
function valueDimension(
  values: (rule: FirewallRule) => ValueMatch,
  valueKey: (value: string) => string,
  lookupValueKeys: (value: string, kinds: ReadonlySet<string>) => string[],
): Dimension {
  return {
    fileKeys(rule) {
      const match = values(rule);
      if (match.any) return undefined;
      if (match.negated) return [NEGATED];
      return [...new Set(match.values.map(valueKey))];
    },
    lookupKeys(rule, kinds) {
      const match = values(rule);
      if (match.any) return [];
      // Only a negated decider can cover a negated match.
      if (match.negated) return kinds.has(NEGATED) ? [NEGATED] : [];
      if (match.values.length === 0) return 'scan';
      const keys = lookupValueKeys(match.values[0], kinds);
      if (kinds.has(NEGATED)) keys.push(NEGATED);
      return keys;
    },
  };
}

/** Networks by their masked address; text that is no network contains only itself. */
function addressDimension(values: (rule: FirewallRule) => ValueMatch): Dimension {
  return valueDimension(
    values,
    (value) => {
      const network = parsedNetwork(value);
      return network ? networkPrefixKey(network, network.prefix) : `t|${value}`;
    },
    (value, kinds) => {
      const network = parsedNetwork(value);
      if (!network) return [`t|${value}`];
      const keys: string[] = [];
      // Every prefix length the group's deciders use that could hold this network.
      for (const kind of kinds) {
        if (!kind.startsWith('a')) continue;
        const [bits, prefix] = kind.slice(1).split('/').map(Number);
        if (bits === network.bits && prefix <= network.prefix) keys.push(networkPrefixKey(network, prefix));
      }
      return keys;
    },
  );
}

/** `eth0` contains itself; `eth+` (or `eth*`) every name it begins, so wildcards are checked one by one. */
function interfaceDimension(values: (rule: FirewallRule) => ValueMatch): Dimension {
  return valueDimension(
    values,
    (value) => (value.endsWith('+') || value.endsWith('*') ? INTERFACE_WILDCARD : `e|${value}`),
    (value, kinds) => (kinds.has(INTERFACE_WILDCARD) ? [`e|${value}`, INTERFACE_WILDCARD] : [`e|${value}`]),
  );
}

function exactDimension(value: (rule: FirewallRule) => string, isOpen: (value: string) => boolean): Dimension {
  return {
    fileKeys: (rule) => (isOpen(value(rule)) ? undefined : [`e|${value(rule)}`]),
    lookupKeys: (rule) => [`e|${value(rule)}`],
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
    (value) => `e|${value}`,
    (value) => [`e|${value}`],
  ),
];

/** Deciders that restrict the same dimensions. */
interface Group {
  dimensions: Dimension[];
  /** Per restricted dimension, the kinds of key its deciders are filed under. */
  kinds: Set<string>[];
  /** Positions of deciders by combined key, ascending. */
  byKey: Map<string, number[]>;
  /** Deciders filed under too many keys: positions, ascending. */
  unfiled: number[];
}

/** Every combination of one key per dimension, joined; undefined beyond `limit` combinations. */
function combinedKeys(keysPerDimension: readonly string[][], limit: number): string[] | undefined {
  let count = 1;
  for (const keys of keysPerDimension) count *= keys.length;
  if (count > limit) return undefined;
  let combined = [''];
  for (const [at, keys] of keysPerDimension.entries()) {
    const next: string[] = [];
    for (const prefix of combined) for (const key of keys) next.push(at === 0 ? key : `${prefix}\u0000${key}`);
    combined = next;
  }
  return combined;
}

export class CoverIndex {
  private readonly groups = new Map<number, Group>();

  /**
   * `rules`: one chain in the order the firewall applies them; `isDecider`: which of them may
   * decide a later one (verdicts whose fields are exact).
   */
  constructor(
    private readonly rules: readonly FirewallRule[],
    private readonly isDecider: (rule: FirewallRule) => boolean,
    private readonly covers: (earlier: FirewallRule, later: FirewallRule) => boolean,
  ) {
    for (const [position, rule] of rules.entries()) if (isDecider(rule)) this.file(rule, position);
  }

  /** The first decider before `limit` (a position) that covers `rule`. */
  firstCovering(rule: FirewallRule, limit: number): FirewallRule | undefined {
    let best = limit;
    const firstIn = (positions: readonly number[]) => {
      for (const position of positions) {
        if (position >= best) return;
        if (this.covers(this.rules[position], rule)) {
          best = position;
          return;
        }
      }
    };
    for (const group of this.groups.values()) {
      firstIn(group.unfiled);
      const keysPerDimension: string[][] = [];
      for (const [at, dimension] of group.dimensions.entries()) {
        const keys = dimension.lookupKeys(rule, group.kinds[at]);
        if (keys === 'scan') return this.scan(rule, limit);
        keysPerDimension.push(keys);
      }
      const combined = combinedKeys(keysPerDimension, MAX_LOOKUPS);
      if (!combined) return this.scan(rule, limit);
      for (const key of combined) {
        const positions = group.byKey.get(key);
        if (positions) firstIn(positions);
      }
    }
    return best < limit ? this.rules[best] : undefined;
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
    const keysPerDimension: string[][] = [];
    for (const [at, dimension] of DIMENSIONS.entries()) {
      const keys = dimension.fileKeys(rule);
      if (!keys) continue;
      mask |= 1 << at;
      restricted.push(dimension);
      keysPerDimension.push(keys);
    }
    let group = this.groups.get(mask);
    if (!group) {
      group = { dimensions: restricted, kinds: restricted.map(() => new Set()), byKey: new Map(), unfiled: [] };
      this.groups.set(mask, group);
    }
    for (const [at, keys] of keysPerDimension.entries()) for (const key of keys) group.kinds[at].add(kindOf(key));
    const combined = combinedKeys(keysPerDimension, MAX_KEYS_PER_DECIDER);
    if (!combined) {
      group.unfiled.push(position);
      return;
    }
    for (const key of combined) {
      const positions = group.byKey.get(key);
      if (positions) positions.push(position);
      else group.byKey.set(key, [position]);
    }
  }
}
