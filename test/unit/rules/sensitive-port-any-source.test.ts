import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { check, messagesOf } from '../support/service';

const iptables = (...rules: string[]) => ['*filter', ':INPUT DROP [0:0]', ':ADMIN - [0:0]', ...rules, 'COMMIT', ''].join('\n');
const nft = (...rules: string[]) => ['table inet filter {', '\tchain input {', '\t\ttype filter hook input priority 0; policy drop;', ...rules.map((rule) => `\t\t${rule}`), '\t}', '}', ''].join('\n');

describe('sensitive-port-any-source', () => {
  test('iptables: RDP and SMB open to the world', () => {
    const text = iptables('-A INPUT -p tcp -m multiport --dports 445,3389 -j ACCEPT');
    check('iptables', text, ['sensitive-port-any-source warning 4:39-4:42', 'sensitive-port-any-source warning 4:43-4:47']);
    assert.deepEqual(messagesOf('iptables', text, 'sensitive-port-any-source'), [
      'SMB (445/TCP) is open to any source address: allow it only from the networks that need it (-s <subnet>).',
      'Remote Desktop (3389/TCP) is open to any source address: allow it only from the networks that need it (-s <subnet>).',
    ]);
  });

  test('iptables: "everyone but" is any source; a range holding 135 counts', () => {
    check('iptables', iptables('-A INPUT ! -s 10.0.0.0/8 -p tcp --dport 100:200 -j ACCEPT'), ['sensitive-port-any-source warning 4:41-4:48']);
  });

  test('iptables: restricted by the rule or by the jump into its chain', () => {
    check('iptables', iptables('-A INPUT -s 10.99.0.0/24 -p tcp --dport 3389 -j ACCEPT', '-A INPUT -s 10.99.0.0/24 -j ADMIN', '-A ADMIN -p tcp --dport 135 -j ACCEPT'), []);
  });

  test('iptables: reached from anywhere through a jump', () => {
    check('iptables', iptables('-A INPUT -j ADMIN', '-A ADMIN -p tcp --dport 135 -j ACCEPT'), ['sensitive-port-any-source warning 5:25-5:28']);
  });

  test('iptables: UDP, outbound and dead rules do not count', () => {
    check('iptables', iptables('-A INPUT -p udp --dport 3389 -j ACCEPT', '-A OUTPUT -p tcp --dport 445 -j ACCEPT', '-A INPUT -j DROP', '-A INPUT -p tcp --dport 3389 -j ACCEPT'), [
      'firewall-rule-shadowed warning 7:1-7:39',
    ]);
  });

  test('nftables: bad and good', () => {
    const text = nft('tcp dport { 22, 3389 } accept');
    check('nftables', text, ['sensitive-port-any-source warning 4:19-4:23']);
    assert.deepEqual(messagesOf('nftables', text, 'sensitive-port-any-source'), [
      'Remote Desktop (3389/TCP) is open to any source address: allow it only from the networks that need it (ip saddr <subnet>).',
    ]);
    check('nftables', nft('ip saddr { 10.99.0.10, 10.99.0.11 } tcp dport 3389 accept'), []);
  });

  test('severity override and off', () => {
    const text = nft('tcp dport 445 accept');
    check('nftables', text, ['sensitive-port-any-source error 4:13-4:16'], { rules: { 'sensitive-port-any-source': 'error' } });
    check('nftables', text, [], { rules: { 'sensitive-port-any-source': 'off' } });
  });

  test('suppressed by a comment on the line above', () => {
    check('iptables', iptables('# exchange-ports-disable-next-line sensitive-port-any-source', '-A INPUT -p tcp --dport 3389 -j ACCEPT'), []);
    check('nftables', nft('# exchange-ports-disable-next-line sensitive-port-any-source', 'tcp dport 3389 accept'), []);
  });

  test('an unreadable port list is left to the syntax rules', () => {
    check('nftables', nft('tcp dport { 3389, rdpx } accept'), ['firewall-syntax error 4:21-4:25']);
  });
});
