import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, check, messagesOf } from '../support/service';

const iptables = (...rules: string[]) => ['*filter', ':INPUT DROP [0:0]', ...rules, 'COMMIT', ''].join('\n');
const nft = (...rules: string[]) => ['table inet filter {', '\tchain input {', '\t\ttype filter hook input priority 0; policy drop;', ...rules.map((rule) => `\t\t${rule}`), '\t}', '}', ''].join('\n');

describe('plaintext-protocol-exposed', () => {
  test('iptables: POP3 and IMAP4 open to anyone, each fixed to its TLS port', () => {
    const text = iptables('-A INPUT -p tcp -m multiport --dports 110,143,993 -j ACCEPT');
    check('iptables', text, ['plaintext-protocol-exposed warning 3:39-3:42', 'plaintext-protocol-exposed warning 3:43-3:46']);
    assert.deepEqual(messagesOf('iptables', text, 'plaintext-protocol-exposed'), [
      'POP3 (plain or STARTTLS) on 110/TCP is open to any source and carries passwords and data readable on the wire: open 995 (POP3 over SSL/TLS) instead, or allow 110 only from the hosts that need it.',
      'IMAP4 (plain or STARTTLS) on 143/TCP is open to any source and carries passwords and data readable on the wire: open 993 (IMAP4 over SSL/TLS) instead, or allow 143 only from the hosts that need it.',
    ]);
    assert.equal(applyFix('iptables', text, 'plaintext-protocol-exposed', 'Open 995 instead of 110'), iptables('-A INPUT -p tcp -m multiport --dports 995,143,993 -j ACCEPT'));
  });

  test('iptables: a service name is replaced by the number', () => {
    assert.equal(applyFix('iptables', iptables('-A INPUT -p tcp --dport pop3 -j ACCEPT'), 'plaintext-protocol-exposed', /^Open 995/), iptables('-A INPUT -p tcp --dport 995 -j ACCEPT'));
  });

  test('iptables: restricted sources, encrypted ports and ranges are fine', () => {
    check('iptables', iptables('-A INPUT -s 10.0.0.0/8 -p tcp --dport 389 -j ACCEPT', '-A INPUT -p tcp -m multiport --dports 993,995,636 -j ACCEPT', '-A INPUT -p tcp --dport 100:120 -s 10.0.0.0/8 -j ACCEPT'), []);
  });

  test('nftables: AD LDS without SSL on an Edge', () => {
    const text = ['# exchange-ports: role=edge-transport version=2016', nft('tcp dport { 25, 50636 } accept', 'tcp dport 50389 accept')].join('\n');
    check('nftables', text, ['plaintext-protocol-exposed warning 6:13-6:18']);
    assert.equal(
      applyFix('nftables', text, 'plaintext-protocol-exposed', 'Open 50636 instead of 50389'),
      ['# exchange-ports: role=edge-transport version=2016', nft('tcp dport { 25, 50636 } accept', 'tcp dport 50636 accept')].join('\n'),
    );
  });

  test('nftables: a port from a define is reported where it is written, without a fix', () => {
    const text = ['define LDAP = 389', nft('tcp dport $LDAP accept')].join('\n');
    check('nftables', text, ['plaintext-protocol-exposed warning 1:15-1:18']);
    assert.deepEqual(messagesOf('nftables', text, 'plaintext-protocol-exposed').length, 1);
    assert.throws(() => applyFix('nftables', text, 'plaintext-protocol-exposed', /^Open/), /no action/);
  });

  test('nftables: good', () => {
    check('nftables', nft('ip saddr 10.0.0.0/8 tcp dport 143 accept', 'tcp dport { 993, 995 } accept'), []);
  });

  test('severity override and off', () => {
    const text = nft('tcp dport 110 accept');
    check('nftables', text, ['plaintext-protocol-exposed error 4:13-4:16'], { rules: { 'plaintext-protocol-exposed': 'error' } });
    check('nftables', text, [], { rules: { 'plaintext-protocol-exposed': 'off' } });
  });

  test('suppressed by a comment on the line above', () => {
    check('iptables', iptables('# exchange-ports-disable-next-line plaintext-protocol-exposed', '-A INPUT -p tcp --dport 110 -j ACCEPT'), []);
    check('nftables', nft('# exchange-ports-disable-next-line plaintext-protocol-exposed', 'tcp dport 110 accept'), []);
  });

  test('a malformed list is left to the syntax rules', () => {
    check('iptables', iptables('-A INPUT -p tcp -m multiport --dports 110,x -j ACCEPT'), ['firewall-syntax error 3:43-3:44']);
  });
});
