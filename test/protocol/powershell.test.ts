// The bundled server over stdio with a PowerShell script: a static port out of range, its exact
// diagnostic, hover on a firewall port, inlay hints, the quick fix applied and re-checked, and the
// netsh ↔ New-NetFirewallRule refactoring.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { applyEdits, LspTestClient, type Diagnostic, type TextEdit } from './support/lspClient';

const URI = 'file:///workspace/static-ports.ps1';
const RULES_DOC = 'file:///extension/docs/rules.md';

const TEXT = [
  "Set-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem' -Name 'TCP/IP Port' -Value 1234 -Type DWord",
  'New-NetFirewallRule -DisplayName "MSExchangeRPC (GFW) (TCP-In)" -Direction Inbound -Protocol TCP -LocalPort 135,1234 -Action Allow',
  'Restart-Service MSExchangeRPC',
  '',
].join('\r\n');

const LINES = TEXT.split('\r\n');
/** The 0-based column of `text` in a line, so the positions below read as what they point at. */
const column = (line: number, text: string) => LINES[line].indexOf(text);

const OUT_OF_RANGE: Diagnostic = {
  range: { start: { line: 0, character: column(0, '1234') }, end: { line: 0, character: column(0, '1234') + 4 } },
  severity: 2,
  code: 'static-port-out-of-range',
  codeDescription: { href: `${RULES_DOC}#static-port-out-of-range` },
  source: 'exchange-ports',
  message: 'RPC Client Access static port 1234 is outside the recommended range 59531–60554.',
};

interface Action {
  title: string;
  kind: string;
  isPreferred?: boolean;
  edit?: { changes: Record<string, TextEdit[]> };
}

describe('protocol: a PowerShell script', () => {
  let client: LspTestClient;
  let opened: Diagnostic[];

  before(async () => {
    ({ client } = await LspTestClient.start({ configuration: { exchangePorts: {} }, initializationOptions: { rulesDocumentationUri: RULES_DOC } }));
    opened = (await client.open(URI, 'powershell', TEXT)).diagnostics;
  });
  after(() => client.kill());

  test('didOpen publishes the out-of-range static port, exactly', () => {
    assert.deepEqual(opened, [OUT_OF_RANGE]);
  });

  test('hover on a -LocalPort port shows the catalog entries', async () => {
    const hover = await client.request<{ contents: { kind: string; value: string }; range: unknown }>('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: 1, character: column(1, '135,') + 1 },
    });
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /^\*\*Port 135\*\* — 8 catalog entries, most specific first:/);
    assert.deepEqual(hover.range, { start: { line: 1, character: column(1, '135,') }, end: { line: 1, character: column(1, '135,') + 3 } });
  });

  test('hover on the firewall rule name shows the rule Exchange Setup creates', async () => {
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 1, character: column(1, 'GFW') } });
    assert.match(hover.contents.value, /^\*\*Firewall rule\*\* `MSExchangeRPC \(GFW\) \(TCP-In\)` — created by Exchange Setup/);
  });

  test('inlay hints name the service after each firewall port', async () => {
    const hints = await client.request<{ position: unknown; label: string }[]>('textDocument/inlayHint', {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
    });
    assert.deepEqual(
      hints.map((hint) => [hint.position, hint.label]),
      [
        [{ line: 1, character: column(1, ',1234') }, 'RPC endpoint mapper'],
        [{ line: 1, character: column(1, ',1234') + 5 }, 'RPC Client Access (static)'],
      ],
    );
  });

  test('the quick fix, applied: the out-of-range finding goes, the fresh check asks to open 59532', async () => {
    const actions = await client.request<Action[]>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: OUT_OF_RANGE.range,
      context: { diagnostics: [OUT_OF_RANGE] },
    });
    const fix = actions.find((action) => action.isPreferred);
    assert.ok(fix?.edit, `no preferred fix among ${actions.map((action) => action.title).join(' | ')}`);
    assert.equal(fix.title, 'Set the RPC Client Access port to 59532');
    const edits = fix.edit.changes[URI] ?? [];
    assert.deepEqual(edits, [{ range: OUT_OF_RANGE.range, newText: '59532' }]);
    const fresh = await client.change(URI, 2, edits.map((edit) => ({ range: edit.range, text: edit.newText })));
    // The fix moves the service to 59532, which the firewall rule does not open yet: the fresh check says so.
    assert.deepEqual(
      fresh.diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.range.start.line}:${diagnostic.range.start.character} ${diagnostic.message}`),
      [`static-port-not-opened ${OUT_OF_RANGE.range.start.line}:${OUT_OF_RANGE.range.start.character} RPC Client Access static port 59532 is not allowed inbound by any firewall file of the workspace (${URI.slice(URI.lastIndexOf('/') + 1)}).`],
    );
  });

  test('the firewall rule converts to netsh and back, as a refactoring', async () => {
    const text = applyEdits(TEXT, [{ range: OUT_OF_RANGE.range, newText: '59532' }]);
    const line = { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } };
    const toNetsh = (await client.request<Action[]>('textDocument/codeAction', { textDocument: { uri: URI }, range: line, context: { diagnostics: [] } })).find(
      (action) => action.kind === 'refactor.rewrite',
    );
    assert.equal(toNetsh?.title, 'Convert to netsh advfirewall firewall add rule');
    const netshText = applyEdits(text, toNetsh?.edit?.changes[URI] ?? []);
    assert.equal(
      netshText.split('\r\n')[1],
      'netsh advfirewall firewall add rule name="MSExchangeRPC (GFW) (TCP-In)" dir=in action=allow protocol=TCP localport="135,1234"',
    );
    const fresh = await client.change(URI, 3, [{ text: netshText }]);
    assert.deepEqual(fresh.diagnostics.map((diagnostic) => diagnostic.code), ['static-port-not-opened']);
    const back = (await client.request<Action[]>('textDocument/codeAction', { textDocument: { uri: URI }, range: line, context: { diagnostics: [] } })).find(
      (action) => action.kind === 'refactor.rewrite',
    );
    assert.equal(back?.title, 'Convert to New-NetFirewallRule');
    assert.equal(applyEdits(netshText, back?.edit?.changes[URI] ?? []), text.replace('"MSExchangeRPC (GFW) (TCP-In)" -Direction Inbound -Protocol TCP -LocalPort 135,1234 -Action Allow', '"MSExchangeRPC (GFW) (TCP-In)" -Direction Inbound -Action Allow -Protocol TCP -LocalPort 135,1234'));
  });
});
