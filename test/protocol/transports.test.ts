// The bundled server over each transport a client may choose: stdio (VS Code, Neovim, the
// benchmark), Node IPC and a socket. The entry point answers `initialize` itself before the
// language server is loaded (over stdio and IPC); the client must see one answer, the same
// capabilities everywhere, and a server that then works. Closing stdin ends the server.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, describe, test, type TestContext } from 'node:test';
import { StreamMessageReader, type Message } from 'vscode-jsonrpc/node';
import { EXPECTED_CAPABILITIES, LspTestClient, RPC_PORT_8080_REG, SERVER_MODULE, type StartOptions } from './support/lspClient';

for (const transport of ['stdio', 'node-ipc', 'socket'] as const satisfies StartOptions['transport'][]) {
  describe(`protocol over ${transport}`, () => {
    let client: LspTestClient | undefined;
    after(() => client?.kill());

    test('initialize, diagnostics for an opened document, shutdown', async () => {
      const started = await LspTestClient.start({ transport, configuration: { exchangePorts: {} } });
      client = started.client;
      assert.deepEqual(started.capabilities, EXPECTED_CAPABILITIES);
      const { diagnostics } = await client.open('file:///workspace/static-ports.reg', 'reg', RPC_PORT_8080_REG);
      assert.deepEqual(
        diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range]),
        [['static-port-out-of-range', { start: { line: 3, character: 14 }, end: { line: 3, character: 28 } }]],
      );
      assert.equal(await client.shutdown(), 0);
    });
  });
}

/** The server started over stdio and read frame by frame: every message it writes, duplicates included. Killed after the test. */
function rawServer(context: TestContext) {
  const child = spawn(process.execPath, [SERVER_MODULE, '--stdio'], { stdio: 'pipe' });
  context.after(() => {
    if (child.exitCode === null) child.kill();
  });
  const written: Message[] = [];
  const waiters: { accept: (message: Message) => boolean; resolve: () => void }[] = [];
  new StreamMessageReader(child.stdout).listen((message) => {
    written.push(message);
    for (const waiter of waiters.filter((candidate) => candidate.accept(message))) waiter.resolve();
  });
  const send = (message: object) => {
    const body = JSON.stringify({ jsonrpc: '2.0', ...message });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  const sendBytes = (bytes: string | Buffer) => child.stdin.write(bytes);
  const response = (id: number) => new Promise<void>((resolve) => waiters.push({ accept: (message) => (message as { id?: unknown }).id === id && !('method' in message), resolve }));
  const exitCode = once(child, 'exit').then(([code]) => code as number | null);
  return { child, written, send, sendBytes, response, exitCode };
}

const INITIALIZE = { id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } };

describe('protocol over stdio, frame by frame', () => {
  test('initialize is answered once, and requests sent before the language server has loaded are answered in order', async (context) => {
    const server = rawServer(context);
    const answered = server.response(3);
    server.send(INITIALIZE);
    server.send({ method: 'initialized', params: {} });
    server.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///a.reg', languageId: 'reg', version: 1, text: RPC_PORT_8080_REG } } });
    server.send({ id: 2, method: 'textDocument/documentSymbol', params: { textDocument: { uri: 'file:///a.reg' } } });
    server.send({ id: 3, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///a.reg' }, position: { line: 3, character: 20 } } });
    await answered;
    const responses = server.written.filter((message) => !('method' in message)) as unknown as { id: number; result: unknown }[];
    assert.deepEqual(
      responses.map((message) => message.id),
      [1, 2, 3],
    );
    assert.deepEqual((responses[0].result as { capabilities: unknown }).capabilities, EXPECTED_CAPABILITIES);
    assert.deepEqual(
      (responses[1].result as { name: string }[]).map((symbol) => symbol.name),
      ['HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem'],
    );
    assert.match((responses[2].result as { contents: { value: string } }).contents.value, /\*\*8080\*\*/);
  });

  test('broken frames between messages (no length, a length that is not a number, bodies that are not JSON, random bytes) are skipped; the next request is answered', async (context) => {
    const server = rawServer(context);
    const initialized = server.response(1);
    server.send(INITIALIZE);
    await initialized;
    server.send({ method: 'initialized', params: {} });
    const answered = server.response(2);
    server.sendBytes('X-Junk: 1\r\n\r\n');
    server.sendBytes('Content-Length: lots\r\n\r\n');
    server.sendBytes('Content-Length: 9\r\n\r\n{"id": 1,');
    server.sendBytes(Buffer.concat([Buffer.from('Content-Length: 64\r\n\r\n'), Buffer.from(Array.from({ length: 64 }, (_, index) => (index * 37) % 256))]));
    server.sendBytes('Content-Length: 4\r\n\r\nnull');
    server.send({ id: 2, method: 'textDocument/documentSymbol', params: { textDocument: { uri: 'file:///never-opened.reg' } } });
    await answered;
    assert.deepEqual(server.written.at(-1), { jsonrpc: '2.0', id: 2, result: [] });
    assert.equal(server.child.exitCode, null);
  });

  test('stdin closed without a shutdown request: the server exits with 1', async (context) => {
    const server = rawServer(context);
    const answered = server.response(1);
    server.send(INITIALIZE);
    await answered;
    server.child.stdin.end();
    assert.equal(await server.exitCode, 1);
  });

  test('stdin closed after a shutdown request: the server exits with 0', async (context) => {
    const server = rawServer(context);
    const shutDown = server.response(2);
    server.send(INITIALIZE);
    server.send({ method: 'initialized', params: {} });
    server.send({ id: 2, method: 'shutdown', params: null });
    await shutDown;
    server.child.stdin.end();
    assert.equal(await server.exitCode, 0);
  });

  test('a first message other than initialize is left to the language server: a request is refused as unhandled', async (context) => {
    const server = rawServer(context);
    const answered = server.response(7);
    server.send({ id: 7, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///a.reg' }, position: { line: 0, character: 0 } } });
    await answered;
    assert.deepEqual(server.written, [{ jsonrpc: '2.0', id: 7, error: { code: -32601, message: 'Unhandled method textDocument/hover' } }]);
  });
});
