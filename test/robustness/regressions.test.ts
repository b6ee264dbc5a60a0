// The bugs the properties found, each pinned by the smallest input that showed it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildNftablesModel } from '../../server/src/parsers/nftables/model';
import { buildPowerShellModel } from '../../server/src/parsers/powershell/model';
import { buildRegModel } from '../../server/src/parsers/reg/model';
import { mergeSettings } from '../../server/src/service/config';
import { createLanguageService } from '../../server/src/service/languageService';
import { documentOf, service } from '../unit/support/service';

describe('regressions found by the robustness properties', () => {
  test('outline: a splatted firewall rule selects its command, inside the symbol range', () => {
    const text = "$rule = @{\n    DisplayName = 'Exchange RPC'\n    LocalPort = 135\n}\nNew-NetFirewallRule @rule\n";
    const [symbol] = service.documentSymbols(documentOf('powershell', text));
    assert.equal(symbol.name, 'Exchange RPC');
    assert.deepEqual(symbol.range, { start: { line: 4, character: 0 }, end: { line: 4, character: 25 } });
    assert.deepEqual(symbol.selectionRange, symbol.range);
  });

  test('.reg incremental re-parse to the end of the file reports a problem at the old end once', () => {
    const edited = createLanguageService();
    const settings = mergeSettings();
    const before = 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\A]\r\n"x"=dword:00000001\r\n\r\n[HKEY_LOCAL_MACHINE\\B]\r\n"RpcTcpPort"=';
    let document = TextDocument.create('file:///incremental.reg', 'reg', 1, before);
    edited.diagnostics(document, settings);
    document = TextDocument.update(document, [{ range: { start: { line: 5, character: 1 }, end: { line: 5, character: 5 } }, text: '' }], 2);
    assert.deepEqual(
      edited.diagnostics(document, settings).map((diagnostic) => `${String(diagnostic.code)} ${diagnostic.range.start.line}:${diagnostic.range.start.character}`),
      ['reg-syntax 6:13'],
    );
  });

  test('200,000 nftables problems are collected without a spread call overflowing the stack', () => {
    assert.ok(buildNftablesModel('}'.repeat(200_000)).model.problems.length > 0);
  });

  test('nftables: 200,000 nested braces in a port set stay linear (each level used to copy the tokens inside it)', () => {
    const { model } = buildNftablesModel(`table inet filter { chain input { tcp dport { ${'{'.repeat(200_000)}`);
    assert.ok(model.problems.length > 0);
  });

  test('PowerShell: 100,000 postfix operations neither overflow a walker nor copy member lists', () => {
    for (const text of [`$x = @'\n${'-'.repeat(200_000)}`, `$x${'.a'.repeat(100_000)}`, `$x${'[0]'.repeat(50_000)}`, `$i${'++'.repeat(50_000)}`]) {
      assert.doesNotThrow(() => buildPowerShellModel(text));
    }
  });

  test('.reg: a REG_SZ of 100,000 NULs before its last character decodes in one pass', () => {
    const data = `${'00,'.repeat(100_000)}41`;
    const { model } = buildRegModel(`Windows Registry Editor Version 5.00\r\n[HKEY_LOCAL_MACHINE\\A]\r\n"x"=hex(1):${data}\r\n`);
    assert.equal(model.registryWrites.length, 1);
  });
});
