import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { check, messagesOf } from '../support/service';

const EDGE = '# exchange-ports: role=edge-transport version=2016';
const iptables = (...rules: string[]) => [EDGE, '*filter', ':INPUT DROP [0:0]', '-A INPUT -p tcp --dport 25 -j ACCEPT', '-A INPUT -p tcp --dport 50636 -j ACCEPT', ...rules, 'COMMIT', ''].join('\n');
const nft = (...rules: string[]) =>
  [EDGE, 'table inet filter {', '\tchain input {', '\t\ttype filter hook input priority 0; policy drop;', '\t\ttcp dport { 25, 50636 } accept', ...rules.map((rule) => `\t\t${rule}`), '\t}', '}', ''].join('\n');

describe('unexpected-open-port', () => {
  test('iptables: a port the catalog lists nothing on for the role', () => {
    const text = iptables('-A INPUT -p tcp -m multiport --dports 8080,443 -j ACCEPT');
    check('iptables', text, ['unexpected-open-port information 6:39-6:43', 'unexpected-open-port information 6:44-6:47']);
    assert.deepEqual(messagesOf('iptables', text, 'unexpected-open-port'), [
      'Port 8080/TCP is open, but the catalog lists no Edge Transport 2016 service there: close it unless something else on this server needs it.',
      'Port 443/TCP is open, but the catalog lists no Edge Transport 2016 service there: close it unless something else on this server needs it.',
    ]);
  });

  test('iptables: a range counts once', () => {
    const text = iptables('-A INPUT -p udp --dport 10000:10100 -j ACCEPT');
    check('iptables', text, ['unexpected-open-port information 6:25-6:36']);
    assert.deepEqual(messagesOf('iptables', text, 'unexpected-open-port'), [
      'Ports 10000–10100/UDP are open, but the catalog lists no Edge Transport 2016 service there: close them unless something else on this server needs them.',
    ]);
  });

  test('iptables: the role\'s own ports, established/related and loopback rules are fine', () => {
    check('iptables', iptables('-A INPUT -p tcp --dport 50389 -s 10.0.0.0/8 -j ACCEPT', '-A INPUT -p tcp --dport 8080 -m state --state ESTABLISHED -j ACCEPT', '-A INPUT -i lo -p tcp --dport 8080 -j ACCEPT'), []);
  });

  test('nothing without a role', () => {
    check('iptables', iptables('-A INPUT -p tcp --dport 8080 -j ACCEPT').replace(`${EDGE}\n`, ''), []);
  });

  test('nftables: bad and good', () => {
    check('nftables', nft('ip saddr 10.99.0.0/24 tcp dport 22 accept'), ['unexpected-open-port information 6:35-6:37']);
    check('nftables', nft('ip saddr 10.20.0.0/24 tcp dport 50389 accept'), []);
  });

  test('nftables: a port in a shared set is reported once', () => {
    const text = ['define WEB = { 8080 }', nft('tcp dport $WEB accept', 'udp dport $WEB accept')].join('\n');
    check('nftables', text, ['unexpected-open-port information 1:16-1:20']);
  });

  test('severity override and off', () => {
    const text = iptables('-A INPUT -p tcp --dport 8080 -j ACCEPT');
    check('iptables', text, ['unexpected-open-port warning 6:25-6:29'], { rules: { 'unexpected-open-port': 'warning' } });
    check('iptables', text, [], { rules: { 'unexpected-open-port': 'off' } });
  });

  test('suppressed by a comment on the line above', () => {
    check('iptables', iptables('# exchange-ports-disable-next-line unexpected-open-port', '-A INPUT -p tcp --dport 8080 -j ACCEPT'), []);
    check('nftables', nft('# exchange-ports-disable-next-line unexpected-open-port', 'tcp dport 8080 accept'), []);
  });

  test('a port that is not a port is left to the syntax rules', () => {
    check('iptables', iptables('-A INPUT -p tcp --dport 80800 -j ACCEPT'), ['invalid-port error 6:25-6:30']);
  });
});
