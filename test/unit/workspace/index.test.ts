// The workspace index: which facts a file contributes, when they count as changed, and how the
// checked document's own buffer replaces its indexed copy.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from '../../../server/src/service/analyze';
import type { LanguageId } from '../../../server/src/service/types';
import { factsOf, fileNameGlobs, languageOfFileName, WorkspaceIndex } from '../../../server/src/service/workspace';

const RPC_KEY = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]';
const reg = (...lines: string[]) => ['Windows Registry Editor Version 5.00', '', ...lines, ''].join('\r\n');
const analyzed = (uri: string, languageId: LanguageId, text: string, version = 1) => analyzeDocument(TextDocument.create(uri, languageId, version, text), () => undefined);

describe('workspace facts of one file', () => {
  test('a .reg file: its valid static ports, where they are written', () => {
    const facts = factsOf(analyzed('file:///ws/cas01.reg', 'reg', reg(RPC_KEY, '"TCP/IP Port"=dword:0000e88c', '"TCP/IP Port"=dword:00000000')));
    assert.deepEqual(facts.staticPorts, [
      { uri: 'file:///ws/cas01.reg', settingId: 'rpc-client-access-port', service: 'RPC Client Access', port: 59532, span: { start: 141, end: 155 }, line: 3 },
    ]);
    assert.equal(facts.firewall, false);
    assert.deepEqual(facts.openings, []);
  });

  test('an iptables file: the ports its inbound TCP allow rules open, and where each is written', () => {
    const text = ['*filter', ':INPUT DROP [0:0]', '-A INPUT -p tcp --dport 135 -j ACCEPT', '-A INPUT -p tcp --dport 59532:59533 -j ACCEPT', '-A INPUT -p tcp --dport 22 -j DROP', 'COMMIT', ''].join('\n');
    const facts = factsOf(analyzed('file:///ws/edge.iptables', 'iptables', text));
    assert.equal(facts.firewall, true);
    assert.deepEqual(facts.allowedPorts, [[{ from: 135, to: 135 }], [{ from: 59532, to: 59533 }]]);
    assert.deepEqual(
      facts.openings.map(({ from, to, line }) => ({ from, to, line })),
      [
        { from: 135, to: 135, line: 2 },
        { from: 59532, to: 59533, line: 3 },
      ],
    );
  });
});

describe('WorkspaceIndex', () => {
  const firewall = (port: number) => ['*filter', `-A INPUT -p tcp --dport ${port} -j ACCEPT`, 'COMMIT', ''].join('\n');

  test('update says whether other files could see a difference; positions alone are none', () => {
    const index = new WorkspaceIndex();
    assert.equal(index.update('file:///ws/a.reg', analyzed('file:///ws/a.reg', 'reg', reg(RPC_KEY, '"TCP/IP Port"=dword:0000e88c'))), true);
    assert.equal(index.update('file:///ws/a.reg', analyzed('file:///ws/a.reg', 'reg', reg('; moved down a line', RPC_KEY, '"TCP/IP Port"=dword:0000e88c'), 2)), false);
    assert.equal(index.update('file:///ws/a.reg', analyzed('file:///ws/a.reg', 'reg', reg(RPC_KEY, '"TCP/IP Port"=dword:0000e88d'), 3)), true);
    assert.equal(index.update('file:///ws/b.reg', analyzed('file:///ws/b.reg', 'reg', reg('; nothing here'))), false);
    assert.deepEqual(index.uris(), ['file:///ws/a.reg']);
    assert.equal(index.remove('file:///ws/a.reg'), true);
    assert.equal(index.remove('file:///ws/a.reg'), false);
  });

  test('queries: firewall files, who allows a port, static ports by service, sorted by display name', () => {
    const index = new WorkspaceIndex({ displayName: (uri) => uri.slice('file:///ws/'.length) });
    index.update('file:///ws/z/cas02.reg', analyzed('file:///ws/z/cas02.reg', 'reg', reg(RPC_KEY, '"TCP/IP Port"=dword:0000e8d0')));
    index.update('file:///ws/a/cas01.reg', analyzed('file:///ws/a/cas01.reg', 'reg', reg(RPC_KEY, '"TCP/IP Port"=dword:0000e88c')));
    index.update('file:///ws/fw/edge.iptables', analyzed('file:///ws/fw/edge.iptables', 'iptables', firewall(59532)));
    const view = index.view();
    assert.deepEqual(view.firewallFiles(), ['file:///ws/fw/edge.iptables']);
    assert.deepEqual(view.firewallFilesAllowing(59532), ['file:///ws/fw/edge.iptables']);
    assert.equal(view.isPortAllowedAnywhere(59532), true);
    assert.equal(view.isPortAllowedAnywhere(59600), false);
    assert.deepEqual(
      [...view.staticPortsByService()].map(([service, facts]) => [service, facts.map((fact) => `${view.displayName(fact.uri)} ${fact.port}`)]),
      [['rpc-client-access-port', ['a/cas01.reg 59532', 'z/cas02.reg 59600']]],
    );
  });

  test('the checked document\'s buffer replaces its indexed copy (one spelling per file via canonicalUri)', () => {
    const index = new WorkspaceIndex({ canonicalUri: (uri) => uri.toLowerCase() });
    index.update('file:///WS/edge.iptables', analyzed('file:///WS/edge.iptables', 'iptables', firewall(59532)));
    const buffer = analyzed('file:///ws/edge.iptables', 'iptables', firewall(59600), 7);
    assert.deepEqual(index.view(buffer).firewallFiles(), ['file:///ws/edge.iptables']);
    assert.equal(index.view(buffer).isPortAllowedAnywhere(59532), false);
    assert.equal(index.view(analyzed('file:///ws/edge.iptables', 'iptables', '', 8)).firewallFiles().length, 0);
    assert.equal(index.view().isPortAllowedAnywhere(59532), true);
  });
});

describe('file names', () => {
  test('languages by extension or base name', () => {
    assert.deepEqual(['a.REG', 'x/rules.v4', 'fw.nft', 'set.ps1', 'run.cmd', 'notes.txt'].map(languageOfFileName), ['reg', 'iptables', 'nftables', 'powershell', 'bat', undefined]);
  });

  test('iptables files are also recognised by a `.rules.v4` / `.rules.v6` ending', () => {
    assert.equal(languageOfFileName('perimeter/edge-transport.rules.v4'), 'iptables');
    assert.equal(languageOfFileName('EDGE.RULES.V6'), 'iptables');
    assert.equal(languageOfFileName('notes.v4'), undefined);
  });

  test('the watcher globs cover every name of the table', () => {
    assert.deepEqual(fileNameGlobs(), ['**/*.{reg,ps1,psm1,cmd,bat,iptables,nft}', '**/{rules.v4,rules.v6,*.rules.v4,*.rules.v6,nftables.conf}']);
  });
});
