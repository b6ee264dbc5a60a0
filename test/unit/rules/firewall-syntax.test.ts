import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, check, messagesOf } from '../support/service';

describe('firewall-syntax', () => {
  test('iptables: a table without COMMIT, with the fix', () => {
    const text = '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 25 -j ACCEPT\n';
    check('iptables', text, ['firewall-syntax error 1:1-1:8']);
    assert.deepEqual(messagesOf('iptables', text, 'firewall-syntax'), ['Table *filter has no COMMIT, so iptables-restore rejects the file.']);
    assert.equal(applyFix('iptables', text, 'firewall-syntax', 'Add COMMIT'), `${text}COMMIT\n`);
  });

  test('iptables: a port that is no port name; an out-of-range number is invalid-port', () => {
    const text = '*filter\n-A INPUT -p tcp --dport 70000 -j ACCEPT\n-A INPUT -p tcp --dport smtpx -j ACCEPT\nCOMMIT\n';
    check('iptables', text, ['invalid-port error 2:25-2:30', 'firewall-syntax error 3:25-3:30']);
    assert.deepEqual(messagesOf('iptables', text, 'firewall-syntax'), ["'smtpx' is not a port number or a known service name."]);
    assert.deepEqual(messagesOf('iptables', text, 'invalid-port'), ['Port 70000 is outside 0–65535.']);
  });

  test('nftables: an unknown policy', () => {
    check('nftables', 'table inet f {\n\tchain input {\n\t\ttype filter hook input priority 0; policy bogus;\n\t}\n}\n', ['firewall-syntax error 3:45-3:50']);
  });

  test('a well-formed file has none', () => {
    check('iptables', '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 25 -j ACCEPT\nCOMMIT\n', []);
    check('nftables', 'table inet f {\n\tchain input {\n\t\ttype filter hook input priority 0; policy drop;\n\t\ttcp dport 25 accept\n\t}\n}\n', []);
  });

  test('a role directive that cannot be read is a warning on the word at fault', () => {
    const text = '# exchange-ports: role=gateway version=2016\n# exchange-ports: role=mailbox version=2019\n*filter\nCOMMIT\n';
    check('iptables', text, ['firewall-syntax warning 1:24-1:31', 'firewall-syntax warning 2:1-2:44']);
    assert.deepEqual(messagesOf('iptables', text, 'firewall-syntax'), [
      "Unknown role 'gateway': use one of client-access, mailbox, hub-transport, edge-transport, unified-messaging, clients.",
      'Only the first exchange-ports: role directive of a file counts; remove this one.',
    ]);
    check('nftables', '# exchange-ports: role=mailbox version=2031\nflush ruleset\n', ['firewall-syntax warning 1:40-1:44']);
    assert.deepEqual(messagesOf('nftables', '# exchange-ports: role=mailbox version=2031 zone=dmz\n', 'firewall-syntax'), [
      "Unknown Exchange version '2031': use one of 2000/2003, 2007, 2010, 2013, 2016, 2019, SE, EXO, Outlook.com.",
      "The role directive takes role=<role> and version=<version>, not 'zone='.",
    ]);
  });

  test('a directive without a version takes targetVersion, or asks for one', () => {
    const text = '# exchange-ports: role=mailbox\nflush ruleset\n';
    check('nftables', text, ['firewall-syntax warning 1:1-1:31']);
    // Readable now: the audit runs, and this file opens nothing.
    check('nftables', text, ['missing-required-port warning 1:1-1:31'], { targetVersion: '2019' });
    check('nftables', '# exchange-ports: version=2019\n', ['firewall-syntax warning 1:1-1:31']);
  });

  test('severity override and off', () => {
    const text = '*filter\n-A INPUT -p tcp --dport smtpx -j ACCEPT\nCOMMIT\n';
    check('iptables', text, ['firewall-syntax warning 2:25-2:30'], { rules: { 'firewall-syntax': 'warning' } });
    check('iptables', text, [], { rules: { 'firewall-syntax': 'off' } });
  });

  test('suppressed by a comment on the line above', () => {
    check('iptables', '*filter\n# exchange-ports-disable-next-line firewall-syntax\n-A INPUT -p tcp --dport smtpx -j ACCEPT\nCOMMIT\n', []);
    check('nftables', '# exchange-ports-disable-next-line firewall-syntax\n# exchange-ports: role=gateway version=2016\n', []);
  });

  test('malformed lines never throw and are reported', () => {
    const text = '*filter\n-A INPUT -p tcp --dport 25 -j\n-A INPUT -p\n-A\nCOMMIT\n';
    check('iptables', text, ['firewall-syntax error 2:28-2:30', 'firewall-syntax error 3:10-3:12', 'firewall-syntax error 4:1-4:3']);
    assert.deepEqual(messagesOf('iptables', text, 'firewall-syntax'), ['-j needs a value.', '-p needs a value.', '-A needs a chain name.']);
  });
});
