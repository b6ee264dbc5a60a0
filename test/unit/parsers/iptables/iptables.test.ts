import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildIptablesModel } from '../../../../server/src/parsers/iptables/model';
import { ANY, type FirewallRule } from '../../../../server/src/parsers/common/firewall';
import { assertSpansInside } from '../../support/spans';

const fixture = (name: string) => readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'iptables', name), 'utf8');

/** A filter table around `rules`, so each test shows only the lines it is about. */
function filterTable(...rules: string[]): string {
  return ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', ...rules, 'COMMIT', ''].join('\n');
}

function onlyRule(line: string): { rule: FirewallRule; text: string } {
  const text = filterTable(line);
  const { firewall, model } = buildIptablesModel(text);
  assert.deepEqual(model.problems, []);
  assert.equal(firewall.rules.length, 1);
  return { rule: firewall.rules[0], text };
}

/** The span of the first `needle` in `text`. */
const at = (text: string, needle: string) => {
  const start = text.indexOf(needle);
  assert.ok(start >= 0, `${needle} not found`);
  return { start, end: start + needle.length };
};

const problemsOf = (text: string) =>
  buildIptablesModel(text).model.problems.map((p) => `${p.code} ${JSON.stringify(text.slice(p.start, p.end))}: ${p.message}`);

describe('iptables: rules.v4 of an Edge Transport server in the perimeter', () => {
  const text = fixture('rules.v4');
  const { firewall, model } = buildIptablesModel(text);

  test('reads without problems', () => {
    assert.deepEqual(model.problems, []);
  });

  test('the policies of the three built-in chains', () => {
    assert.deepEqual(
      firewall.policies.map((p) => [p.table, p.chain, p.direction, p.policy, p.family, text.slice(p.span.start, p.span.end)]),
      [
        ['filter', 'INPUT', 'inbound', 'deny', 'ipv4', 'DROP'],
        ['filter', 'FORWARD', 'forward', 'deny', 'ipv4', 'DROP'],
        ['filter', 'OUTPUT', 'outbound', 'allow', 'ipv4', 'ACCEPT'],
      ],
    );
  });

  test('every rule in order, a user chain taking the direction of INPUT that jumps to it', () => {
    assert.deepEqual(
      firewall.rules.map((r) => `${r.chain}#${r.index} ${r.direction} ${r.action} ${r.target}`),
      [
        'INPUT#0 inbound allow ACCEPT',
        'INPUT#1 inbound allow ACCEPT',
        'INPUT#2 inbound deny DROP',
        'INPUT#3 inbound allow ACCEPT',
        'INPUT#4 inbound allow ACCEPT',
        'INPUT#5 inbound allow ACCEPT',
        'INPUT#6 inbound jump EDGE-ADMIN',
        'INPUT#7 inbound continue LOG',
        'INPUT#8 inbound deny REJECT',
        'EDGE-ADMIN#0 inbound allow ACCEPT',
        'EDGE-ADMIN#1 inbound return RETURN',
      ],
    );
  });

  test('EdgeSync from the Mailbox subnet, in full', () => {
    const line = '-A INPUT -s 10.20.0.0/24 -p tcp -m tcp --dport 50636 -m comment --comment "EdgeSync (LDAPS) from the Mailbox subnet" -j ACCEPT';
    const expected: FirewallRule = {
      action: 'allow',
      target: 'ACCEPT',
      direction: 'inbound',
      family: 'ipv4',
      purpose: 'filter',
      protocol: 'tcp',
      destinationPorts: [{ from: 50636, to: 50636 }],
      sourcePorts: 'any',
      destinationPortMatch: { span: at(text, '50636'), negated: false, items: [{ range: { from: 50636, to: 50636 }, span: at(text, '50636') }] },
      source: { any: false, values: ['10.20.0.0/24'], negated: false, text: '10.20.0.0/24' },
      destination: ANY,
      inInterface: ANY,
      outInterface: ANY,
      connectionStates: ANY,
      otherMatches: [],
      chain: 'INPUT',
      table: 'filter',
      orderSensitive: true,
      index: 5,
      span: at(text, line),
      actionSpan: { start: text.indexOf(line) + line.length - 'ACCEPT'.length, end: text.indexOf(line) + line.length },
    };
    assert.deepEqual(firewall.rules[5], expected);
  });

  test('connection states are lower case; ICMP type is a match we keep as text', () => {
    assert.deepEqual(firewall.rules[1].connectionStates, { any: false, values: ['related', 'established'], negated: false, text: 'RELATED,ESTABLISHED' });
    assert.deepEqual(firewall.rules[3].otherMatches, ['--icmp-type 8']);
    assert.deepEqual(firewall.rules[0].inInterface, { any: false, values: ['lo'], negated: false, text: 'lo' });
  });

  test('target options (--log-prefix, --reject-with) are not matches', () => {
    assert.deepEqual(firewall.rules[7].otherMatches, []);
    assert.deepEqual(firewall.rules[8].otherMatches, []);
  });

  test('a port mention for every port number, and --comment texts as comments', () => {
    assert.deepEqual(
      model.portMentions.map((m) => [m.port, text.slice(m.start, m.end)]),
      [
        [25, '25'],
        [50636, '50636'],
        [135, '135'],
        [445, '445'],
        [3389, '3389'],
        [3389, '3389'],
      ],
    );
    assert.deepEqual(
      model.comments.map((c) => c.text),
      [
        ' Generated by iptables-save v1.8.9 (nf_tables) on Tue Mar  4 10:12:01 2025',
        'SMTP from the Internet',
        'EdgeSync (LDAPS) from the Mailbox subnet',
        ' Completed on Tue Mar  4 10:12:01 2025',
      ],
    );
  });
});

describe('iptables: rules.v6', () => {
  const text = fixture('rules.v6');
  const { firewall, model } = buildIptablesModel(text);

  test('the ip6tables-save header makes every rule IPv6', () => {
    assert.deepEqual(model.problems, []);
    assert.deepEqual(new Set(firewall.rules.map((r) => r.family)), new Set(['ipv6']));
    assert.equal(firewall.rules[2].protocol, 'icmpv6');
  });

  test('a negated IPv6 source', () => {
    assert.deepEqual(firewall.rules[4].source, { any: false, values: ['fd00:20::/64'], negated: true, text: 'fd00:20::/64' });
    assert.equal(firewall.rules[4].action, 'deny');
  });
});

describe('iptables: the forms that need care', () => {
  test('! -s and the old -s ! mean the same', () => {
    const modern = onlyRule('-A INPUT ! -s 10.0.0.0/8 -j DROP').rule;
    const old = onlyRule('-A INPUT -s ! 10.0.0.0/8 -j DROP').rule;
    const expected = { any: false, values: ['10.0.0.0/8'], negated: true, text: '10.0.0.0/8' };
    assert.deepEqual(modern.source, expected);
    assert.deepEqual(old.source, expected);
  });

  test('a multiport list with a range: normalized set, each item where it is written', () => {
    const { rule, text } = onlyRule('-A INPUT -p tcp -m multiport --dports 995,25,993:995,587 -j ACCEPT');
    assert.deepEqual(rule.destinationPorts, [
      { from: 25, to: 25 },
      { from: 587, to: 587 },
      { from: 993, to: 995 },
    ]);
    assert.deepEqual(rule.destinationPortMatch, {
      span: at(text, '995,25,993:995,587'),
      negated: false,
      items: [
        { range: { from: 995, to: 995 }, span: at(text, '995') },
        { range: { from: 25, to: 25 }, span: at(text, '25') },
        { range: { from: 993, to: 995 }, span: at(text, '993:995') },
        { range: { from: 587, to: 587 }, span: at(text, '587') },
      ],
    });
  });

  test('open ranges run to 0 and to 65535', () => {
    assert.deepEqual(onlyRule('-A INPUT -p tcp --dport :1024 -j DROP').rule.destinationPorts, [{ from: 0, to: 1024 }]);
    assert.deepEqual(onlyRule('-A INPUT -p tcp --sport 1024: -j ACCEPT').rule.sourcePorts, [{ from: 1024, to: 65535 }]);
  });

  test('a negated port is the complement', () => {
    const { rule } = onlyRule('-A INPUT -p tcp ! --dport 25 -j DROP');
    assert.deepEqual(rule.destinationPorts, [
      { from: 0, to: 24 },
      { from: 26, to: 65535 },
    ]);
    assert.equal(rule.destinationPortMatch?.negated, true);
  });

  test('service names read as their ports and are noted in the mention', () => {
    const text = filterTable('-A INPUT -p tcp --dport smtp -j ACCEPT');
    const { firewall, model } = buildIptablesModel(text);
    assert.deepEqual(firewall.rules[0].destinationPorts, [{ from: 25, to: 25 }]);
    assert.deepEqual(model.portMentions, [{ ...at(text, 'smtp'), port: 25, written: 'smtp' }]);
  });

  test('matches this model does not read are kept, so nothing claims the rule is broader than it is', () => {
    const { rule } = onlyRule('-A INPUT -p tcp -m recent --rcheck --seconds 60 -m multiport --ports 25,587 -j DROP');
    assert.deepEqual(rule.otherMatches, ['--rcheck', '--seconds 60', '--ports 25,587']);
    assert.equal(rule.destinationPorts, 'any');
  });

  test('a negated protocol is kept as text and the protocol stays any', () => {
    const { rule } = onlyRule('-A INPUT ! -p udp -j ACCEPT');
    assert.equal(rule.protocol, 'any');
    assert.deepEqual(rule.otherMatches, ['! -p udp']);
  });

  test('0.0.0.0/0 is any address', () => {
    assert.deepEqual(onlyRule('-A INPUT -s 0.0.0.0/0 -j ACCEPT').rule.source, ANY);
  });

  test('-I inserts ahead of rules already in the chain', () => {
    const text = filterTable('-A INPUT -p tcp --dport 25 -j ACCEPT', '-I INPUT -p tcp --dport 3389 -j DROP', '-I INPUT 2 -p tcp --dport 587 -j ACCEPT');
    const rules = buildIptablesModel(text).firewall.rules;
    assert.deepEqual(
      rules.map((r) => [r.destinationPorts === 'any' ? 'any' : r.destinationPorts[0].from, r.index]),
      [
        [25, 2],
        [3389, 0],
        [587, 1],
      ],
    );
  });

  test('a shell script line, with its table and a trailing comment', () => {
    const text = 'iptables -t filter -A FORWARD -d 203.0.113.25 -p tcp --dport 25 -j ACCEPT # Edge\n';
    const { firewall, model } = buildIptablesModel(text);
    assert.deepEqual(model.problems, []);
    assert.deepEqual(
      firewall.rules.map((r) => [r.table, r.chain, r.direction, r.family, r.destination.any ? 'any' : r.destination.values]),
      [['filter', 'FORWARD', 'forward', 'ipv4', ['203.0.113.25']]],
    );
  });

  test('counters before a rule (iptables-save -c) are skipped', () => {
    const { rule } = onlyRule('[12:720] -A INPUT -p tcp --dport 25 -j ACCEPT');
    assert.deepEqual(rule.destinationPorts, [{ from: 25, to: 25 }]);
  });

  test('a user chain reached from INPUT and OUTPUT has no single direction', () => {
    const text = filterTable(':LOGDROP - [0:0]', '-A INPUT -j LOGDROP', '-A OUTPUT -j LOGDROP', '-A LOGDROP -j DROP');
    const rule = buildIptablesModel(text).firewall.rules.find((r) => r.chain === 'LOGDROP');
    assert.equal(rule?.direction, 'unknown');
  });
});

describe('iptables: problems', () => {
  test('an out-of-range port, a word that is no port, a reversed range', () => {
    const text = filterTable('-A INPUT -p tcp --dport 70000 -j ACCEPT', '-A INPUT -p tcp --dport abc -j ACCEPT', '-A INPUT -p udp --dport 2000:1000 -j ACCEPT');
    assert.deepEqual(problemsOf(text), [
      'invalid-port "70000": Port 70000 is outside 0–65535.',
      "firewall-syntax \"abc\": 'abc' is not a port number or a known service name.",
      'invalid-port "2000:1000": The port range 2000:1000 ends before it starts.',
    ]);
  });

  test('a rule whose port cannot be read keeps it as an unknown match', () => {
    const { firewall } = buildIptablesModel(filterTable('-A INPUT -p tcp --dport 70000 -j ACCEPT'));
    assert.equal(firewall.rules[0].destinationPorts, 'any');
    assert.deepEqual(firewall.rules[0].otherMatches, ['--dport 70000']);
  });

  test('multiport takes at most 15 ports, a range counting as two', () => {
    const list = '1,2,3,4,5,6,7,8,9,10,11,12,13,14:15';
    assert.deepEqual(problemsOf(filterTable(`-A INPUT -p tcp -m multiport --dports ${list} -j ACCEPT`)), []);
    assert.deepEqual(problemsOf(filterTable(`-A INPUT -p tcp -m multiport --dports ${list},16 -j ACCEPT`)), [
      `firewall-syntax "${list},16": -m multiport takes at most 15 ports (a range counts as two); this list has 16.`,
    ]);
  });

  test('a line that is none of the forms is reported and the next line still read', () => {
    const text = filterTable('INPUT -p tcp --dport 25 -j ACCEPT', '-A INPUT -p tcp --dport 587 -j ACCEPT');
    assert.deepEqual(problemsOf(text), [
      'firewall-syntax "INPUT -p tcp --dport 25 -j ACCEPT": Expected a table (*filter), a chain (:INPUT DROP [0:0]), a rule (-A INPUT ...), COMMIT or a # comment.',
    ]);
    assert.deepEqual(buildIptablesModel(text).firewall.rules.map((r) => r.destinationPorts), [[{ from: 587, to: 587 }]]);
  });

  test('a table without COMMIT, with the fix that adds it', () => {
    const text = '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 25 -j ACCEPT';
    const [problem] = buildIptablesModel(text).model.problems;
    assert.deepEqual(problem, {
      code: 'firewall-syntax',
      message: 'Table *filter has no COMMIT, so iptables-restore rejects the file.',
      start: 0,
      end: 7,
      fixes: [{ title: 'Add COMMIT', edits: [{ start: text.length, end: text.length, newText: '\nCOMMIT\n' }], preferred: true }],
    });
  });

  test('undeclared chains, bad policies, an unknown table, stray words', () => {
    const text = ['*filter', ':INPUT REJECT [0:0]', '-A MAIL -j ACCEPT', '-A INPUT -j mail_in', '-A INPUT -p tcp 25 -j ACCEPT', 'COMMIT', '*nonsense', 'COMMIT', ''].join('\n');
    assert.deepEqual(problemsOf(text), [
      "firewall-syntax \"REJECT\": The policy of INPUT is ACCEPT or DROP, not 'REJECT'.",
      'firewall-syntax "MAIL": Chain MAIL is not declared in *filter: add :MAIL - [0:0].',
      'firewall-syntax "mail_in": Chain mail_in is not declared in *filter.',
      "firewall-syntax \"25\": Unexpected '25' after -p tcp.",
      "firewall-syntax \"nonsense\": Unknown table 'nonsense'.",
    ]);
  });

  test('an unclosed quote', () => {
    const text = filterTable('-A INPUT -m comment --comment "open -j ACCEPT');
    assert.deepEqual(problemsOf(text), ['firewall-syntax "\\"open -j ACCEPT": This quote is never closed.']);
  });
});

describe('iptables: never throws', () => {
  const fixtures = [fixture('rules.v4'), fixture('rules.v6')];
  const alphabet = fc.constantFrom(...'*:-!#"\'\\ \t\r\n[]0123456789,/.ACDEFGIJNOPRSTUacdeimnoprstuv');

  const checkSpans = (text: string) => assertSpansInside(buildIptablesModel(text), text);

  test('on random text', () => {
    fc.assert(fc.property(fc.string({ unit: alphabet, maxLength: 300 }), checkSpans), { numRuns: 500 });
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
