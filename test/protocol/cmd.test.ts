// The bundled server over stdio with a cmd script: a static port out of range in `reg add`, its
// exact diagnostic, hover on the port and on a service, the quick fix applied and re-checked.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LspTestClient, type Diagnostic, type TextEdit } from './support/lspClient';

const URI = 'file:///workspace/static-ports.cmd';
const RULES_DOC = 'file:///extension/docs/rules.md';

const TEXT = [
  '@echo off',
  'reg add "HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem" /v "TCP/IP Port" /t REG_DWORD /d 1234 /f',
  'netsh advfirewall firewall add rule name="Exchange RPC" dir=in action=allow protocol=TCP localport=135,1234',
  'net stop MSExchangeRPC',
  'net start MSExchangeRPC',
  '',
].join('\r\n');

const LINES = TEXT.split('\r\n');
/** The 0-based column of `text` in a line, so the positions below read as what they point at. */
const column = (line: number, text: string) => LINES[line].indexOf(text);

const OUT_OF_RANGE: Diagnostic = {
  range: { start: { line: 1, character: column(1, '1234') }, end: { line: 1, character: column(1, '1234') + 4 } },
  severity: 2,
  code: 'static-port-out-of-range',
  codeDescription: { href: `${RULES_DOC}#static-port-out-of-range` },
  source: 'exchange-ports',
  message: 'RPC Client Access static port 1234 is outside the recommended range 59531–60554.',
};

describe('protocol: a cmd script', () => {
  let client: LspTestClient;
  let opened: Diagnostic[];

  before(async () => {
    ({ client } = await LspTestClient.start({ configuration: { exchangePorts: {} }, initializationOptions: { rulesDocumentationUri: RULES_DOC } }));
    opened = (await client.open(URI, 'bat', TEXT)).diagnostics;
  });
  after(() => client.kill());

  test('didOpen publishes the out-of-range static port, exactly', () => {
    assert.deepEqual(opened, [OUT_OF_RANGE]);
  });

  test('hover on /d shows the setting and the range verdict', async () => {
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 1, character: column(1, '1234') + 1 } });
    assert.match(hover.contents.value, /^`0x000004d2` = \*\*1234\*\* \(REG_DWORD\)\n\n---\n\n\*\*TCP\/IP Port\*\* — `REG_DWORD` · RPC Client Access \(MSExchangeRPC\)/);
    assert.match(hover.contents.value, /⚠ 1234 is outside the recommended range 59531–60554\./);
  });

  test('hover on localport= and on net stop', async () => {
    const port = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 2, character: column(2, '135') + 1 } });
    assert.match(port.contents.value, /^\*\*Port 135\*\*/);
    const service = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 3, character: column(3, 'MSExchangeRPC') + 2 } });
    assert.match(service.contents.value, /^\*\*MSExchangeRPC\*\* — Microsoft Exchange RPC Client Access \(Windows service\)/);
  });

  test('inlay hints are off for cmd by default, on when asked', async () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } };
    assert.deepEqual(await client.request('textDocument/inlayHint', { textDocument: { uri: URI }, range }), []);
    const republished = client.nextDiagnostics(URI);
    await client.setConfiguration({ exchangePorts: { inlayHintsCmd: true } });
    await republished;
    const hints = await client.request<{ label: string }[]>('textDocument/inlayHint', { textDocument: { uri: URI }, range });
    assert.deepEqual(
      hints.map((hint) => hint.label),
      ['RPC endpoint mapper', 'RPC Client Access (static)'],
    );
  });

  test('the quick fix, applied: the out-of-range finding goes, the fresh check asks to open 59532; no refactoring in cmd', async () => {
    const actions = await client.request<{ title: string; kind: string; isPreferred?: boolean; edit?: { changes: Record<string, TextEdit[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: OUT_OF_RANGE.range,
      context: { diagnostics: [OUT_OF_RANGE] },
    });
    assert.deepEqual(actions.filter((action) => action.kind === 'refactor.rewrite'), []);
    const fix = actions.find((action) => action.isPreferred);
    assert.equal(fix?.title, 'Set the RPC Client Access port to 59532');
    const edits = fix?.edit?.changes[URI] ?? [];
    assert.deepEqual(edits, [{ range: OUT_OF_RANGE.range, newText: '59532' }]);
    const fresh = await client.change(URI, 2, edits.map((edit) => ({ range: edit.range, text: edit.newText })));
    // The fix moves the service to 59532, which the firewall rule does not open yet: the fresh check says so.
    assert.deepEqual(
      fresh.diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.range.start.line}:${diagnostic.range.start.character} ${diagnostic.message}`),
      [`static-port-not-opened ${OUT_OF_RANGE.range.start.line}:${OUT_OF_RANGE.range.start.character} RPC Client Access static port 59532 is not allowed inbound by any firewall file of the workspace (${URI.slice(URI.lastIndexOf('/') + 1)}).`],
    );
  });
});
