import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PartialSettings } from '../../../server/src/service/config';
import { documentOf, service, settingsWith } from '../support/service';

const HEADER = 'Windows Registry Editor Version 5.00\n\n';
const RPC_KEY = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]';

/** Hints as `line:col label` (1-based), for the whole document or the given lines (0-based, end exclusive). */
function hintsOf(text: string, partial: PartialSettings = {}, lines?: { from: number; to: number }): string[] {
  const document = documentOf('reg', text);
  const range = lines
    ? { start: { line: lines.from, character: 0 }, end: { line: lines.to, character: 0 } }
    : { start: document.positionAt(0), end: document.positionAt(text.length) };
  return service.inlayHints(document, range, settingsWith(partial)).map((hint) => {
    assert.equal(hint.paddingLeft, true);
    return `${hint.position.line + 1}:${hint.position.character + 1} ${String(hint.label)}`;
  });
}

describe('inlay hints', () => {
  test('the decimal value after the dword data of a port setting', () => {
    assert.deepEqual(hintsOf(`${HEADER}${RPC_KEY}\n"TCP/IP Port"=dword:0000e88c\n`), ['4:29 = 59532']);
  });

  test('the tooltip spells out the conversion', () => {
    const document = documentOf('reg', `${HEADER}${RPC_KEY}\n"TCP/IP Port"=dword:0000e88c\n`);
    const [hint] = service.inlayHints(document, { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } }, settingsWith());
    assert.equal(hint.tooltip, '0x0000e88c = 59532');
  });

  test('a port value under the wrong key still gets its hint; a dword that is no port does not', () => {
    const text = `${HEADER}[HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso]\n"TCP/IP Port"=dword:0000e88c\n"Flags"=dword:00000010\n`;
    assert.deepEqual(hintsOf(text), ['4:29 = 59532']);
  });

  test('dwords written as hex(4) bytes get one too', () => {
    assert.deepEqual(hintsOf(`${HEADER}${RPC_KEY}\n"TCP/IP Port"=hex(4):8c,e8,00,00\n`), ['4:33 = 59532']);
  });

  test('strings and invalid data get none', () => {
    const text = `${HEADER}[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters]\n"RpcTcpPort"="59533"\n${RPC_KEY}\n"TCP/IP Port"=dword:xyz\n`;
    assert.deepEqual(hintsOf(text), []);
  });

  test('only within the requested range', () => {
    const text = `${HEADER}${RPC_KEY}\n"TCP/IP Port"=dword:0000e88c\n\n${RPC_KEY}\n"TCP/IP Port"=dword:0000e88d\n`;
    assert.deepEqual(hintsOf(text), ['4:29 = 59532', '7:29 = 59533']);
    assert.deepEqual(hintsOf(text, {}, { from: 5, to: 7 }), ['7:29 = 59533']);
    assert.deepEqual(hintsOf(text, {}, { from: 0, to: 3 }), []);
  });

  test('none when the setting is off', () => {
    assert.deepEqual(hintsOf(`${HEADER}${RPC_KEY}\n"TCP/IP Port"=dword:0000e88c\n`, { inlayHints: false }), []);
  });
});
