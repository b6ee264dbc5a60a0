// The port map's Markdown for small workspaces: the table, and each kind of gap.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { portMap } from '../../../server/src/features/portMap';
import { mergeSettings } from '../../../server/src/service/config';
import { workspaceOf } from './support';

const RPC_KEY = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]';
const AB_KEY = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters]';
const reg = (...lines: string[]) => ['Windows Registry Editor Version 5.00', '', ...lines, ''].join('\r\n');
const iptables = (...rules: string[]) => ['*filter', ':INPUT DROP [0:0]', ...rules, 'COMMIT', ''].join('\n');

describe('port map', () => {
  test('ports, where they are set, who opens them, and the gaps', () => {
    const workspace = workspaceOf({
      'cas01.reg': reg(RPC_KEY, '"TCP/IP Port"=dword:0000e88c', AB_KEY, '"RpcTcpPort"="59533"'),
      'cas02.reg': reg(RPC_KEY, '"TCP/IP Port"=dword:0000e8d0'),
      'fw/edge.iptables': iptables('-A INPUT -p tcp --dport 59532 -j ACCEPT', '-A INPUT -p tcp --dport 59533 -j ACCEPT', '-A INPUT -p tcp --dport 60000 -j ACCEPT'),
    });
    assert.equal(
      workspace.service.portMap(mergeSettings()),
      [
        '# Exchange port map',
        '',
        'The static RPC ports set in the workspace, and the firewall files that allow them inbound (1 firewall file).',
        '',
        '| Service | Port | Set in | Allowed inbound by |',
        '|---|---|---|---|',
        '| Address Book | 59533 | [cas01.reg:6](<file:///ws/cas01.reg#L6>) | [fw/edge.iptables](<file:///ws/fw/edge.iptables>) |',
        '| RPC Client Access | 59532 | [cas01.reg:4](<file:///ws/cas01.reg#L4>) | [fw/edge.iptables](<file:///ws/fw/edge.iptables>) |',
        '| RPC Client Access | 59600 | [cas02.reg:4](<file:///ws/cas02.reg#L4>) | **none** |',
        '| RPC endpoint mapper | 135 | (always) | **none** |',
        '',
        '## Gaps',
        '',
        '- **RPC Client Access** is set to different ports: 59532 in [cas01.reg:4](<file:///ws/cas01.reg#L4>); 59600 in [cas02.reg:4](<file:///ws/cas02.reg#L4>). Every server of the array needs the same port.',
        '- **59600** (RPC Client Access) is not allowed inbound by any firewall file.',
        '- **135** (RPC endpoint mapper) is not allowed inbound by any firewall file.',
        '- **60000** is opened in [fw/edge.iptables:5](<file:///ws/fw/edge.iptables#L5>), but no file configures a static port there.',
        '',
      ].join('\n'),
    );
  });

  test('consistent ports, all opened: no gaps', () => {
    const workspace = workspaceOf({ 'cas01.reg': reg(RPC_KEY, '"TCP/IP Port"=dword:0000e88c'), 'edge.iptables': iptables('-A INPUT -p tcp -m multiport --dports 135,59532 -j ACCEPT') });
    assert.match(workspace.service.portMap(mergeSettings()), /## Gaps\n\nNone: one port per service, and every port allowed inbound\.\n$/);
  });

  test('without firewall files the table has no endpoint mapper row and says so', () => {
    const markdown = workspaceOf({ 'cas[1].reg': reg(RPC_KEY, '"TCP/IP Port"=dword:0000e88c') }).service.portMap(mergeSettings());
    assert.match(markdown, /\| RPC Client Access \| 59532 \| \[cas\\\[1\\\]\.reg:4\]\(<file:\/\/\/ws\/cas\[1\]\.reg#L4>\) \| — \|\n\n## Gaps/);
    assert.match(markdown, /- No firewall file in the workspace: nothing says which of these ports are reachable\.\n/);
  });

  test('an empty workspace, or none at all', () => {
    const expected = '# Exchange port map\n\nNo file of the workspace configures a static RPC port (RPC Client Access `TCP/IP Port`, Address Book `RpcTcpPort`).\n';
    assert.equal(workspaceOf({}).service.portMap(mergeSettings()), expected);
    assert.equal(portMap(undefined, mergeSettings()), expected);
  });
});
