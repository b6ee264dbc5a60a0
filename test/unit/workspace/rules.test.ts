// The two cross-file rules at the service boundary: small workspaces inline, each file checked with
// the others indexed, findings as `<rule> <severity> <range> <message>`.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { check, settingsWith } from '../support/service';
import { crossFileFindings, workspaceOf } from './support';

const RPC_KEY = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]';
const AB_KEY = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters]';
const reg = (...lines: string[]) => ['Windows Registry Editor Version 5.00', '', ...lines, ''].join('\r\n');
const iptables = (...rules: string[]) => ['*filter', ':INPUT DROP [0:0]', ...rules, 'COMMIT', ''].join('\n');

const CAS01 = reg(RPC_KEY, '"TCP/IP Port"=dword:0000e88c'); // 59532
const CAS02 = reg(RPC_KEY, '"TCP/IP Port"=dword:0000e8d0'); // 59600

describe('static-port-mismatch', () => {
  test('one service on two ports in two files: each value is reported, naming the other file', () => {
    const workspace = workspaceOf({ 'cas01.reg': CAS01, 'cas02.reg': CAS02 });
    assert.deepEqual(crossFileFindings(workspace, 'cas01.reg'), [
      'static-port-mismatch warning 4:15-4:29 RPC Client Access static port 59532 differs from 59600 in cas02.reg: every server of the array needs the same port.',
    ]);
    assert.deepEqual(crossFileFindings(workspace, 'cas02.reg'), [
      'static-port-mismatch warning 4:15-4:29 RPC Client Access static port 59600 differs from 59532 in cas01.reg: every server of the array needs the same port.',
    ]);
  });

  test('several other ports and files, whatever the format that writes them', () => {
    const workspace = workspaceOf({
      'cas01.reg': CAS01,
      'cas02.ps1': "Set-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem' -Name 'TCP/IP Port' -Value 59600 -Type DWord\n",
      'cas03.cmd': 'reg add "HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem" /v "TCP/IP Port" /t REG_DWORD /d 59600 /f\r\n',
      'cas04.reg': reg(RPC_KEY, '"TCP/IP Port"=dword:0000e8d1'),
    });
    assert.deepEqual(crossFileFindings(workspace, 'cas01.reg'), [
      'static-port-mismatch warning 4:15-4:29 RPC Client Access static port 59532 differs from 59600 in cas02.ps1, cas03.cmd; 59601 in cas04.reg: every server of the array needs the same port.',
    ]);
    assert.deepEqual(crossFileFindings(workspace, 'cas03.cmd'), [
      'static-port-mismatch warning 1:114-1:119 RPC Client Access static port 59600 differs from 59532 in cas01.reg; 59601 in cas04.reg: every server of the array needs the same port.',
    ]);
  });

  test('the same ports everywhere, or different services on different ports: nothing', () => {
    const workspace = workspaceOf({ 'cas01.reg': CAS01, 'cas03.reg': CAS01, 'ab.reg': reg(AB_KEY, '"RpcTcpPort"="59533"') });
    assert.deepEqual(crossFileFindings(workspace, 'cas01.reg'), []);
    assert.deepEqual(crossFileFindings(workspace, 'ab.reg'), []);
  });

  test('the quick fix takes the other file\'s port, in the document\'s own syntax', () => {
    const workspace = workspaceOf({ 'cas01.reg': CAS01, 'cas02.reg': CAS02 });
    const document = workspace.documents.get('cas01.reg') as TextDocument;
    const settings = settingsWith();
    const [diagnostic] = workspace.service.diagnostics(document, settings);
    const [action] = workspace.service.codeActions(document, diagnostic.range, [diagnostic], settings);
    assert.equal(action.title, 'Set the RPC Client Access port to 59600 (as in cas02.reg)');
    assert.equal(action.isPreferred, true);
    assert.equal(TextDocument.applyEdits(document, action.edit?.changes?.[document.uri] ?? []), CAS02);
  });

  test('severity from settings, off, and a suppression comment', () => {
    const workspace = workspaceOf({ 'cas01.reg': CAS01, 'cas02.reg': CAS02, 'quiet.reg': reg('; exchange-ports-disable static-port-mismatch', RPC_KEY, '"TCP/IP Port"=dword:0000e8d2') });
    assert.deepEqual(crossFileFindings(workspace, 'cas01.reg', { rules: { 'static-port-mismatch': 'error' } }), [
      'static-port-mismatch error 4:15-4:29 RPC Client Access static port 59532 differs from 59600 in cas02.reg; 59602 in quiet.reg: every server of the array needs the same port.',
    ]);
    assert.deepEqual(crossFileFindings(workspace, 'cas01.reg', { rules: { 'static-port-mismatch': 'off' } }), []);
    assert.deepEqual(crossFileFindings(workspace, 'quiet.reg'), []);
  });

  test('malformed and invalid values take no part', () => {
    const workspace = workspaceOf({ 'cas01.reg': CAS01, 'broken.reg': reg(RPC_KEY, '"TCP/IP Port"=dword:zz', '"TCP/IP Port"=dword:00000000') });
    assert.deepEqual(crossFileFindings(workspace, 'cas01.reg'), []);
  });

  test('a single-file check (no workspace) stays silent', () => {
    check('reg', CAS01, []);
  });
});

describe('static-port-not-opened', () => {
  const FIREWALL = iptables('-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT', '-A INPUT -p tcp --dport 135 -j ACCEPT', '-A INPUT -p tcp --dport 59532 -j ACCEPT');

  test('a static port no firewall file opens: warning on the value, naming the firewall files', () => {
    const workspace = workspaceOf({ 'cas01.reg': reg(RPC_KEY, '"TCP/IP Port"=dword:0000e88c', AB_KEY, '"RpcTcpPort"="59533"'), 'edge.iptables': FIREWALL });
    assert.deepEqual(crossFileFindings(workspace, 'cas01.reg'), [
      'static-port-not-opened warning 6:14-6:21 Address Book static port 59533 is not allowed inbound by any firewall file of the workspace (edge.iptables).',
    ]);
  });

  test('opened by any one of several firewall files (a port range, nftables): nothing', () => {
    const workspace = workspaceOf({
      'cas01.reg': reg(RPC_KEY, '"TCP/IP Port"=dword:0000e88c', AB_KEY, '"RpcTcpPort"="59533"'),
      'edge.iptables': FIREWALL,
      'inner.nft': ['table inet filter {', '  chain input {', '    type filter hook input priority 0; policy drop;', '    tcp dport 59533-59534 accept', '  }', '}', ''].join('\n'),
    });
    assert.deepEqual(crossFileFindings(workspace, 'cas01.reg'), []);
  });

  test('allow rules that admit no new connection, or only loopback or UDP, do not open the port', () => {
    const workspace = workspaceOf({
      'cas01.reg': CAS01,
      'edge.iptables': iptables('-A INPUT -m conntrack --ctstate ESTABLISHED -p tcp --dport 59532 -j ACCEPT', '-A INPUT -i lo -j ACCEPT', '-A INPUT -p udp --dport 59532 -j ACCEPT'),
    });
    assert.deepEqual(crossFileFindings(workspace, 'cas01.reg'), [
      'static-port-not-opened warning 4:15-4:29 RPC Client Access static port 59532 is not allowed inbound by any firewall file of the workspace (edge.iptables).',
    ]);
  });

  test('more than three firewall files are counted, not named', () => {
    const closed = iptables('-A INPUT -p tcp --dport 443 -j ACCEPT');
    const workspace = workspaceOf({ 'cas01.reg': CAS01, 'a.iptables': closed, 'b.iptables': closed, 'c.iptables': closed, 'd.iptables': closed });
    assert.deepEqual(crossFileFindings(workspace, 'cas01.reg'), [
      'static-port-not-opened warning 4:15-4:29 RPC Client Access static port 59532 is not allowed inbound by any of the 4 firewall files of the workspace.',
    ]);
  });

  test('no firewall file in the workspace: nothing to compare with', () => {
    assert.deepEqual(crossFileFindings(workspaceOf({ 'cas01.reg': CAS01 }), 'cas01.reg'), []);
  });

  test('an opening in the static range no file configures: information on the firewall port', () => {
    const workspace = workspaceOf({ 'cas01.reg': CAS01, 'edge.iptables': iptables('-A INPUT -p tcp --dport 59532 -j ACCEPT', '-A INPUT -p tcp -m multiport --dports 443,59600:59610 -j ACCEPT') });
    assert.deepEqual(crossFileFindings(workspace, 'edge.iptables'), [
      'static-port-not-opened information 4:43-4:54 Ports 59600–59610 in the static RPC range 59531–60554 are opened, but no file of the workspace configures a static port there (configured: 59532).',
    ]);
  });

  test('openings are not judged when no file configures a static port', () => {
    const workspace = workspaceOf({ 'edge.iptables': iptables('-A INPUT -p tcp --dport 59600 -j ACCEPT') });
    assert.deepEqual(crossFileFindings(workspace, 'edge.iptables'), []);
  });

  test('the static range follows the settings', () => {
    const workspace = workspaceOf({ 'cas01.reg': reg(RPC_KEY, '"TCP/IP Port"=dword:00002710'), 'edge.iptables': iptables('-A INPUT -p tcp --dport 10000 -j ACCEPT', '-A INPUT -p tcp --dport 10001 -j ACCEPT') });
    assert.deepEqual(crossFileFindings(workspace, 'edge.iptables', { staticPortRange: { min: 10000, max: 10100 } }), [
      'static-port-not-opened information 4:25-4:30 Port 10001 in the static RPC range 10000–10100 is opened, but no file of the workspace configures a static port there (configured: 10000).',
    ]);
  });

  test('severity override applies to both levels; suppression; off', () => {
    const workspace = workspaceOf({ 'cas01.reg': CAS02, 'edge.iptables': iptables('-A INPUT -p tcp --dport 59532 -j ACCEPT') });
    const error = { rules: { 'static-port-not-opened': 'error' as const } };
    assert.deepEqual(crossFileFindings(workspace, 'cas01.reg', error).map((finding) => finding.split(' ').slice(0, 3).join(' ')), ['static-port-not-opened error 4:15-4:29']);
    assert.deepEqual(crossFileFindings(workspace, 'edge.iptables', error).map((finding) => finding.split(' ').slice(0, 3).join(' ')), ['static-port-not-opened error 3:25-3:30']);
    assert.deepEqual(crossFileFindings(workspace, 'cas01.reg', { rules: { 'static-port-not-opened': 'off' } }), []);
    const quiet = workspaceOf({ 'cas01.reg': CAS02, 'edge.iptables': iptables('# exchange-ports-disable static-port-not-opened', '-A INPUT -p tcp --dport 59532 -j ACCEPT') });
    assert.deepEqual(crossFileFindings(quiet, 'edge.iptables'), []);
  });

  test('a single-file check (no workspace) stays silent', () => {
    check('iptables', iptables('-A INPUT -p tcp --dport 59600 -j ACCEPT'), []);
  });
});
