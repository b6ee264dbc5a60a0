// The indexed order checks of rules/support/firewall.ts (which earlier rule shadows a later one;
// which chains a rule is reached through) against their plain definitions, on random small
// rulesets: every pair of rules compared, every path into a chain walked.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ANY, normalizePortSet, type FirewallModel, type FirewallRule, type PortSet, type ValueMatch } from '../../../server/src/parsers/common/firewall';
import {
  admitsNewConnections,
  effectiveIngressAllows,
  isIngress,
  isOpenToAnySource,
  ruleCovers,
  shadowsOf,
  type Shadow,
} from '../../../server/src/rules/support/firewall';

const isVerdict = (rule: FirewallRule) => rule.action === 'allow' || rule.action === 'deny';

const signature = (rule: FirewallRule) =>
  JSON.stringify([
    rule.action,
    rule.protocol,
    rule.family,
    rule.destinationPorts,
    rule.sourcePorts,
    rule.source,
    rule.destination,
    rule.inInterface,
    rule.outInterface,
    rule.connectionStates,
    rule.otherMatches,
  ]);

/** Every earlier rule of the chain, in order, until the first duplicate. */
function plainShadowOf(firewall: FirewallModel, rule: FirewallRule): Shadow | undefined {
  if (!rule.orderSensitive || !isVerdict(rule)) return undefined;
  const chain = firewall.rules.filter((other) => other.table === rule.table && other.chain === rule.chain).sort((a, b) => a.index - b.index);
  const duplicate = chain.find((other) => other !== rule && other.index < rule.index && isVerdict(other) && signature(other) === signature(rule));
  for (const candidate of chain) {
    if (candidate === duplicate || candidate.index >= rule.index) break;
    if (isVerdict(candidate) && ruleCovers(candidate, rule)) return { by: candidate, duplicate: false };
  }
  return duplicate ? { by: duplicate, duplicate: true } : undefined;
}

/** Every path up through the jumps into the rule's chain, each rule on it at most once. */
function plainHoldsOnSomePath(firewall: FirewallModel, rule: FirewallRule, test: (rule: FirewallRule) => boolean, visiting = new Set<FirewallRule>()): boolean {
  if (!test(rule) || visiting.has(rule)) return false;
  const callers = firewall.rules.filter((other) => (other.action === 'jump' || other.action === 'goto') && other.table === rule.table && other.jumpTarget === rule.chain);
  if (callers.length === 0) return true;
  visiting.add(rule);
  const holds = callers.some((caller) => plainHoldsOnSomePath(firewall, caller, test, visiting));
  visiting.delete(rule);
  return holds;
}

const CHAINS = ['INPUT', 'ADMIN', 'WEB'];

const portSet: fc.Arbitrary<PortSet> = fc.oneof(
  fc.constant<PortSet>('any'),
  fc
    .array(
      fc.tuple(fc.integer({ min: 20, max: 45 }), fc.integer({ min: 0, max: 20 })).map(([from, width]) => ({ from, to: from + (width > 14 ? width : width % 3) })),
      { maxLength: 4 },
    )
    .map((ranges) => normalizePortSet(ranges)),
);

function valueMatch(values: readonly string[]): fc.Arbitrary<ValueMatch> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(ANY) },
    {
      weight: 2,
      arbitrary: fc
        .record({ values: fc.subarray([...values], { maxLength: Math.min(6, values.length) }), negated: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }) })
        .map(({ values, negated }): ValueMatch => ({ any: false, values, negated, text: values.join(',') })),
    },
  );
}

const ADDRESSES = ['10.0.0.0/8', '10.0.0.0/7', '10.1.0.0/16', '10.1.2.0/24', '10.1.2.3', '10.1.2.3/32', '192.168.0.0/16', '0.0.0.0/0', '::1', '2001:db8::/32', '2001:db8::5', 'mail.example', '10.0.0.1-10.0.0.9'];
const INTERFACES = ['eth0', 'eth1', 'eth+', 'lo', 'ppp*'];
const STATES = ['new', 'established', 'related', 'invalid'];

const draft = fc.record({
  action: fc.constantFrom<FirewallRule['action']>('allow', 'allow', 'deny', 'deny', 'jump', 'goto', 'return', 'continue', 'other'),
  jumpTarget: fc.constantFrom(...CHAINS),
  chain: fc.constantFrom(...CHAINS),
  table: fc.constantFrom<string | undefined>('filter', 'filter', 'filter', undefined),
  protocol: fc.constantFrom('any', 'tcp', 'tcp', 'udp'),
  family: fc.constantFrom<FirewallRule['family']>('ipv4', 'ipv6', 'both', 'unknown'),
  direction: fc.constantFrom<FirewallRule['direction']>('inbound', 'forward', 'outbound'),
  destinationPorts: portSet,
  sourcePorts: fc.oneof({ weight: 4, arbitrary: fc.constant<PortSet>('any') }, { weight: 1, arbitrary: portSet }),
  source: valueMatch(ADDRESSES),
  destination: fc.oneof({ weight: 4, arbitrary: fc.constant(ANY) }, { weight: 1, arbitrary: valueMatch(ADDRESSES) }),
  inInterface: valueMatch(INTERFACES),
  outInterface: fc.oneof({ weight: 4, arbitrary: fc.constant(ANY) }, { weight: 1, arbitrary: valueMatch(INTERFACES) }),
  connectionStates: valueMatch(STATES),
  otherMatches: fc.oneof({ weight: 5, arbitrary: fc.constant<string[]>([]) }, { weight: 1, arbitrary: fc.constant<string[]>(['-m limit --limit 5/s']) }),
  orderSensitive: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  /** A repeated index is a verdict map's entries. */
  sameIndexAsPrevious: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  /** Repeat an earlier rule's matches: duplicates and near-duplicates are what the index must get right. */
  copyOf: fc.option(fc.nat(), { freq: 3 }),
});

const firewallModel: fc.Arbitrary<FirewallModel> = fc.array(draft, { maxLength: 40, size: 'medium' }).map((drafts) => {
  const rules: FirewallRule[] = [];
  const nextIndex = new Map<string | undefined, number>();
  for (const [at, { sameIndexAsPrevious, copyOf, jumpTarget, ...fields }] of drafts.entries()) {
    const copied = copyOf !== null && rules.length > 0 ? rules[copyOf % rules.length] : undefined;
    const matches = copied ? { ...copied, action: fields.action, chain: fields.chain, table: fields.table, otherMatches: fields.otherMatches } : fields;
    const index = nextIndex.get(fields.chain) ?? 0;
    nextIndex.set(fields.chain, sameIndexAsPrevious ? index : index + 1);
    rules.push({
      ...matches,
      orderSensitive: fields.orderSensitive,
      purpose: 'filter',
      target: fields.action,
      ...(fields.action === 'jump' || fields.action === 'goto' ? { jumpTarget } : { jumpTarget: undefined }),
      index: sameIndexAsPrevious ? Math.max(0, index - 1) : index,
      span: { start: at, end: at + 1 },
    });
  }
  return { rules, policies: [], includes: [] };
});

describe('firewall order checks', () => {
  test('shadowsOf finds what comparing every pair finds', () => {
    fc.assert(
      fc.property(firewallModel, (firewall) => {
        assert.deepEqual(shadowsOf(firewall), firewall.rules.map((rule) => plainShadowOf(firewall, rule)));
      }),
      { numRuns: 1500 },
    );
  });

  test('paths into a chain: what walking every path finds', () => {
    fc.assert(
      fc.property(firewallModel, (firewall) => {
        for (const rule of firewall.rules) {
          const openToAnySource = plainHoldsOnSomePath(firewall, rule, (candidate) => (candidate.source.any || candidate.source.negated) && admitsNewConnections(candidate));
          assert.equal(isOpenToAnySource(firewall, rule), openToAnySource);
        }
        const plainAllows = firewall.rules.filter(
          (rule) => rule.action === 'allow' && isIngress(rule) && plainHoldsOnSomePath(firewall, rule, admitsNewConnections) && !plainShadowOf(firewall, rule),
        );
        assert.deepEqual(effectiveIngressAllows(firewall), plainAllows);
      }),
      { numRuns: 800 },
    );
  });
});
