// The bundled server over stdio: a hover sent right after a change, before the change's diagnostics
// are pushed (they wait for edits to pause), answers from the new text; the pushes that follow never
// go back to an older version.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LspTestClient, type Position } from './support/lspClient';

const URI = 'file:///workspace/change-then-hover.ps1';
const LINE = 'New-NetFirewallRule -DisplayName "Exchange" -Direction Inbound -Protocol TCP -LocalPort 135 -Action Allow';
const PORT: Position = { line: 1, character: LINE.indexOf('135') + 1 };
const TEXT = ['# Firewall', LINE, ''].join('\r\n');

interface HoverAnswer {
  contents: { value: string };
}

describe('protocol: a hover right after a change', () => {
  let client: LspTestClient;

  before(async () => {
    ({ client } = await LspTestClient.start({ configuration: { exchangePorts: {} } }));
    await client.open(URI, 'powershell', TEXT);
  });
  after(() => client.kill());

  test('answers from the new text, and the later pushes keep to version order', async () => {
    const hoverBefore = await client.request<HoverAnswer>('textDocument/hover', { textDocument: { uri: URI }, position: PORT });
    assert.match(hoverBefore.contents.value, /^\*\*Port 135\*\*/);

    const portRange = { start: { line: 1, character: LINE.indexOf('135') }, end: { line: 1, character: LINE.indexOf('135') + 3 } };
    const pushedV3 = client.nextDiagnostics(URI, (params) => params.version === 3);
    // No wait for diagnostics between the change and the hover: the hover is answered first.
    await client.notify('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: [{ range: portRange, text: '443' }] });
    const afterFirst = await client.request<HoverAnswer>('textDocument/hover', { textDocument: { uri: URI }, position: PORT });
    assert.match(afterFirst.contents.value, /^\*\*Port 443\*\*/);

    await client.notify('textDocument/didChange', { textDocument: { uri: URI, version: 3 }, contentChanges: [{ range: portRange, text: '587' }] });
    const afterSecond = await client.request<HoverAnswer>('textDocument/hover', { textDocument: { uri: URI }, position: PORT });
    assert.match(afterSecond.contents.value, /^\*\*Port 587\*\*/);

    await pushedV3;
    const versions = client.published.filter((params) => params.uri === URI).map((params) => params.version ?? 0);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
    );
    assert.equal(versions.at(-1), 3);
    assert.deepEqual(client.logs, []);
  });
});
