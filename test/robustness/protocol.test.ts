// The bundled server over stdio: a cancelled request is answered RequestCancelled, pathological
// documents (50 KB of brackets, NULs, a 100,000-character line) neither crash nor stall it, and
// positions in its diagnostics are UTF-16 code units.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import { LspTestClient } from '../protocol/support/lspClient';

const REQUEST_CANCELLED = -32800;
const HEADER = 'Windows Registry Editor Version 5.00';
const RPC_KEY = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]';

describe('the server survives and honours cancellation', () => {
  let client: LspTestClient;

  before(async () => {
    ({ client } = await LspTestClient.start({ configuration: { exchangePorts: {} } }));
  });

  after(() => client.kill());

  test('a request cancelled while its settings are fetched is answered RequestCancelled', async () => {
    const uri = 'file:///workspace/cancel.reg';
    await client.open(uri, 'reg', `${HEADER}\r\n\r\n${RPC_KEY}\r\n"TCP/IP Port"=dword:0000c350\r\n`);
    const { asked, release } = client.holdConfiguration();
    // A settings change makes the server ask for them again, for the next request.
    await client.setConfiguration({ exchangePorts: { inlayHints: true } });
    const source = new CancellationTokenSource();
    const hover = client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 16 } }, source.token);
    await asked;
    source.cancel();
    release();
    await assert.rejects(hover, (error: unknown) => error instanceof ResponseError && error.code === REQUEST_CANCELLED);
    // The same request, not cancelled, is answered.
    const answered = await client.request<{ contents: unknown } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 16 } });
    assert.ok(answered?.contents);
  });

  const PATHOLOGICAL: [string, string, string][] = [
    ['powershell', 'brackets.ps1', '('.repeat(25_000) + ')'.repeat(25_000)],
    ['powershell', 'members.ps1', `$x${'.a'.repeat(25_000)}`],
    ['nftables', 'braces.nft', '}'.repeat(50_000)],
    ['bat', 'carets.cmd', '^'.repeat(50_000)],
    ['iptables', 'commas.iptables', `*filter\n-A INPUT -p tcp -m multiport --dports ${','.repeat(50_000)}\n`],
    ['reg', 'long-line.reg', `${HEADER}\r\n${RPC_KEY}\r\n"x"=hex(7):${'00,'.repeat(33_000)}00\r\n`],
    ['reg', 'nul.reg', `${HEADER}\r\n\u0000\u0000${RPC_KEY}`],
  ];

  for (const [languageId, name, text] of PATHOLOGICAL) {
    test(`${name}: diagnostics, then hover and completion at the end, and the server still answers`, async () => {
      const uri = `file:///workspace/${name}`;
      const published = await client.open(uri, languageId, text);
      assert.ok(Array.isArray(published.diagnostics));
      const lines = text.split(/\r\n|\r|\n/);
      const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
      await client.request('textDocument/hover', { textDocument: { uri }, position: end });
      await client.request('textDocument/completion', { textDocument: { uri }, position: end });
      await client.request('textDocument/documentSymbol', { textDocument: { uri } });
      await client.notify('textDocument/didClose', { textDocument: { uri } });
    });
  }

  test('binary content: one information diagnostic, nothing parsed', async () => {
    const published = await client.open('file:///workspace/blob.reg', 'reg', `${HEADER}\r\nMZ\u0000\u0001`);
    assert.deepEqual(
      published.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.range]),
      [['binary-content', 3, { start: { line: 1, character: 2 }, end: { line: 1, character: 3 } }]],
    );
  });

  test('columns are UTF-16 code units: 😀 counts two', async () => {
    const published = await client.open('file:///workspace/emoji.reg', 'reg', `${HEADER}\r\n\r\n${RPC_KEY}\r\n"😀"=dword:zz\r\n`);
    assert.deepEqual(
      published.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range]),
      [['reg-dword-format', { start: { line: 3, character: 11 }, end: { line: 3, character: 13 } }]],
    );
  });

  test('after all of it, the server shuts down cleanly', async () => {
    assert.equal(await client.shutdown(), 0);
  });
});
