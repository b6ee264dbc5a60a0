// The registry rules on PowerShell scripts: every way a script writes the two static ports
// (Set-ItemProperty, New-ItemProperty, `reg add`, splatting, variables, `-Param:value`,
// backtick continuations), and the quick fixes written back in PowerShell.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, check, messagesOf } from '../../support/service';

const RPC = 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem';
const AB = 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters';
const restart = 'Restart-Service MSExchangeRPC, MSExchangeAB';
const ps = (...lines: string[]) => [...lines, restart, ''].join('\r\n');

describe('static-port-out-of-range in PowerShell', () => {
  test('Set-ItemProperty with a literal', () => {
    const text = ps(`Set-ItemProperty -Path '${RPC}' -Name 'TCP/IP Port' -Value 1234 -Type DWord`);
    check('powershell', text, ['static-port-out-of-range warning 1:124-1:128']);
    assert.deepEqual(messagesOf('powershell', text, 'static-port-out-of-range'), [
      'RPC Client Access static port 1234 is outside the recommended range 59531–60554.',
    ]);
    assert.equal(
      applyFix('powershell', text, 'static-port-out-of-range', 'Set the RPC Client Access port to 59532'),
      ps(`Set-ItemProperty -Path '${RPC}' -Name 'TCP/IP Port' -Value 59532 -Type DWord`),
    );
  });

  test("a port the script's own firewall rule opens is still free for the fix: the rule is its opening, not another use", () => {
    const rule = "New-NetFirewallRule -DisplayName 'Exchange RPC' -Direction Inbound -Protocol TCP -LocalPort 135,59532 -Action Allow";
    const text = ps(`Set-ItemProperty -Path '${RPC}' -Name 'TCP/IP Port' -Value 1234 -Type DWord`, rule);
    assert.equal(
      applyFix('powershell', text, 'static-port-out-of-range', 'Set the RPC Client Access port to 59532'),
      ps(`Set-ItemProperty -Path '${RPC}' -Name 'TCP/IP Port' -Value 59532 -Type DWord`, rule),
    );
  });

  test('through a variable: the finding and the fix are where the number is written', () => {
    const text = ps('$port = 61000', `Set-ItemProperty -Path "${RPC}" -Name "TCP/IP Port" -Value $port -Type DWord`);
    check('powershell', text, ['static-port-out-of-range warning 1:9-1:14']);
    assert.equal(applyFix('powershell', text, 'static-port-out-of-range', /59532/), ps('$port = 59532', `Set-ItemProperty -Path "${RPC}" -Name "TCP/IP Port" -Value $port -Type DWord`));
  });

  test('splatted parameters', () => {
    const text = ps(`$p = @{ Path = '${AB}'; Name = 'RpcTcpPort'; Value = '1234'; Type = 'String' }`, 'Set-ItemProperty @p');
    check('powershell', text, ['static-port-out-of-range warning 1:112-1:118']);
  });

  test('-Param:value and backtick continuations', () => {
    const text = ps(`Set-ItemProperty -Path:'${AB}' \``, "    -Name:'RpcTcpPort' `", "    -Value:'1234' -Type:String");
    check('powershell', text, ['static-port-out-of-range warning 3:12-3:18']);
  });

  test('reg add inside a PowerShell script', () => {
    const text = ps(`reg add "${RPC.replace(':', '')}" /v "TCP/IP Port" /t REG_DWORD /d 1234 /f`);
    check('powershell', text, ['static-port-out-of-range warning 1:114-1:118']);
  });

  test('ports inside the window are fine', () => {
    check('powershell', ps(`Set-ItemProperty -Path '${RPC}' -Name 'TCP/IP Port' -Value 59532 -Type DWord`, `Set-ItemProperty -Path '${AB}' -Name 'RpcTcpPort' -Value '59533' -Type String`), []);
  });

  test('command-like text in here-strings is not a command', () => {
    const text = ps('$doc = @"', `Set-ItemProperty -Path '${RPC}' -Name 'TCP/IP Port' -Value 1234 -Type DWord`, '"@', "$raw = @'", `reg add HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters /v RpcTcpPort /d 5 /f`, "'@");
    check('powershell', text, []);
  });

  test('severity override and suppression', () => {
    const line = `Set-ItemProperty -Path '${RPC}' -Name 'TCP/IP Port' -Value 1234 -Type DWord`;
    check('powershell', ps(line), ['static-port-out-of-range error 1:124-1:128'], { rules: { 'static-port-out-of-range': 'error' } });
    check('powershell', ps(line), [], { rules: { 'static-port-out-of-range': 'off' } });
    check('powershell', ps('# exchange-ports-disable-next-line static-port-out-of-range', line), []);
  });
});

describe('static-port-wrong-type in PowerShell', () => {
  test('Set-ItemProperty -Type String for TCP/IP Port', () => {
    const text = ps(`Set-ItemProperty -Path '${RPC}' -Name 'TCP/IP Port' -Value 59532 -Type String`);
    check('powershell', text, ['static-port-wrong-type error 1:124-1:129']);
    assert.deepEqual(messagesOf('powershell', text, 'static-port-wrong-type'), [
      '`TCP/IP Port` must be a REG_DWORD (`DWord`), not REG_SZ: RPC Client Access ignores it and keeps a dynamic port.',
    ]);
    assert.equal(
      applyFix('powershell', text, 'static-port-wrong-type', 'Convert to REG_DWORD 59532'),
      ps(`Set-ItemProperty -Path '${RPC}' -Name 'TCP/IP Port' -Value 59532 -Type DWord`),
    );
  });

  test('New-ItemProperty -PropertyType DWord for RpcTcpPort', () => {
    const text = ps(`New-ItemProperty -Path ${AB} -Name RpcTcpPort -PropertyType DWord -Value 59533 -Force`);
    check('powershell', text, ['static-port-wrong-type error 1:132-1:137']);
    assert.equal(
      applyFix('powershell', text, 'static-port-wrong-type', 'Convert to REG_SZ 59533'),
      ps(`New-ItemProperty -Path ${AB} -Name RpcTcpPort -PropertyType String -Value '59533' -Force`),
    );
  });

  test('a number without -Type becomes a DWORD, which RpcTcpPort cannot be', () => {
    check('powershell', ps(`Set-ItemProperty '${AB}' 'RpcTcpPort' 59533`), ['static-port-wrong-type error 1:97-1:102']);
  });

  test('the right types are fine', () => {
    check('powershell', ps(`New-ItemProperty -Path '${AB}' -Name RpcTcpPort -PropertyType String -Value '59533'`), []);
  });

  test('a cast decides the type of the value it makes, as the uncast literal would', () => {
    // [int] of a number or a digit string is a DWORD: right for TCP/IP Port, wrong for RpcTcpPort.
    check('powershell', ps(`Set-ItemProperty -Path '${RPC}' -Name 'TCP/IP Port' -Value ([int]59532)`), []);
    check('powershell', ps(`Set-ItemProperty -Path '${RPC}' -Name 'TCP/IP Port' -Value ([int]'59532')`), []);
    const intForAb = ps(`Set-ItemProperty -Path '${AB}' -Name 'RpcTcpPort' -Value ([int]59533)`);
    check('powershell', intForAb, ['static-port-wrong-type error 1:122-1:127']);
    // The fix replaces the cast with the literal: the cast would keep making a number.
    assert.equal(
      applyFix('powershell', intForAb, 'static-port-wrong-type', 'Convert to REG_SZ 59533'),
      ps(`Set-ItemProperty -Path '${AB}' -Name 'RpcTcpPort' -Value '59533' -Type String`),
    );
    // [string] of a variable holding a number is a REG_SZ, as a quoted value is: found where the number is written.
    const stringForRpc = ps('$port = 59532', `Set-ItemProperty -Path '${RPC}' -Name 'TCP/IP Port' -Value ([string]$port)`);
    check('powershell', stringForRpc, ['static-port-wrong-type error 1:9-1:14']);
    assert.equal(
      applyFix('powershell', stringForRpc, 'static-port-wrong-type', 'Convert to REG_DWORD 59532'),
      ps('$port = 59532', `Set-ItemProperty -Path '${RPC}' -Name 'TCP/IP Port' -Value 59532 -Type DWord`),
    );
    check('powershell', ps('$port = 59533', `Set-ItemProperty -Path '${AB}' -Name 'RpcTcpPort' -Value ([string]$port)`), []);
    // -Type wins over the cast, as for an uncast value: the string converts to the DWORD.
    check('powershell', ps('$port = 59532', `Set-ItemProperty -Path '${RPC}' -Name 'TCP/IP Port' -Value ([string]$port) -Type DWord`), []);
  });

  test('-Type names a type only by its own name, never by an inherited property (`constructor`)', () => {
    assert.deepEqual(messagesOf('powershell', ps(`Set-ItemProperty -Path '${RPC}' -Name 'TCP/IP Port' -Value 59532 -Type constructor`), 'static-port-wrong-type'), [
      '`TCP/IP Port` must be a REG_DWORD (`DWord`), not REG_OTHER: RPC Client Access ignores it and keeps a dynamic port.',
    ]);
  });
});

describe('static-port-wrong-key in PowerShell', () => {
  test('every path form: HKLM:, Registry::, plain HKLM', () => {
    const text = ps(
      `Set-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\Parameters' -Name 'TCP/IP Port' -Value 59532 -Type DWord`,
      `Set-ItemProperty -Path 'Registry::HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\ParametersSystem' -Name 'RpcTcpPort' -Value '59533' -Type String`,
      `reg add HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC /v RpcTcpPort /t REG_SZ /d 59533 /f`,
    );
    check('powershell', text, ['static-port-wrong-key error 1:98-1:109', 'static-port-wrong-key error 2:126-2:136', 'static-port-wrong-key error 3:65-3:75']);
    assert.equal(
      applyFix('powershell', text, 'static-port-wrong-key', /ParametersSystem/),
      text.replace('MSExchangeRPC\\Parameters\'', 'MSExchangeRPC\\ParametersSystem\''),
    );
  });
});

describe('static-port-conflict and invalid-port in PowerShell', () => {
  test('both services on one port', () => {
    const text = ps(`Set-ItemProperty -Path '${RPC}' -Name 'TCP/IP Port' -Value 59532 -Type DWord`, `Set-ItemProperty -Path '${AB}' -Name 'RpcTcpPort' -Value '59532' -Type String`);
    check('powershell', text, ['static-port-conflict error 1:124-1:129', 'static-port-conflict error 2:116-2:123']);
  });

  test('a cast value out of range is reported like the literal', () => {
    const text = ps(`Set-ItemProperty -Path '${RPC}' -Name 'TCP/IP Port' -Value ([int]'70000')`);
    check('powershell', text, ['invalid-port error 1:131-1:136']);
    assert.equal(applyFix('powershell', text, 'invalid-port', /59532/), ps(`Set-ItemProperty -Path '${RPC}' -Name 'TCP/IP Port' -Value 59532 -Type DWord`));
  });

  test('a port of 70000', () => {
    const text = ps(`Set-ItemProperty -Path '${RPC}' -Name 'TCP/IP Port' -Value 70000 -Type DWord`);
    check('powershell', text, ['invalid-port error 1:124-1:129']);
    assert.equal(applyFix('powershell', text, 'invalid-port', /59532/), ps(`Set-ItemProperty -Path '${RPC}' -Name 'TCP/IP Port' -Value 59532 -Type DWord`));
  });

  test('port parameters and bindings outside 1–65535', () => {
    check('powershell', 'Test-NetConnection cas01 -Port 0\nNew-ReceiveConnector -Name Apps -Bindings 0.0.0.0:70000 -RemoteIPRanges 10.0.0.0/8\n', [
      'invalid-port error 1:32-1:33',
      'invalid-port error 2:51-2:56',
    ]);
  });
});
