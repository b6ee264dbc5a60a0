// The bundled server over stdio with a VS Code-like client: capabilities, pushed diagnostics and
// every feature on one misconfigured .reg file, then a quick fix applied and re-checked.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { applyEdits, EXPECTED_CAPABILITIES, LspTestClient, type Diagnostic, type TextEdit } from './support/lspClient';

const URI = 'file:///workspace/static-ports.reg';
const RULES_DOC = 'file:///extension/docs/rules.md';

// Line 3: RPC Client Access on 8080 (out of range); line 6: RpcTcpPort as a dword (wrong type).
const TEXT = [
  'Windows Registry Editor Version 5.00',
  '',
  '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]',
  '"TCP/IP Port"=dword:00001f90',
  '',
  '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters]',
  '"RpcTcpPort"=dword:0000e88d',
  '',
].join('\r\n');

const OUT_OF_RANGE: Diagnostic = {
  range: { start: { line: 3, character: 14 }, end: { line: 3, character: 28 } },
  severity: 2,
  code: 'static-port-out-of-range',
  codeDescription: { href: `${RULES_DOC}#static-port-out-of-range` },
  source: 'exchange-ports',
  message: 'RPC Client Access static port 8080 is outside the recommended range 59531–60554.',
};

describe('protocol: a .reg document in a VS Code-like client', () => {
  let client: LspTestClient;
  let capabilities: Record<string, unknown>;
  let opened: Diagnostic[];

  before(async () => {
    ({ client, capabilities } = await LspTestClient.start({
      configuration: { exchangePorts: {} },
      initializationOptions: { rulesDocumentationUri: RULES_DOC },
    }));
    opened = (await client.open(URI, 'reg', TEXT)).diagnostics;
  });
  after(() => client.kill());

  test('initialize announces the features, push diagnostics and UTF-16 positions', () => {
    assert.deepEqual(capabilities, EXPECTED_CAPABILITIES);
  });

  test('the server registers for config file changes and for its settings section', async () => {
    await client.registration('workspace/didChangeWatchedFiles');
    await client.registration('workspace/didChangeConfiguration');
    assert.deepEqual([...client.registrations].sort(), ['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles']);
  });

  test('didOpen publishes the findings with the document version', () => {
    assert.deepEqual(
      opened.map((diagnostic) => diagnostic.code),
      ['static-port-out-of-range', 'static-port-wrong-type'],
    );
    assert.deepEqual(opened[0], OUT_OF_RANGE);
  });

  test('hover on the port shows the decoded value and the catalog entry', async () => {
    const hover = await client.request<{ contents: { kind: string; value: string } }>('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: 3, character: 20 },
    });
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /^`0x00001f90` = \*\*8080\*\* \(REG_DWORD\)/);
    assert.match(hover.contents.value, /Restart-Service MSExchangeRPC/);
  });

  test('hover outside anything known answers null', async () => {
    const hover = await client.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 1, character: 0 } });
    assert.equal(hover, null);
  });

  test('inlay hints show the decimal value after the dword', async () => {
    const hints = await client.request<{ position: unknown; label: string }[]>('textDocument/inlayHint', {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 7, character: 0 } },
    });
    assert.deepEqual(
      hints.map((hint) => [hint.position, hint.label]),
      [
        [{ line: 3, character: 28 }, '= 8080'],
        [{ line: 6, character: 27 }, '= 59533'],
      ],
    );
  });

  test('document symbols are the keys with their values as children', async () => {
    const symbols = await client.request<{ name: string; children?: { name: string }[] }[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
    assert.deepEqual(
      symbols.map((symbol) => [symbol.name, symbol.children?.map((child) => child.name)]),
      [
        ['HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem', ['TCP/IP Port']],
        ['HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters', ['RpcTcpPort']],
      ],
    );
  });

  test('folding ranges cover each key section', async () => {
    const ranges = await client.request<{ startLine: number; endLine: number }[]>('textDocument/foldingRange', { textDocument: { uri: URI } });
    assert.deepEqual(
      ranges.map(({ startLine, endLine }) => [startLine, endLine]),
      [
        [2, 3],
        [5, 6],
      ],
    );
  });

  test('the quick fix, applied and sent as an incremental change, removes the finding', async () => {
    const actions = await client.request<{ title: string; kind: string; isPreferred?: boolean; edit?: { changes: Record<string, TextEdit[]> } }[]>(
      'textDocument/codeAction',
      { textDocument: { uri: URI }, range: OUT_OF_RANGE.range, context: { diagnostics: [OUT_OF_RANGE], only: ['quickfix'] } },
    );
    const fix = actions.find((action) => action.isPreferred);
    assert.ok(fix?.edit, `no preferred fix among ${actions.map((action) => action.title).join(' | ')}`);
    assert.equal(fix.title, 'Set the RPC Client Access port to 59532');
    const edits = fix.edit.changes[URI] ?? [];
    assert.deepEqual(edits, [{ range: OUT_OF_RANGE.range, newText: 'dword:0000e88c' }]);

    const fresh = await client.change(URI, 2, edits.map((edit) => ({ range: edit.range, text: edit.newText })));
    assert.equal(fresh.version, 2);
    assert.deepEqual(
      fresh.diagnostics.map((diagnostic) => diagnostic.code),
      ['static-port-wrong-type'],
    );
    assert.match(applyEdits(TEXT, edits), /"TCP\/IP Port"=dword:0000e88c\r\n/);
  });

  test('quick changes are debounced: only the newest version is published', async () => {
    const seenBefore = client.published.length;
    const change = (version: number, port: string) =>
      client.notify('textDocument/didChange', {
        textDocument: { uri: URI, version },
        contentChanges: [{ range: { start: { line: 3, character: 20 }, end: { line: 3, character: 28 } }, text: port }],
      });
    // A round trip after each change: the server has taken it in before the next one arrives.
    const roundTrip = () => client.request('textDocument/foldingRange', { textDocument: { uri: URI } });
    const last = client.nextDiagnostics(URI, (params) => params.version === 5);
    await change(3, '00000050');
    await roundTrip();
    await change(4, '00000051');
    await roundTrip();
    await change(5, '00000052');
    const published = await last;
    assert.deepEqual(
      client.published.slice(seenBefore).filter((params) => params.uri === URI).map((params) => params.version),
      [5],
    );
    assert.equal(published.diagnostics[0]?.message, 'RPC Client Access static port 82 is outside the recommended range 59531–60554.');
  });

  test('a check that finishes after the document changed is not published', async () => {
    const uri = 'file:///workspace/slow-client.reg';
    const { asked, release } = client.holdConfiguration();
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'reg', version: 1, text: TEXT } });
    await asked; // the check of version 1 now waits for its settings
    const fresh = client.nextDiagnostics(uri);
    await client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: TEXT.replace('00001f90', '0000e88c') }] });
    release();
    assert.equal((await fresh).version, 2);
    assert.deepEqual(
      client.published.filter((params) => params.uri === uri).map((params) => params.version),
      [2],
    );
    await client.notify('textDocument/didClose', { textDocument: { uri } });
  });

  test('completion inside a key bracket offers the catalog key paths', async () => {
    const items = await client.request<{ label: string }[]>('textDocument/completion', {
      textDocument: { uri: URI },
      position: { line: 5, character: 1 },
    });
    assert.deepEqual(
      items.slice(0, 2).map((item) => item.label),
      [
        'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem',
        'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters',
      ],
    );
  });

  test('settings from workspace/configuration apply, and a change is re-published', async () => {
    const republished = client.nextDiagnostics(URI, (params) => params.version === 5 && params.diagnostics.every((d) => d.code !== 'static-port-wrong-type'));
    await client.setConfiguration({ exchangePorts: { rules: { 'static-port-wrong-type': 'off', 'static-port-out-of-range': 'error' } } });
    const { diagnostics } = await republished;
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity]),
      [['static-port-out-of-range', 1]],
    );
  });

  test('didClose clears the document diagnostics', async () => {
    const cleared = client.nextDiagnostics(URI);
    await client.notify('textDocument/didClose', { textDocument: { uri: URI } });
    assert.deepEqual((await cleared).diagnostics, []);
  });

  test('no errors were logged', () => {
    assert.deepEqual(
      client.logs.filter((log) => log.type === 1),
      [],
    );
  });

  test('shutdown and exit end the process with code 0', async () => {
    assert.equal(await client.shutdown(), 0);
  });
});
