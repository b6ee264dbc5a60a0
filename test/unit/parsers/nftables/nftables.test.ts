import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { NftRule } from '../../../../server/src/parsers/nftables/ast';
import { buildNftablesModel } from '../../../../server/src/parsers/nftables/model';
import { parseNftables, ruleTokens } from '../../../../server/src/parsers/nftables/parser';
import { ANY, type FirewallRule } from '../../../../server/src/parsers/common/firewall';
import { assertSpansInside } from '../../support/spans';

const fixture = (name: string) => readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'nftables', name), 'utf8');

/** The span of the `occurrence`-th (from 0) `needle` in `text`. */
function at(text: string, needle: string, occurrence = 0): { start: number; end: number } {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) {
    start = text.indexOf(needle, start + 1);
    assert.ok(start >= 0, `${needle} #${i} not found`);
  }
  return { start, end: start + needle.length };
}

/** The span of `needle` where it follows `prefix` (the header comment mentions ports too). */
function after(text: string, prefix: string, needle: string): { start: number; end: number } {
  const start = at(text, prefix + needle).start + prefix.length;
  return { start, end: start + needle.length };
}

/** An input chain with `rules`, the ruleset flushed first so references must resolve. */
function inputChain(rules: string, before = ''): string {
  return `flush ruleset\n${before}table inet filter {\n  chain input {\n    type filter hook input priority 0; policy drop;\n${rules}\n  }\n}\n`;
}

const problemsOf = (text: string) =>
  buildNftablesModel(text).model.problems.map((p) => `${p.code} ${JSON.stringify(text.slice(p.start, p.end))}: ${p.message}`);

const rulesOf = (text: string) => buildNftablesModel(text).firewall.rules;

describe('nftables: nftables.conf of an Edge Transport server', () => {
  const text = fixture('nftables.conf');
  const { firewall, model } = buildNftablesModel(text);

  test('reads without problems, the include recorded and not followed', () => {
    assert.deepEqual(model.problems, []);
    assert.deepEqual(firewall.includes, [{ path: '/etc/nftables.d/*.nft', span: at(text, 'include "/etc/nftables.d/*.nft"') }]);
  });

  test('policies: written drop on input and forward, implicit accept on output', () => {
    assert.deepEqual(
      firewall.policies.map((p) => [p.table, p.chain, p.direction, p.policy, p.written, text.slice(p.span.start, p.span.end)]),
      [
        ['inet filter', 'input', 'inbound', 'deny', true, 'drop'],
        ['inet filter', 'forward', 'forward', 'deny', true, 'drop'],
        ['inet filter', 'output', 'outbound', 'allow', false, 'output'],
      ],
    );
  });

  test('every rule in order; the regular chain takes the direction of the chain jumping to it', () => {
    assert.deepEqual(
      firewall.rules.map((r) => `${r.chain}#${r.index} ${r.direction} ${r.action} ${r.protocol} ${r.family}`),
      [
        'input#0 inbound allow any both',
        'input#1 inbound allow any both',
        'input#2 inbound deny any both',
        'input#3 inbound allow icmp ipv4',
        'input#4 inbound allow icmpv6 both',
        'input#5 inbound allow tcp both',
        'input#6 inbound allow tcp ipv4',
        'input#7 inbound allow tcp ipv4',
        'input#8 inbound deny tcp ipv4',
        'input#9 inbound jump tcp both',
        'input#10 inbound deny any both',
        'smtp_in#0 inbound deny any ipv4',
        'smtp_in#1 inbound allow any both',
      ],
    );
  });

  test('EdgeSync from the Mailbox subnet through two variables, in full', () => {
    const line = 'ip saddr $MAILBOX_NET tcp dport $EDGESYNC accept';
    const expected: FirewallRule = {
      action: 'allow',
      target: 'accept',
      direction: 'inbound',
      family: 'ipv4',
      purpose: 'filter',
      protocol: 'tcp',
      destinationPorts: [{ from: 50636, to: 50636 }],
      sourcePorts: 'any',
      destinationPortMatch: {
        span: at(text, '$EDGESYNC', 0),
        negated: false,
        items: [{ range: { from: 50636, to: 50636 }, span: after(text, 'EDGESYNC = ', '50636') }],
        via: '$EDGESYNC',
      },
      source: { any: false, values: ['10.20.0.0/24'], negated: false, text: '$MAILBOX_NET' },
      destination: ANY,
      inInterface: ANY,
      outInterface: ANY,
      connectionStates: ANY,
      otherMatches: [],
      chain: 'input',
      table: 'inet filter',
      orderSensitive: true,
      index: 6,
      span: at(text, line),
      actionSpan: { start: at(text, line).end - 'accept'.length, end: at(text, line).end },
    };
    assert.deepEqual(firewall.rules[6], expected);
  });

  test('a named set with a variable and a range, each port pointing at where it is written', () => {
    const rule = firewall.rules[9];
    assert.deepEqual(rule.destinationPorts, [
      { from: 25, to: 25 },
      { from: 587, to: 587 },
      { from: 59531, to: 60554 },
    ]);
    assert.deepEqual(rule.destinationPortMatch, {
      span: at(text, '@exchange_ports'),
      negated: false,
      via: '@exchange_ports',
      items: [
        { range: { from: 25, to: 25 }, span: after(text, 'SMTP = ', '25') },
        { range: { from: 587, to: 587 }, span: at(text, '587') },
        { range: { from: 59531, to: 60554 }, span: at(text, '59531-60554') },
      ],
    });
    assert.equal(rule.jumpTarget, 'smtp_in');
  });

  test('negated address variable, port set, and log/counter are not matches', () => {
    const rule = firewall.rules[8];
    assert.deepEqual(rule.source, { any: false, values: ['10.99.0.0/24'], negated: true, text: '$ADMIN_NET' });
    assert.deepEqual(rule.destinationPorts, [
      { from: 22, to: 22 },
      { from: 3389, to: 3389 },
    ]);
    assert.deepEqual(rule.otherMatches, []);
  });

  test('connection states and the loopback interface', () => {
    assert.deepEqual(firewall.rules[0].inInterface, { any: false, values: ['lo'], negated: false, text: 'lo' });
    assert.deepEqual(firewall.rules[1].connectionStates, { any: false, values: ['established', 'related'], negated: false, text: 'established,related' });
    assert.deepEqual(firewall.rules[3].otherMatches, ['icmp type { echo-request, destination-unreachable }']);
  });

  test('port mentions where each port is written, once, and rule comments as comments', () => {
    assert.deepEqual(
      model.portMentions.map((m) => [m.port, m.start]),
      [
        [25, after(text, 'SMTP = ', '25').start],
        [50636, after(text, 'EDGESYNC = ', '50636').start],
        [587, at(text, '587').start],
        [59531, at(text, '59531').start],
        [60554, at(text, '60554').start],
        [3389, at(text, '3389').start],
        [22, at(text, '22').start],
        [3389, at(text, '3389', 1).start],
      ],
    );
    assert.ok(model.comments.some((c) => c.text === 'Internet mail'));
    assert.equal(model.comments[0].text, '!/usr/sbin/nft -f');
  });
});

describe('nftables: command form (a file adding to a loaded ruleset)', () => {
  const text = fixture('edge-extra.nft');
  const { firewall, model } = buildNftablesModel(text);

  test('insert rule goes first; references to the running ruleset are not problems', () => {
    assert.deepEqual(model.problems, []);
    assert.deepEqual(
      firewall.rules.map((r) => [r.table, r.chain, r.index, r.action, r.source.any ? 'any' : r.source.values]),
      [
        ['inet filter', 'input', 0, 'allow', ['198.51.100.0/24']],
        ['inet filter', 'input', 1, 'deny', 'any'],
      ],
    );
    assert.deepEqual(firewall.rules[1].span, at(text, 'add rule inet filter input udp dport 53 counter drop'));
  });
});

describe('nftables: the forms that need care', () => {
  test('!= on a port set is the complement', () => {
    const [rule] = rulesOf(inputChain('    tcp dport != { 25, 587 } drop'));
    assert.deepEqual(rule.destinationPorts, [
      { from: 0, to: 24 },
      { from: 26, to: 586 },
      { from: 588, to: 65535 },
    ]);
    assert.equal(rule.destinationPortMatch?.negated, true);
  });

  test('comparisons on a port', () => {
    assert.deepEqual(rulesOf(inputChain('    tcp dport < 1024 drop'))[0].destinationPorts, [{ from: 0, to: 1023 }]);
    assert.deepEqual(rulesOf(inputChain('    udp sport >= 49152 accept'))[0].sourcePorts, [{ from: 49152, to: 65535 }]);
  });

  test('a define holding a set, used in a set', () => {
    const text = inputChain('    tcp dport { $MAIL, 443 } accept', 'define MAIL = { 25, 587 }\n');
    assert.deepEqual(rulesOf(text)[0].destinationPorts, [
      { from: 25, to: 25 },
      { from: 443, to: 443 },
      { from: 587, to: 587 },
    ]);
  });

  test('a verdict map is one rule per entry, sharing the index', () => {
    const text = inputChain('    tcp dport vmap { 25 : accept, 3389 : drop }');
    assert.deepEqual(
      rulesOf(text).map((r) => [r.index, r.destinationPorts, r.action, text.slice(r.actionSpan!.start, r.actionSpan!.end)]),
      [
        [0, [{ from: 25, to: 25 }], 'allow', 'accept'],
        [0, [{ from: 3389, to: 3389 }], 'deny', 'drop'],
      ],
    );
  });

  test('service names and ct state in braces', () => {
    const [rule] = rulesOf(inputChain('    ct state { new } tcp dport { smtp, submission } accept'));
    assert.deepEqual(rule.destinationPorts, [
      { from: 25, to: 25 },
      { from: 587, to: 587 },
    ]);
    assert.deepEqual(rule.connectionStates, { any: false, values: ['new'], negated: false, text: '{ new }' });
  });

  test('a concatenation, a rate limit and a dynamic set are kept as unknown matches', () => {
    const text = inputChain(
      '    ip saddr . tcp dport { 10.0.0.1 . 22 } accept\n    tcp dport 25 limit rate 10/second accept\n    tcp dport @seen accept',
      '',
    ).replace('  chain input {', '  set seen { type inet_service; flags dynamic; }\n  chain input {');
    const rules = rulesOf(text);
    assert.deepEqual(
      rules.map((r) => [r.destinationPorts, r.otherMatches]),
      [
        ['any', ['ip saddr . tcp dport { 10.0.0.1 . 22 }']],
        [[{ from: 25, to: 25 }], ['limit rate 10/second']],
        ['any', ['tcp dport @seen']],
      ],
    );
    assert.deepEqual(problemsOf(text), []);
  });

  test('meta l4proto, iifname strings, reject with', () => {
    const [rule] = rulesOf(inputChain('    iifname "eth1" meta l4proto udp reject with icmpx type port-unreachable'));
    assert.deepEqual([rule.protocol, rule.inInterface, rule.action, rule.otherMatches], ['udp', { any: false, values: ['eth1'], negated: false, text: '"eth1"' }, 'deny', []]);
  });

  test('a chain without a hook reached from nothing has no direction', () => {
    const text = 'table ip t {\n  chain orphan {\n    accept\n  }\n}\n';
    const [rule] = rulesOf(text);
    assert.deepEqual([rule.direction, rule.purpose, rule.family, rule.table], ['unknown', 'other', 'ipv4', 'ip t']);
  });
});

describe('nftables: problems', () => {
  test('bad ports in a rule, a set and a define, each reported once where written', () => {
    const text = inputChain(
      '    tcp dport 70000 accept\n    tcp dport abc accept\n    tcp dport $BAD accept\n    udp dport $BAD accept\n    tcp dport 2000-1000 accept',
      'define BAD = 65536\n',
    );
    assert.deepEqual(problemsOf(text), [
      'invalid-port "65536": Port 65536 is outside 0–65535.',
      'invalid-port "70000": Port 70000 is outside 0–65535.',
      "firewall-syntax \"abc\": 'abc' is not a port number or a known service name.",
      'invalid-port "2000-1000": The port range 2000-1000 ends before it starts.',
    ]);
  });

  test('undefined variable, undeclared set and chain once the ruleset is flushed', () => {
    const text = inputChain('    tcp dport $NOPE accept\n    ip saddr @nope accept\n    jump nowhere');
    assert.deepEqual(problemsOf(text), [
      'firewall-syntax "$NOPE": Variable $NOPE is not defined.',
      'firewall-syntax "@nope": Set @nope is not declared in table inet filter.',
      'firewall-syntax "jump nowhere": Chain nowhere is not declared in table inet filter.',
    ]);
  });

  test('with an include, names it may define are not reported', () => {
    const text = inputChain('    tcp dport $FROM_INCLUDE accept', 'include "vars.nft"\n');
    assert.deepEqual(problemsOf(text), []);
    assert.deepEqual(rulesOf(text)[0].otherMatches, ['tcp dport $FROM_INCLUDE']);
  });

  test('an unknown statement is reported and the next one read', () => {
    const text = 'tabel inet filter { }\ntable inet filter {\n  chain input {\n    type filter hook input priority 0; policy maybe;\n    tcp dport 25 accept\n  }\n}\n';
    assert.deepEqual(problemsOf(text), [
      'firewall-syntax "tabel inet filter { }": Expected table, define, include or a command such as add rule.',
      "firewall-syntax \"maybe\": A chain's policy is accept or drop, not 'maybe'.",
    ]);
    assert.deepEqual(rulesOf(text).map((r) => r.destinationPorts), [[{ from: 25, to: 25 }]]);
  });

  test('an unclosed table and chain', () => {
    const text = 'table inet filter {\n  chain input {\n    tcp dport 25 accept\n';
    assert.deepEqual(problemsOf(text), [
      'firewall-syntax "table": This table is never closed with }.',
      'firewall-syntax "chain": This chain is never closed with }.',
    ]);
    assert.equal(rulesOf(text).length, 1);
  });
});

describe('nftables: never throws', () => {
  const fixtures = [fixture('nftables.conf'), fixture('edge-extra.nft')];
  const alphabet = fc.constantFrom(...'{};,"#$@!=<>.:-/ \t\r\n\\0123456789abcdeilnoprstuvy');
  const words = fc.constantFrom('table', 'chain', 'set', 'define', 'include', 'add', 'rule', 'tcp', 'dport', 'vmap', 'accept', 'jump', 'elements', '=', '{', '}', ';', '\n', '$X', '@s', '25', 'ip', 'saddr', '!=', 'ct', 'state', 'policy', 'type', 'hook', 'input');

  const checkSpans = (text: string) => assertSpansInside(buildNftablesModel(text), text);

  test('on random text', () => {
    fc.assert(fc.property(fc.string({ unit: alphabet, maxLength: 300 }), checkSpans), { numRuns: 500 });
  });

  test('on random sequences of nftables words', () => {
    fc.assert(fc.property(fc.array(words, { maxLength: 80 }), (parts) => checkSpans(parts.join(' '))), { numRuns: 500 });
  });

  test('on fixtures with a slice cut out and random text put in', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fixtures), fc.nat(), fc.nat(40), fc.string({ unit: alphabet, maxLength: 20 }), (base, cut, length, insert) => {
        const start = cut % (base.length + 1);
        checkSpans(base.slice(0, start) + insert + base.slice(start + length));
      }),
      { numRuns: 500 },
    );
  });
});

describe('nftables: rules read again from their text', () => {
  const alphabet = fc.constantFrom(...'{};,"#$@!=<>.:-/ \t\r\n\\0123456789abcdeilnoprstuvy');
  const words = fc.constantFrom('table inet filter {', 'chain input {', 'add rule inet filter input', 'insert rule ip f c', '}', ';', '\n', '\r\n', '\\\n', 'tcp', 'dport', '{ 25,', '587 }', '!=', '==', 'a=b', '"s t"', '"open', '# note }', 'accept', 'ct state new', 'vmap { 1 : accept }');
  const texts = fc.oneof(fc.string({ unit: alphabet, maxLength: 300 }), fc.array(words, { maxLength: 60 }).map((parts) => parts.join(' ')));

  test('a rule\'s words, scanned from its body, are the words the whole file scanned there', () => {
    fc.assert(
      fc.property(texts, (text) => {
        // A body covering the whole file: every word of the file, line breaks left out.
        const all = ruleTokens(text, { body: { start: 0, end: text.length } } as NftRule);
        const rules = parseNftables(text).file.statements.flatMap((statement) =>
          statement.kind === 'rule' ? [statement] : statement.kind === 'chain' ? statement.rules : statement.kind === 'table' ? statement.chains.flatMap((chain) => chain.rules) : [],
        );
        for (const rule of rules) {
          const tokens = ruleTokens(text, rule);
          assert.deepEqual(tokens, all.filter((token) => token.span.start >= rule.body.start && token.span.end <= rule.body.end));
          // The body runs from its first word to its last; line breaks are not words.
          assert.equal(tokens[0].span.start, rule.body.start);
          assert.equal(tokens[tokens.length - 1].span.end, rule.body.end);
          assert.ok(tokens.every((token) => token.kind !== 'punct' || (token.text !== '\n' && token.text !== '\r\n')));
        }
      }),
      { numRuns: 1000 },
    );
  });
});
