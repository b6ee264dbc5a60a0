import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { applyFix, check, findingsOf, messagesOf } from '../support/service';

const EDGE = '# exchange-ports: role=edge-transport version=2016';
const iptables = (...rules: string[]) => [EDGE, '*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', ...rules, 'COMMIT', ''].join('\n');
const nft = (...rules: string[]) =>
  [EDGE, 'table inet filter {', '\tchain input {', '\t\ttype filter hook input priority 0; policy drop;', ...rules.map((rule) => `\t\t${rule}`), '\t}', '}', ''].join('\n');

const SMTP = '-A INPUT -p tcp -m tcp --dport 25 -j ACCEPT';
const EDGESYNC = '-A INPUT -s 10.20.0.0/24 -p tcp -m tcp --dport 50636 -j ACCEPT';

describe('missing-required-port', () => {
  test('iptables: EdgeSync not open on an Edge Transport 2016 host', () => {
    const text = iptables(SMTP);
    check('iptables', text, ['missing-required-port warning 1:1-1:51']);
    assert.deepEqual(messagesOf('iptables', text, 'missing-required-port'), [
      'Edge Transport 2016 needs inbound EdgeSync (LDAP over SSL to AD LDS) 50636/TCP (Hub Transport (2010) / Mailbox (2013+) → Edge), but no rule opens it.',
    ]);
  });

  test('iptables: the fix appends to the chain of the other allows, before COMMIT', () => {
    assert.equal(applyFix('iptables', iptables(SMTP), 'missing-required-port', 'Allow 50636/TCP inbound'), iptables(SMTP, '-A INPUT -p tcp -m tcp --dport 50636 -j ACCEPT'));
  });

  test('iptables: an allow after a catch-all reject opens nothing; the fix goes before the reject', () => {
    const reject = '-A INPUT -p tcp -j REJECT --reject-with tcp-reset';
    const text = iptables(SMTP, reject, EDGESYNC);
    check('iptables', text, ['missing-required-port warning 1:1-1:51', 'firewall-rule-shadowed warning 8:1-8:63']);
    assert.equal(applyFix('iptables', text, 'missing-required-port', /^Allow/), iptables(SMTP, '-A INPUT -p tcp -m tcp --dport 50636 -j ACCEPT', reject, EDGESYNC));
  });

  test('iptables: every required port open (a source restriction still opens it)', () => {
    check('iptables', iptables(SMTP, EDGESYNC, '-A INPUT -p tcp -j REJECT'), []);
  });

  test('iptables: established/related and loopback rules open nothing, a jump to an accepting chain does', () => {
    const stateful = iptables(SMTP, '-A INPUT -p tcp --dport 50636 -m state --state ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -i lo -p tcp --dport 50636 -j ACCEPT');
    check('iptables', stateful, ['missing-required-port warning 1:1-1:51']);
    const jumped = [EDGE, '*filter', ':INPUT DROP [0:0]', ':SYNC - [0:0]', SMTP, '-A INPUT -s 10.20.0.0/24 -j SYNC', '-A SYNC -p tcp --dport 50636 -j ACCEPT', 'COMMIT', ''].join('\n');
    check('iptables', jumped, []);
  });

  test('iptables: a chain whose policy accepts opens everything', () => {
    check('iptables', [EDGE, '*filter', ':INPUT ACCEPT [0:0]', 'COMMIT', ''].join('\n'), []);
  });

  test('iptables: a perimeter firewall is audited on its FORWARD path, and the fix keeps the server address', () => {
    const forward = (...rules: string[]) => [EDGE, '*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', '-A INPUT -p tcp --dport 50636 -j ACCEPT', ...rules, 'COMMIT', ''].join('\n');
    const smtp = '-A FORWARD -d 192.0.2.25/32 -p tcp -m tcp --dport 25 -j ACCEPT';
    check('iptables', forward(smtp), ['missing-required-port warning 1:1-1:51']);
    assert.equal(
      applyFix('iptables', forward(smtp), 'missing-required-port', /^Allow/),
      forward(smtp, '-A FORWARD -d 192.0.2.25/32 -p tcp -m tcp --dport 50636 -j ACCEPT'),
    );
  });

  test('iptables: a shell script gets lines in its own form, and CRLF files get CRLF', () => {
    const script = [EDGE, 'iptables -P INPUT DROP', 'iptables -A INPUT -p tcp --dport 25 -j ACCEPT', ''].join('\r\n');
    assert.equal(
      applyFix('iptables', script, 'missing-required-port', /^Allow/),
      [EDGE, 'iptables -P INPUT DROP', 'iptables -A INPUT -p tcp --dport 25 -j ACCEPT', 'iptables -A INPUT -p tcp -m tcp --dport 50636 -j ACCEPT', ''].join('\r\n'),
    );
  });

  test('nftables: missing ports, and the fix before the chain closes', () => {
    const text = nft('ct state established,related accept');
    check('nftables', text, ['missing-required-port warning 1:1-1:51']);
    assert.deepEqual(messagesOf('nftables', text, 'missing-required-port'), [
      'Edge Transport 2016 needs inbound Edge Receive connector "Default internal receive connector <Edge>" 25/TCP (Internet → Edge; Mailbox → Edge); EdgeSync (LDAP over SSL to AD LDS) 50636/TCP (Hub Transport (2010) / Mailbox (2013+) → Edge), but no rule opens them.',
    ]);
    assert.equal(
      applyFix('nftables', text, 'missing-required-port', 'Allow 25/TCP, 50636/TCP inbound'),
      nft('ct state established,related accept', 'tcp dport 25 accept', 'tcp dport 50636 accept'),
    );
  });

  test('nftables: the fix goes before a final reject, with its indentation', () => {
    const text = nft('tcp dport 25 accept', 'reject');
    assert.equal(applyFix('nftables', text, 'missing-required-port', /^Allow/), nft('tcp dport 25 accept', 'tcp dport 50636 accept', 'reject'));
  });

  test('nftables: all open', () => {
    check('nftables', nft('tcp dport { 25, 50636 } accept'), []);
    check('nftables', nft('tcp dport 25 accept', 'ip saddr 10.20.0.0/24 tcp dport 50636 accept', 'reject'), []);
  });

  test('the role can come from settings; the finding then sits on the first line', () => {
    const text = ['*filter', ':INPUT DROP [0:0]', SMTP, 'COMMIT', ''].join('\n');
    check('iptables', text, []);
    check('iptables', text, ['missing-required-port warning 1:1-1:8'], { role: { role: 'edge-transport', version: '2016' } });
    // The file's own directive wins over settings.
    check('iptables', iptables(SMTP, EDGESYNC), [], { role: { role: 'mailbox', version: '2019' } });
  });

  test('version-specific: Exchange 2010 CAS needs the endpoint mapper', () => {
    const text = ['# exchange-ports: role=client-access version=2010', 'table inet filter {', '\tchain input {', '\t\ttype filter hook input priority 0; policy drop;', '\t}', '}', ''].join('\n');
    assert.deepEqual(messagesOf('nftables', text, 'missing-required-port'), [
      'Client Access 2010 needs inbound Outlook MAPI (RPC over TCP) → RPC Client Access (MSExchangeRPC): endpoint mapper 135/TCP (Outlook → Client Access (and Mailbox servers holding public folders)), but no rule opens it.',
    ]);
  });

  test('severity override and off', () => {
    check('iptables', iptables(SMTP), ['missing-required-port error 1:1-1:51'], { rules: { 'missing-required-port': 'error' } });
    check('iptables', iptables(SMTP), [], { rules: { 'missing-required-port': 'off' } });
  });

  test('suppressed by a comment on the line above the directive', () => {
    check('iptables', `# exchange-ports-disable-next-line missing-required-port\n${iptables(SMTP)}`, []);
    check('nftables', `# exchange-ports-disable-next-line missing-required-port\n${nft()}`, []);
  });

  test('an unreadable directive turns the audit off (and says so under firewall-syntax)', () => {
    check('iptables', iptables(SMTP).replace('edge-transport', 'edge'), ['firewall-syntax warning 1:24-1:28']);
  });
});

describe('examples/perimeter', () => {
  const example = (name: string) => readFileSync(join(__dirname, '..', '..', '..', 'examples', 'perimeter', name), 'utf8');

  test('edge-transport.rules.v4: EdgeSync forgotten, plaintext AD LDS opened instead', () => {
    const text = example('edge-transport.rules.v4');
    assert.deepEqual(findingsOf('iptables', text), [
      'missing-required-port warning 4:1-4:51',
      'plaintext-protocol-exposed warning 14:51-14:56',
      'unexpected-open-port information 15:67-15:71',
    ]);
    assert.deepEqual(messagesOf('iptables', text, 'plaintext-protocol-exposed'), [
      'AD LDS LDAP without SSL on the Edge server on 50389/TCP is open to any source and carries passwords and data readable on the wire: open 50636 (EdgeSync (LDAP over SSL to AD LDS)) instead, or allow 50389 only from the hosts that need it.',
    ]);
  });

  test('nftables.conf: a Mailbox 2019 server published with the usual mistakes', () => {
    assert.deepEqual(findingsOf('nftables', example('nftables.conf')), [
      'missing-required-port warning 4:1-4:44',
      'plaintext-protocol-exposed warning 23:29-23:32',
      'sensitive-port-any-source warning 24:29-24:33',
      'unexpected-open-port information 24:29-24:33',
      'dynamic-rpc-range-open warning 25:29-25:40',
      'firewall-rule-shadowed warning 26:3-26:39',
    ]);
  });
});
