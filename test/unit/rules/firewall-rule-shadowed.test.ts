import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, check, messagesOf } from '../support/service';

const iptables = (...rules: string[]) => ['*filter', ':INPUT DROP [0:0]', ':ADMIN - [0:0]', ...rules, 'COMMIT', ''].join('\n');
const nft = (...rules: string[]) => ['table inet filter {', '\tchain input {', '\t\ttype filter hook input priority 0; policy drop;', ...rules.map((rule) => `\t\t${rule}`), '\t}', '}', ''].join('\n');

describe('firewall-rule-shadowed', () => {
  test('iptables: an allow after a drop of all its traffic', () => {
    const text = iptables('-A INPUT -s 203.0.113.0/24 -j DROP', '-A INPUT -s 203.0.113.7 -p tcp --dport 25 -j ACCEPT');
    check('iptables', text, ['firewall-rule-shadowed warning 5:1-5:52']);
    assert.deepEqual(messagesOf('iptables', text, 'firewall-rule-shadowed'), [
      'This rule never matches: line 4 (DROP) already decides all of its traffic the other way. Move this rule above line 4 if it should apply.',
    ]);
  });

  test('iptables: a port range covers a port; the redundant rule can go', () => {
    const text = iptables('-A INPUT -p tcp -m multiport --dports 25,587,993:995 -j ACCEPT', '-A INPUT -p tcp --dport 994 -m conntrack --ctstate NEW -j ACCEPT');
    check('iptables', text, ['firewall-rule-shadowed warning 5:1-5:65']);
    assert.deepEqual(messagesOf('iptables', text, 'firewall-rule-shadowed'), ['This rule never matches: line 4 (ACCEPT) already decides all of its traffic the same way.']);
    assert.equal(applyFix('iptables', text, 'firewall-rule-shadowed', 'Remove the redundant rule'), iptables('-A INPUT -p tcp -m multiport --dports 25,587,993:995 -j ACCEPT'));
  });

  test('iptables: exact duplicates', () => {
    const text = iptables('-A INPUT -p icmp --icmp-type 8 -j ACCEPT', '-A INPUT -p icmp --icmp-type 8 -j ACCEPT');
    check('iptables', text, ['firewall-rule-shadowed warning 5:1-5:41']);
    assert.deepEqual(messagesOf('iptables', text, 'firewall-rule-shadowed'), ['This rule duplicates line 4, so it never matches.']);
  });

  test('iptables: order is the order iptables applies, -I included', () => {
    check('iptables', iptables('-A INPUT -p tcp --dport 25 -j ACCEPT', '-I INPUT 1 -p tcp -j DROP'), ['firewall-rule-shadowed warning 4:1-4:37']);
  });

  test('iptables: not shadowed — narrower, other chain, other interface, earlier rule with unread matches', () => {
    check(
      'iptables',
      iptables(
        '-A INPUT -s 10.0.0.0/8 -p tcp --dport 25 -j ACCEPT',
        '-A INPUT -s 10.0.0.0/7 -p tcp --dport 25 -j DROP',
        '-A ADMIN -p tcp --dport 25 -j DROP',
        '-A INPUT -i eth0 -p tcp -j DROP',
        '-A INPUT -i eth1 -p tcp --dport 443 -j ACCEPT',
        '-A INPUT -p tcp -m limit --limit 5/s -j DROP',
        '-A INPUT -p tcp --dport 587 -j ACCEPT',
        '-A INPUT -p tcp -j LOG',
        '-A INPUT -p tcp -j LOG',
      ),
      [],
    );
  });

  test('iptables: IPv6 networks and interface wildcards', () => {
    check('iptables', iptables('-A INPUT -s 2001:db8::/32 -j DROP', '-A INPUT -s 2001:db8:1::5 -p tcp --dport 25 -j ACCEPT'), ['firewall-rule-shadowed warning 5:1-5:54']);
    check('iptables', iptables('-A INPUT -i eth+ -j DROP', '-A INPUT -i eth0 -p tcp --dport 25 -j ACCEPT'), ['firewall-rule-shadowed warning 5:1-5:45']);
  });

  test('nftables: a catch-all drop before an accept, and the fix for a redundant one', () => {
    check('nftables', nft('ip saddr 192.0.2.0/24 drop', 'ip saddr 192.0.2.0/25 tcp dport 25 accept'), ['firewall-rule-shadowed warning 5:3-5:44']);
    const redundant = nft('tcp dport { 25, 443 } accept', 'tcp dport 443 accept', 'reject');
    check('nftables', redundant, ['firewall-rule-shadowed warning 5:3-5:23']);
    assert.equal(applyFix('nftables', redundant, 'firewall-rule-shadowed', 'Remove the redundant rule'), nft('tcp dport { 25, 443 } accept', 'reject'));
  });

  test('nftables: states and negated sources', () => {
    check('nftables', nft('ct state established,related accept', 'ct state established accept'), ['firewall-rule-shadowed warning 5:3-5:30']);
    check('nftables', nft('ip saddr != 10.0.0.0/8 drop', 'ip saddr 192.0.2.1 tcp dport 25 accept', 'ip saddr 10.1.0.0/16 tcp dport 25 accept'), ['firewall-rule-shadowed warning 5:3-5:41']);
  });

  test('nftables: a verdict map is dead only when every entry is', () => {
    const someDead = nft('tcp dport 25 accept', 'tcp dport vmap { 25 : accept, 587 : drop }');
    check('nftables', someDead, []);
    const allDead = nft('tcp dport { 25, 587 } accept', 'tcp dport vmap { 25 : accept, 587 : drop }', 'udp dport 53 accept');
    check('nftables', allDead, ['firewall-rule-shadowed warning 5:3-5:45']);
    assert.deepEqual(messagesOf('nftables', allDead, 'firewall-rule-shadowed'), ['This rule never matches: line 4 (accept) already decides all of its traffic the same way.']);
  });

  test('nftables: good ruleset', () => {
    check('nftables', nft('iif lo accept', 'ct state established,related accept', 'ct state invalid drop', 'tcp dport 25 accept', 'reject'), []);
  });

  test('severity override and off', () => {
    const text = nft('drop', 'tcp dport 25 accept');
    check('nftables', text, ['firewall-rule-shadowed error 5:3-5:22'], { rules: { 'firewall-rule-shadowed': 'error' } });
    check('nftables', text, [], { rules: { 'firewall-rule-shadowed': 'off' } });
  });

  test('suppressed by a comment on the line above', () => {
    check('iptables', iptables('-A INPUT -j DROP', '# exchange-ports-disable-next-line firewall-rule-shadowed', '-A INPUT -p tcp --dport 25 -j ACCEPT'), []);
    check('nftables', nft('drop', '# exchange-ports-disable-next-line firewall-rule-shadowed', 'tcp dport 25 accept'), []);
  });

  test('a malformed port is reported, and two such rules are still exact duplicates', () => {
    check('iptables', iptables('-A INPUT -p tcp --dport 2x5 -j ACCEPT', '-A INPUT -p tcp --dport 2x5 -j ACCEPT'), [
      'firewall-syntax error 4:25-4:28',
      'firewall-rule-shadowed warning 5:1-5:38',
      'firewall-syntax error 5:25-5:28',
    ]);
  });
});
