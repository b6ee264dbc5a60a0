// Completion and inlay hints in PowerShell scripts. The cursor is marked with `|`.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { PartialSettings } from '../../../../server/src/service/config';
import { documentOf, service, settingsWith, withCursor } from '../../support/service';

const RPC_KEY = 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem';
const AB_KEY = 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters';

function items(marked: string): { label: string; detail?: string; newText?: string }[] {
  const { document, position } = withCursor('powershell', marked);
  return service.completion(document, position, settingsWith()).map((item) => ({ label: item.label, detail: item.detail, newText: item.textEdit?.newText }));
}

function accept(marked: string, label: string): string {
  const { document, position } = withCursor('powershell', marked);
  const item = service.completion(document, position, settingsWith()).find((candidate) => candidate.label === label);
  assert.ok(item?.textEdit && 'range' in item.textEdit, `no item ${label}`);
  return TextDocument.applyEdits(document, [item.textEdit]);
}

function hints(text: string, partial: PartialSettings = {}): string[] {
  const document = documentOf('powershell', text);
  const range = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
  return service.inlayHints(document, range, settingsWith(partial)).map((hint) => `${hint.position.line}:${hint.position.character} ${String(hint.label)}`);
}

describe('powershell completion', () => {
  test('Send-MailMessage -Port offers the SMTP ports first, 587 leading', () => {
    assert.deepEqual(items('Send-MailMessage -SmtpServer smtp.office365.com -Port |').slice(0, 3), [
      { label: '587', detail: 'SMTP submission', newText: '587' },
      { label: '25', detail: 'SMTP', newText: '25' },
      { label: '465', detail: 'SMTPS', newText: '465' },
    ]);
  });

  test('New-NetFirewallRule -LocalPort offers the static ports, then ports a role needs inbound', () => {
    assert.deepEqual(items('New-NetFirewallRule -LocalPort 135,|').slice(0, 3), [
      { label: '59532', detail: 'RPC Client Access (static, suggested)', newText: '59532' },
      { label: '59533', detail: 'Address Book (static, suggested)', newText: '59533' },
      { label: '587', detail: 'SMTP submission', newText: '587' },
    ]);
  });

  test('a static port the script sets leads the list', () => {
    const [first] = items(`Set-ItemProperty -Path '${RPC_KEY}' -Name 'TCP/IP Port' -Value 59540 -Type DWord\nNew-NetFirewallRule -LocalPort |`);
    assert.deepEqual(first, { label: '59540', detail: 'RPC Client Access (static, set in this file)', newText: '59540' });
  });

  test('a started port is replaced', () => {
    assert.equal(accept('New-NetFirewallRule -LocalPort 135,59|5 -Action Allow', '59532'), 'New-NetFirewallRule -LocalPort 135,59532 -Action Allow');
  });

  test('-Name after a known -Path offers the values the catalog knows there, quoted when needed', () => {
    assert.deepEqual(
      items(`Set-ItemProperty -Path '${AB_KEY}' -Name |`).map((item) => item.newText),
      ['RpcTcpPort', '"TCP/IP Port"', 'NspiHttpPort', 'RfrHttpPort'],
    );
    assert.equal(accept(`Set-ItemProperty -Path '${RPC_KEY}' -Name "TC|" -Value 59532`, 'TCP/IP Port'), `Set-ItemProperty -Path '${RPC_KEY}' -Name "TCP/IP Port" -Value 59532`);
  });

  test('-Name after an unknown -Path offers nothing', () => {
    assert.deepEqual(items("Set-ItemProperty -Path 'HKLM:\\SOFTWARE\\Contoso' -Name |"), []);
  });

  test('-Path offers key paths in the HKLM:\\ drive form', () => {
    assert.equal(
      accept("Set-ItemProperty -Path 'HKLM:\\SYSTEM\\Cu|'", 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem'),
      `Set-ItemProperty -Path '${RPC_KEY}'`,
    );
  });

  test('netsh localport= in a PowerShell script offers ports too', () => {
    assert.equal(items('netsh advfirewall firewall add rule name="X" dir=in localport=|')[0]?.label, '59532');
  });
});

describe('powershell inlay hints', () => {
  const script = [
    `Set-ItemProperty -Path '${RPC_KEY}' -Name 'TCP/IP Port' -Value 0xE88C -Type DWord`,
    'New-NetFirewallRule -DisplayName "Exchange RPC" -LocalPort 135,59532,59533,50636 -Protocol TCP',
    'Send-MailMessage -SmtpServer smtp.office365.com -Port 587 -UseSsl',
  ].join('\n');

  test('the service after each port; hex registry data gets its decimal value', () => {
    assert.deepEqual(hints(script), [
      '0:129 = 59532',
      '1:62 RPC endpoint mapper',
      '1:68 RPC Client Access (static)',
      '1:74 static RPC range',
      '1:80 EdgeSync',
      '2:57 SMTP submission',
    ]);
  });

  test('a decimal registry value needs no hint: its name says what it is', () => {
    assert.deepEqual(hints(`Set-ItemProperty -Path '${RPC_KEY}' -Name 'TCP/IP Port' -Value 59532 -Type DWord`), []);
  });

  test('off with inlayHintsPowerShell, and with the inlayHints master switch', () => {
    assert.deepEqual(hints(script, { inlayHintsPowerShell: false }), []);
    assert.deepEqual(hints(script, { inlayHints: false }), []);
  });
});
