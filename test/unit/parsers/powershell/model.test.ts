import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { OffsetEdit, Span } from '../../../../server/src/parsers/common/model';
import { buildPowerShellModel, psRegistryKeyPath } from '../../../../server/src/parsers/powershell/model';

function slice(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

function applyEdits(text: string, edits: OffsetEdit[]): string {
  return [...edits].sort((a, b) => b.start - a.start).reduce((result, edit) => result.slice(0, edit.start) + edit.newText + result.slice(edit.end), text);
}

/** Each write as `key | name | type | data`, with the texts its spans cover. */
function writes(text: string): string[] {
  return buildPowerShellModel(text).model.registryWrites.map((write) =>
    [
      write.keyPath,
      write.valueName,
      write.type ?? 'deleted',
      JSON.stringify(write.data),
      `key=${slice(text, write.keySpan)}`,
      `name=${slice(text, write.nameSpan)}`,
      `data=${slice(text, write.dataSpan)}`,
    ].join(' | '),
  );
}

function ports(text: string): string[] {
  return buildPowerShellModel(text).model.portMentions.map((mention) => `${mention.port}@${slice(text, mention)}${mention.written ? ` (${mention.written})` : ''}`);
}

const RPC = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem';

describe('PowerShell registry writes', () => {
  test('registry paths in every form expand to the full hive', () => {
    assert.equal(psRegistryKeyPath('HKLM:\\SYSTEM\\X\\'), 'HKEY_LOCAL_MACHINE\\SYSTEM\\X');
    assert.equal(psRegistryKeyPath('hkcu:/Software/X'), 'HKEY_CURRENT_USER\\Software\\X');
    assert.equal(psRegistryKeyPath('Registry::HKEY_LOCAL_MACHINE\\SYSTEM'), 'HKEY_LOCAL_MACHINE\\SYSTEM');
    assert.equal(psRegistryKeyPath('Microsoft.PowerShell.Core\\Registry::HKLM\\SYSTEM'), 'HKEY_LOCAL_MACHINE\\SYSTEM');
    assert.equal(psRegistryKeyPath('HKLM\\SYSTEM'), 'HKEY_LOCAL_MACHINE\\SYSTEM');
    assert.equal(psRegistryKeyPath('C:\\Windows'), undefined);
  });

  test('Set-ItemProperty with -Type DWord', () => {
    const text = 'Set-ItemProperty -Path "HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem" -Name "TCP/IP Port" -Value 59532 -Type DWord';
    assert.deepEqual(writes(text), [
      `${RPC} | TCP/IP Port | REG_DWORD | {"kind":"number","value":59532} | key=HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem | name=TCP/IP Port | data=59532`,
    ]);
    const write = buildPowerShellModel(text).model.registryWrites[0];
    assert.deepEqual(write.statementSpan, { start: 0, end: text.length });
    assert.equal(write.deleted, false);
  });

  test('New-ItemProperty -PropertyType String, positional Path and Name', () => {
    assert.deepEqual(writes("New-ItemProperty 'HKLM:\\S\\MSExchangeAB\\Parameters' RpcTcpPort -PropertyType String -Value 59533 -Force"), [
      'HKEY_LOCAL_MACHINE\\S\\MSExchangeAB\\Parameters | RpcTcpPort | REG_SZ | {"kind":"string","value":"59533"} | key=HKLM:\\S\\MSExchangeAB\\Parameters | name=RpcTcpPort | data=59533',
    ]);
  });

  test('without -Type the type follows the value: a number is a DWORD, a string a REG_SZ', () => {
    assert.deepEqual(writes("sp HKLM:\\X 'TCP/IP Port' 59532\nsp HKLM:\\X 'TCP/IP Port' '59532'"), [
      'HKEY_LOCAL_MACHINE\\X | TCP/IP Port | REG_DWORD | {"kind":"number","value":59532} | key=HKLM:\\X | name=TCP/IP Port | data=59532',
      "HKEY_LOCAL_MACHINE\\X | TCP/IP Port | REG_SZ | {\"kind\":\"string\",\"value\":\"59532\"} | key=HKLM:\\X | name=TCP/IP Port | data='59532'",
    ]);
  });

  test('values through variables and splatting point at the literals', () => {
    const text = [
      "$key = 'HKLM:\\SYSTEM\\X'",
      '$port = 59532',
      "$params = @{ Path = $key; Name = 'TCP/IP Port'; Value = $port; Type = 'DWord' }",
      'Set-ItemProperty @params',
    ].join('\n');
    assert.deepEqual(writes(text), [
      "HKEY_LOCAL_MACHINE\\SYSTEM\\X | TCP/IP Port | REG_DWORD | {\"kind\":\"number\",\"value\":59532} | key=HKLM:\\SYSTEM\\X | name=TCP/IP Port | data=59532",
    ]);
    const write = buildPowerShellModel(text).model.registryWrites[0];
    assert.deepEqual([write.keySpan.start, write.dataSpan.start], [text.indexOf('HKLM'), text.indexOf('59532')]);
  });

  test('[Microsoft.Win32.RegistryValueKind]::DWord and hex values', () => {
    assert.deepEqual(writes("Set-ItemProperty -Path HKLM:\\T -Name MaxUserPort -Value 0xFFFE -Type ([Microsoft.Win32.RegistryValueKind]::DWord)"), [
      'HKEY_LOCAL_MACHINE\\T | MaxUserPort | REG_DWORD | {"kind":"number","value":65534} | key=HKLM:\\T | name=MaxUserPort | data=0xFFFE',
    ]);
  });

  test('Remove-ItemProperty is a deletion; non-registry paths are ignored', () => {
    assert.deepEqual(writes("Remove-ItemProperty -Path HKLM:\\X -Name 'TCP/IP Port'\nSet-ItemProperty -Path C:\\file.txt -Name IsReadOnly -Value $true"), [
      "HKEY_LOCAL_MACHINE\\X | TCP/IP Port | deleted | {\"kind\":\"invalid\"} | key=HKLM:\\X | name=TCP/IP Port | data='TCP/IP Port'",
    ]);
  });

  test('an unknown value gives invalid data, not a guess', () => {
    assert.deepEqual(writes('Set-ItemProperty -Path HKLM:\\X -Name P -Value (Get-Port) -Type DWord'), [
      'HKEY_LOCAL_MACHINE\\X | P | REG_DWORD | {"kind":"invalid"} | key=HKLM:\\X | name=P | data=(Get-Port)',
    ]);
  });

  test('reg add, reg.exe and & reg inside PowerShell', () => {
    const text = [
      'reg add "HKLM\\SYSTEM\\X" /v "TCP/IP Port" /t REG_DWORD /d 59532 /f',
      'reg.exe add HKLM\\SYSTEM\\Y /v RpcTcpPort /d 59533 /f',
      '& reg delete "HKLM\\SYSTEM\\X" /v "TCP/IP Port" /f',
      'reg query HKLM\\SYSTEM\\X',
    ].join('\n');
    assert.deepEqual(writes(text), [
      'HKEY_LOCAL_MACHINE\\SYSTEM\\X | TCP/IP Port | REG_DWORD | {"kind":"number","value":59532} | key=HKLM\\SYSTEM\\X | name=TCP/IP Port | data=59532',
      'HKEY_LOCAL_MACHINE\\SYSTEM\\Y | RpcTcpPort | REG_SZ | {"kind":"string","value":"59533"} | key=HKLM\\SYSTEM\\Y | name=RpcTcpPort | data=59533',
      'HKEY_LOCAL_MACHINE\\SYSTEM\\X | TCP/IP Port | deleted | {"kind":"invalid"} | key=HKLM\\SYSTEM\\X | name=TCP/IP Port | data="TCP/IP Port"',
    ]);
  });

  test('comments keep their text without markers', () => {
    const { model } = buildPowerShellModel('# exchange-ports-disable static-port\nGet-A <# inline #>');
    assert.deepEqual(model.comments.map((comment) => comment.text), [' exchange-ports-disable static-port', ' inline ']);
  });
});

describe('PowerShell port mentions', () => {
  test('port parameters, comma lists and ranges', () => {
    assert.deepEqual(ports("New-NetFirewallRule -LocalPort 135,59532,59533 -RemotePort '59531-60554' -Action Allow"), [
      '135@135',
      '59532@59532',
      '59533@59533',
      '59531@59531',
      '60554@60554',
    ]);
    assert.deepEqual(ports('Send-MailMessage -SmtpServer smtp.office365.com -Port 587 -UseSsl\nSet-PopSettings -ProxyTargetPort 1995\nSet-X -ReportPort 5 -Report 7 -Transport 9'), [
      '587@587',
      '1995@1995',
      '5@5',
    ]);
  });

  test('bindings give their port part', () => {
    assert.deepEqual(ports('New-ReceiveConnector -Bindings 0.0.0.0:587\nSet-ImapSettings -SSLBindings "[::]:993","0.0.0.0:993" -ExternalConnectionSettings "mail.contoso.com:143:TLS"'), [
      '587@587',
      '993@993',
      '993@993',
      '143@143',
    ]);
  });

  test('netsh port arguments, dynamic port start, port variables and registry port values', () => {
    const text = [
      '$RpcPort = 59532',
      'netsh advfirewall firewall add rule name="RPC" dir=in localport=135,$RpcPort',
      'netsh int ipv4 set dynamicport tcp start=49152 num=16384',
      'Set-ItemProperty -Path HKLM:\\X -Name "TCP/IP Port" -Value 0xE88C -Type DWord',
      "New-NetFirewallRule @{ LocalPort = 6001 }",
    ].join('\n');
    assert.deepEqual(ports(text), ['59532@59532', '135@135', '49152@49152', '59532@0xE88C (0xE88C)', '6001@6001']);
  });
});

describe('PowerShell registry editor', () => {
  function edit(text: string, change: (model: ReturnType<typeof buildPowerShellModel>['model']) => OffsetEdit[]): string {
    const { model } = buildPowerShellModel(text);
    return applyEdits(text, change(model));
  }

  test('setValue rewrites -Value and -Type', () => {
    const text = "Set-ItemProperty -Path HKLM:\\X -Name 'TCP/IP Port' -Value '59532' -Type String";
    assert.equal(
      edit(text, (model) => model.registryEditor?.setValue(model.registryWrites[0], 'REG_DWORD', 59532) ?? []),
      "Set-ItemProperty -Path HKLM:\\X -Name 'TCP/IP Port' -Value 59532 -Type DWord",
    );
  });

  test('setValue adds -Type DWord (or -PropertyType) when missing', () => {
    assert.equal(
      edit("Set-ItemProperty HKLM:\\X 'TCP/IP Port' 59532", (model) => model.registryEditor?.setValue(model.registryWrites[0], 'REG_DWORD', 59533) ?? []),
      "Set-ItemProperty HKLM:\\X 'TCP/IP Port' 59533 -Type DWord",
    );
    assert.equal(
      edit('New-ItemProperty -Path HKLM:\\X -Name RpcTcpPort -Value 59533', (model) => model.registryEditor?.setValue(model.registryWrites[0], 'REG_SZ', 59533) ?? []),
      "New-ItemProperty -Path HKLM:\\X -Name RpcTcpPort -Value '59533' -PropertyType String",
    );
  });

  test('setValue edits the literal where a variable or splat holds it', () => {
    const text = "$port = '59532'\n$p = @{ Path = 'HKLM:\\X'; Name = 'TCP/IP Port'; Value = $port; Type = 'String' }\nSet-ItemProperty @p";
    assert.equal(
      edit(text, (model) => model.registryEditor?.setValue(model.registryWrites[0], 'REG_DWORD', 59532) ?? []),
      "$port = 59532\n$p = @{ Path = 'HKLM:\\X'; Name = 'TCP/IP Port'; Value = $port; Type = 'DWord' }\nSet-ItemProperty @p",
    );
  });

  test('setValue on reg add rewrites /t and /d', () => {
    assert.equal(
      edit('reg add HKLM\\X /v "TCP/IP Port" /t REG_SZ /d "59532" /f', (model) => model.registryEditor?.setValue(model.registryWrites[0], 'REG_DWORD', 59532) ?? []),
      'reg add HKLM\\X /v "TCP/IP Port" /t REG_DWORD /d "59532" /f',
    );
  });

  test('moveToKey rewrites the -Path in its own style', () => {
    const target = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem';
    assert.equal(
      edit("Set-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\Parameters' -Name 'TCP/IP Port' -Value 1", (model) =>
        model.registryEditor?.moveToKey(model.registryWrites[0], target) ?? [],
      ),
      `Set-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem' -Name 'TCP/IP Port' -Value 1`,
    );
    assert.equal(
      edit('Set-ItemProperty -Path Registry::HKEY_LOCAL_MACHINE\\A -Name N -Value 1', (model) => model.registryEditor?.moveToKey(model.registryWrites[0], 'HKEY_LOCAL_MACHINE\\B C') ?? []),
      "Set-ItemProperty -Path 'Registry::HKEY_LOCAL_MACHINE\\B C' -Name N -Value 1",
    );
  });

  test('a copy of a write still finds its command', () => {
    const { model } = buildPowerShellModel('Set-ItemProperty -Path HKLM:\\X -Name N -Value 1 -Type DWord');
    assert.deepEqual(model.registryEditor?.setValue({ ...model.registryWrites[0] }, 'REG_DWORD', 2), [{ start: 46, end: 47, newText: '2' }]);
  });
});
