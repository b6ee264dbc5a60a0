import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, check, messagesOf } from '../support/service';

const iptables = (...rules: string[]) => ['*filter', ':INPUT DROP [0:0]', ...rules, 'COMMIT', ''].join('\n');
const nft = (...rules: string[]) => ['table inet filter {', '\tchain input {', '\t\ttype filter hook input priority 0; policy drop;', ...rules.map((rule) => `\t\t${rule}`), '\t}', '}', ''].join('\n');

describe('dynamic-rpc-range-open', () => {
  test('iptables: the Windows dynamic range opened, fixed with multiport', () => {
    const text = iptables('-A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 49152:65535 -j ACCEPT');
    check('iptables', text, ['dynamic-rpc-range-open warning 3:46-3:57']);
    assert.deepEqual(messagesOf('iptables', text, 'dynamic-rpc-range-open'), [
      'This rule opens 49152-65535/TCP, which covers most of 49152–65535, the Windows dynamic (ephemeral and RPC) port range. That is a sieve for every RPC service on the host: open the endpoint mapper 135 and the static RPC ports instead (59532 and 59533 as recommended, or your configured static ports).',
    ]);
    assert.equal(applyFix('iptables', text, 'dynamic-rpc-range-open', 'Open only 135, 59532 and 59533'), iptables('-A INPUT -s 10.0.0.0/8 -p tcp -m tcp -m multiport --dports 135,59532,59533 -j ACCEPT'));
  });

  test('iptables: an existing multiport list keeps its option; "all but the low ports" is a sieve too', () => {
    const text = iptables('-A INPUT -s 10.0.0.0/8 -p tcp -m multiport --dports 25,1025:65535 -j ACCEPT');
    check('iptables', text, ['dynamic-rpc-range-open warning 3:53-3:66']);
    assert.equal(applyFix('iptables', text, 'dynamic-rpc-range-open', /^Open only/), iptables('-A INPUT -s 10.0.0.0/8 -p tcp -m multiport --dports 135,59532,59533 -j ACCEPT'));
    const negated = iptables('-A INPUT -s 10.0.0.0/8 -p tcp ! --dport 1:1024 -j ACCEPT');
    check('iptables', negated, ['dynamic-rpc-range-open warning 3:41-3:47']);
    assert.equal(applyFix('iptables', negated, 'dynamic-rpc-range-open', /^Open only/), iptables('-A INPUT -s 10.0.0.0/8 -p tcp -m multiport --dports 135,59532,59533 -j ACCEPT'));
  });

  test('the Exchange 2010 CAS range, with the version from the role', () => {
    const text = ['# exchange-ports: role=client-access version=2010', iptables('-A INPUT -s 10.0.0.0/8 -p tcp --dport 135 -j ACCEPT', '-A INPUT -s 10.0.0.0/8 -p tcp --dport 6005:59530 -j ACCEPT')].join('\n');
    assert.deepEqual(messagesOf('iptables', text, 'dynamic-rpc-range-open'), [
      'This rule opens 6005-59530/TCP, which covers most of 6005–59530, the dynamic RPC port range after installing the Exchange 2010 Client Access role. That is a sieve for every RPC service on the host: open the endpoint mapper 135 and the static RPC ports instead (59532 and 59533 as recommended, or your configured static ports).',
    ]);
  });

  test('iptables: narrow windows and the static RPC window are fine', () => {
    check('iptables', iptables('-A INPUT -s 10.0.0.0/8 -p tcp -m multiport --dports 135,59532,59533 -j ACCEPT', '-A INPUT -s 10.0.0.0/8 -p tcp --dport 59531:60554 -j ACCEPT', '-A INPUT -p udp --dport 49152:65535 -j ACCEPT'), []);
  });

  test('nftables: bad, fixed with an anonymous set', () => {
    const text = nft('ip saddr 10.0.0.0/8 tcp dport 49152-65535 accept');
    check('nftables', text, ['dynamic-rpc-range-open warning 4:33-4:44']);
    assert.equal(applyFix('nftables', text, 'dynamic-rpc-range-open', /^Open only/), nft('ip saddr 10.0.0.0/8 tcp dport { 135, 59532, 59533 } accept'));
  });

  test('nftables: a negated range is reported without a fix; good ruleset', () => {
    check('nftables', nft('ip saddr 10.0.0.0/8 tcp dport != 1-1024 accept'), ['dynamic-rpc-range-open warning 4:36-4:42']);
    check('nftables', nft('ip saddr 10.0.0.0/8 tcp dport { 135, 59532, 59533 } accept'), []);
  });

  test('severity override and off', () => {
    const text = nft('ip saddr 10.0.0.0/8 tcp dport 1025-65535 accept');
    check('nftables', text, ['dynamic-rpc-range-open error 4:33-4:43'], { rules: { 'dynamic-rpc-range-open': 'error' } });
    check('nftables', text, [], { rules: { 'dynamic-rpc-range-open': 'off' } });
  });

  test('suppressed by a comment on the line above', () => {
    check('iptables', iptables('# exchange-ports-disable-next-line dynamic-rpc-range-open', '-A INPUT -s 10.0.0.0/8 -p tcp --dport 49152:65535 -j ACCEPT'), []);
    check('nftables', nft('# exchange-ports-disable-next-line dynamic-rpc-range-open', 'tcp dport 49152-65535 accept'), []);
  });

  test('a range written backwards is invalid-port, not a sieve', () => {
    check('iptables', iptables('-A INPUT -s 10.0.0.0/8 -p tcp --dport 65535:49152 -j ACCEPT'), ['invalid-port error 3:39-3:50']);
  });
});
