// Clients unlike VS Code, and input unlike a .reg file: a client without `workspace/configuration`
// (Neovim 0.7) still gets diagnostics and its pushed settings; binary garbage does not stop the server.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LspTestClient, RPC_PORT_8080_REG } from './support/lspClient';

describe('protocol: a client without workspace/configuration', () => {
  const uri = 'file:///nvim/static-ports.reg';
  let client: LspTestClient;

  before(async () => {
    ({ client } = await LspTestClient.start({ initializationOptions: { settings: { rules: { 'static-port-out-of-range': 'error' } } } }));
  });
  after(() => client.kill());

  test('gets diagnostics, with the settings passed in initializationOptions', async () => {
    const { diagnostics, version } = await client.open(uri, 'reg', RPC_PORT_8080_REG);
    assert.equal(version, 1);
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.range]),
      [['static-port-out-of-range', 1, { start: { line: 3, character: 14 }, end: { line: 3, character: 28 } }]],
    );
    assert.equal(client.configurationRequests, 0);
    assert.deepEqual(client.registrations, []);
  });

  test('settings pushed with didChangeConfiguration replace them', async () => {
    const recheck = client.nextDiagnostics(uri);
    await client.notify('workspace/didChangeConfiguration', { settings: { exchangePorts: { rules: { 'static-port-out-of-range': 'off' } } } });
    assert.deepEqual((await recheck).diagnostics, []);
  });

  test('shutdown and exit end the process with code 0', async () => {
    assert.equal(await client.shutdown(), 0);
  });
});

describe('protocol: input that is not a .reg file', () => {
  let client: LspTestClient;

  before(async () => {
    ({ client } = await LspTestClient.start({ configuration: { exchangePorts: {} } }));
  });
  after(() => client.kill());

  test('random binary bytes opened as .reg: diagnostics are published and every feature answers', async () => {
    const uri = 'file:///garbage/random.reg';
    const text = Buffer.from(pseudoRandomBytes(4096)).toString('latin1');
    const published = await client.open(uri, 'reg', text);
    assert.ok(Array.isArray(published.diagnostics));
    const whole = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };
    for (const position of [
      { line: 0, character: 0 },
      { line: 3, character: 7 },
      { line: 9999, character: 9999 },
    ]) {
      await client.request('textDocument/hover', { textDocument: { uri }, position });
      await client.request('textDocument/completion', { textDocument: { uri }, position });
    }
    await client.request('textDocument/inlayHint', { textDocument: { uri }, range: whole });
    await client.request('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics: published.diagnostics } });
    await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    await client.request('textDocument/foldingRange', { textDocument: { uri } });
    assert.equal(client.process.exitCode, null);
  });

  test('a document in a language the server does not check gets no diagnostics and empty answers', async () => {
    const uri = 'file:///notes/readme.txt';
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: '"TCP/IP Port"=dword:00001f90' } });
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 20 } }), null);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
    assert.deepEqual(
      client.published.filter((params) => params.uri === uri),
      [],
    );
  });

  test('requests about a document that was never opened answer empty', async () => {
    const textDocument = { uri: 'file:///never/opened.reg' };
    assert.equal(await client.request('textDocument/hover', { textDocument, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await client.request('textDocument/foldingRange', { textDocument }), []);
  });

  test('shutdown and exit end the process with code 0', async () => {
    assert.equal(await client.shutdown(), 0);
  });
});

/** Deterministic bytes (a linear congruential generator), so a failure can be replayed. */
function pseudoRandomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = 0x2545f491;
  for (let index = 0; index < length; index++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[index] = state >>> 24;
  }
  return bytes;
}
