// Windows firewall rules in PowerShell scripts, through the neutral model: what the model holds,
// and the firewall rules that read it (dynamic-rpc-range-open, plaintext-protocol-exposed, invalid-port).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildPowerShellModel } from '../../../../server/src/parsers/powershell/model';
import { applyFix, check, messagesOf } from '../../support/service';

const rule = (ports: string, extra = '') => `New-NetFirewallRule -DisplayName 'Exchange' -Direction Inbound -Protocol TCP -LocalPort ${ports} -Action Allow${extra}`;

describe('New-/Set-/Remove-NetFirewallRule in the model', () => {
  test('ports, ranges, keywords, arrays and splatting', () => {
    const text = [
      rule("135,'59531-60554'"),
      "$p = @{ DisplayName = 'Splat'; Direction = 'Outbound'; Action = 'Block'; Protocol = 'UDP'; RemotePort = 53 }",
      'New-NetFirewallRule @p',
      rule('RPC', ' -Program "%SystemRoot%\\System32\\svchost.exe"'),
      rule('RPCEPMap', ' -RemoteAddress LocalSubnet -Enabled False'),
    ].join('\n');
    const { rules, policies } = buildPowerShellModel(text).model.firewall;
    assert.deepEqual(
      rules.map((r) => [r.direction, r.action, r.protocol, r.destinationPorts, r.otherMatches, r.index, r.orderSensitive]),
      [
        ['inbound', 'allow', 'tcp', [{ from: 135, to: 135 }, { from: 59531, to: 60554 }], [], 0, false],
        ['outbound', 'deny', 'udp', [{ from: 53, to: 53 }], [], 0, false],
        ['inbound', 'allow', 'tcp', 'any', ['Program=%SystemRoot%\\System32\\svchost.exe', 'LocalPort=RPC'], 1, false],
      ],
    );
    assert.deepEqual(policies.map((p) => [p.chain, p.policy]), [['Inbound', 'deny'], ['Outbound', 'allow']]);
  });

  test('block rules come first in evaluation order wherever they are written', () => {
    const text = [rule('25'), "New-NetFirewallRule -DisplayName 'No SMTP' -Direction Inbound -Protocol TCP -LocalPort 25 -Action Block"].join('\n');
    assert.deepEqual(buildPowerShellModel(text).model.firewall.rules.map((r) => [r.action, r.index]), [['allow', 1], ['deny', 0]]);
  });

  test('Set- changes and Remove- drops a rule the script created; unknown rules are left alone', () => {
    const text = [rule('135'), "Set-NetFirewallRule -DisplayName 'Exchange' -LocalPort 135,59532", "Set-NetFirewallRule -DisplayName 'Other' -LocalPort 1"].join('\n');
    assert.deepEqual(buildPowerShellModel(text).model.firewall.rules.map((r) => r.destinationPorts), [[{ from: 135, to: 135 }, { from: 59532, to: 59532 }]]);
    assert.deepEqual(buildPowerShellModel([rule('135'), "Remove-NetFirewallRule -DisplayName 'Exchange'"].join('\n')).model.firewall, { rules: [], policies: [], includes: [] });
  });

  test('netsh inside PowerShell is read too', () => {
    const text = 'netsh advfirewall firewall add rule name="RPC" dir=in action=allow protocol=TCP localport=135,59532\n';
    assert.deepEqual(buildPowerShellModel(text).model.firewall.rules.map((r) => r.destinationPorts), [[{ from: 135, to: 135 }, { from: 59532, to: 59532 }]]);
  });
});

describe('dynamic-rpc-range-open in PowerShell', () => {
  test('a range over the dynamic ports, with the fix as a PowerShell list', () => {
    const text = `${rule("'49152-65535'")}\n`;
    check('powershell', text, ['dynamic-rpc-range-open warning 1:89-1:102']);
    assert.equal(applyFix('powershell', text, 'dynamic-rpc-range-open', 'Open only 135, 59532 and 59533'), `${rule('135,59532,59533')}\n`);
  });

  test('the script\'s own static ports are named and used', () => {
    const text = [
      "Set-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem' -Name 'TCP/IP Port' -Value 59600 -Type DWord",
      "Set-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters' -Name 'RpcTcpPort' -Value '59601' -Type String",
      'Restart-Service MSExchangeRPC, MSExchangeAB',
      rule("'6005-59530'"),
      '',
    ].join('\n');
    assert.deepEqual(messagesOf('powershell', text, 'dynamic-rpc-range-open'), [
      'This rule opens 6005-59530/TCP, which covers most of 6005–59530, the dynamic RPC port range after installing the Exchange 2010 Client Access role. That is a sieve for every RPC service on the host: open the endpoint mapper 135 and the static RPC ports instead (59600 and 59601 as this script configures them).',
    ]);
    assert.match(applyFix('powershell', text, 'dynamic-rpc-range-open', /Open only/), /-LocalPort 135,59600,59601 -Action Allow/);
  });

  test('the static ports alone, a blocked range and a disabled rule are fine', () => {
    check('powershell', `${rule('135,59532,59533')}\n`, []);
    check('powershell', "New-NetFirewallRule -DisplayName x -Direction Inbound -Protocol TCP -LocalPort '49152-65535' -Action Block\n", []);
    check('powershell', `${rule("'49152-65535'", ' -Enabled False')}\n`, []);
  });
});

describe('plaintext-protocol-exposed and invalid-port in PowerShell', () => {
  test('POP3 open to anyone; restricted to a subnet it is fine', () => {
    const text = `${rule('110')}\n`;
    check('powershell', text, ['plaintext-protocol-exposed warning 1:89-1:92']);
    assert.equal(applyFix('powershell', text, 'plaintext-protocol-exposed', 'Open 995 instead of 110'), `${rule('995')}\n`);
    check('powershell', `${rule('110', ' -RemoteAddress 10.0.0.0/8')}\n`, []);
  });

  test('ports outside 1–65535 and reversed ranges', () => {
    check('powershell', `${rule("70000,'60000-50000'")}\n`, ['invalid-port error 1:89-1:94', 'invalid-port error 1:96-1:107']);
  });

  test('suppression and severity', () => {
    check('powershell', `# exchange-ports-disable-next-line\n${rule('110')}\n`, []);
    check('powershell', `${rule('110')}\n`, [], { rules: { 'plaintext-protocol-exposed': 'off' } });
  });
});
