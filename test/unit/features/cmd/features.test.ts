// Hover, completion, inlay hints and the outline in cmd/batch scripts. The cursor is marked with `|`.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PartialSettings } from '../../../../server/src/service/config';
import { documentOf, service, settingsWith, withCursor } from '../../support/service';

const RPC_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem';

function hoverText(marked: string): string | undefined {
  const { document, position } = withCursor('bat', marked);
  const hover = service.hover(document, position, settingsWith());
  return hover ? (hover.contents as { value: string }).value : undefined;
}

function labels(marked: string): string[] {
  const { document, position } = withCursor('bat', marked);
  return service.completion(document, position, settingsWith()).map((item) => `${item.label} => ${item.textEdit?.newText}`);
}

function hints(text: string, partial: PartialSettings = {}): string[] {
  const document = documentOf('bat', text);
  const range = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
  return service.inlayHints(document, range, settingsWith(partial)).map((hint) => `${hint.position.line}:${hint.position.character} ${String(hint.label)}`);
}

describe('cmd hover', () => {
  test('a port of localport=', () => {
    assert.match(hoverText('netsh advfirewall firewall add rule name="X" dir=in localport=135,5953|2') ?? '', /^\*\*Port 59532\*\* — /);
  });

  test('the key and the value name of reg add', () => {
    assert.match(hoverText(`reg add "${RPC_KEY.replace('Services', 'Ser|vices')}" /v "TCP/IP Port" /t REG_DWORD /d 59532 /f`) ?? '', /^\*\*Registry key\*\* `HKEY_LOCAL_MACHINE\\SYSTEM/);
    assert.match(hoverText(`reg add "${RPC_KEY}" /v "TCP/IP| Port" /t REG_DWORD /d 59532 /f`) ?? '', /^\*\*TCP\/IP Port\*\* — `REG_DWORD`/);
  });

  test('/d of a port value: the value, the setting and the range verdict', () => {
    assert.match(hoverText(`reg add "${RPC_KEY}" /v "TCP/IP Port" /t REG_DWORD /d 1|234 /f`) ?? '', /⚠ 1234 is outside the recommended range 59531–60554\./);
  });

  test('net stop and sc names an Exchange service', () => {
    assert.match(hoverText('net stop MSExchange|AB') ?? '', /^\*\*MSExchangeAB\*\* — Microsoft Exchange Address Book \(Windows service\)/);
    assert.match(hoverText('sc config MSExchange|RPC start= auto') ?? '', /^\*\*MSExchangeRPC\*\*/);
  });

  test('a netsh rule name Exchange Setup uses', () => {
    assert.match(hoverText('netsh advfirewall firewall set rule name="MSExchangeIS (GFW|) (TCP-In)" new enable=yes') ?? '', /- Ports: 6001, 6002, 6003, 6004/);
  });
});

describe('cmd completion', () => {
  test('localport= offers the static ports first', () => {
    assert.deepEqual(labels('netsh advfirewall firewall add rule name="X" dir=in localport=135,|').slice(0, 2), ['59532 => 59532', '59533 => 59533']);
  });

  test('/v after a known key offers its values, quoted when they hold a space', () => {
    assert.deepEqual(labels(`reg add ${RPC_KEY} /v |`), ['TCP/IP Port => "TCP/IP Port"']);
  });

  test('the key of reg add, in the HKLM\\ form reg.exe writes', () => {
    assert.ok(labels('reg add "HKLM\\SYS|').includes(`${RPC_KEY} => ${RPC_KEY}`));
  });
});

describe('cmd inlay hints', () => {
  const text = 'netsh advfirewall firewall add rule name="X" dir=in action=allow protocol=TCP localport=25,993';

  test('off by default; with inlayHintsCmd, the service after each port', () => {
    assert.deepEqual(hints(text), []);
    assert.deepEqual(hints(text, { inlayHintsCmd: true }), ['0:90 SMTP', '0:94 IMAP4 over TLS']);
    assert.deepEqual(hints(text, { inlayHintsCmd: true, inlayHints: false }), []);
  });
});

describe('cmd outline', () => {
  test('labels hold the registry values and firewall rules below them', () => {
    const document = documentOf(
      'bat',
      `@echo off\r\nnet stop MSExchangeAB\r\n:ports\r\nreg add "${RPC_KEY}" /v "TCP/IP Port" /t REG_DWORD /d 59532 /f\r\nnetsh advfirewall firewall add rule name="Exchange RPC" dir=in localport=59532\r\n:: a comment, not a label\r\n:done\r\n`,
    );
    const outline = service.documentSymbols(document).map((symbol) => [symbol.name, symbol.range.start.line, symbol.range.end.line, symbol.children?.map((child) => `${child.name} [${child.detail}]`)]);
    assert.deepEqual(outline, [
      ['ports', 2, 4, ['TCP/IP Port [REG_DWORD 0x0000e88c (59532) · …\\MSExchangeRPC\\ParametersSystem]', 'Exchange RPC [netsh]']],
      ['done', 6, 6, []],
    ]);
  });
});
