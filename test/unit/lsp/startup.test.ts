// The entry point's early `initialize`: answered as soon as it arrives, then read again by the
// language server with every message after it in order; the language server's own answer to it
// is not sent twice, and everything else it writes is. The entry point loads nothing else first.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { DataCallback, Message, MessageReader, MessageWriter } from 'vscode-languageserver';
import { initializeResult } from '../../../server/src/lsp/capabilities';
import { EarlyInitialize } from '../../../server/src/lsp/startup';
import { Emitter, type Transport } from '../../../server/src/lsp/transport';

/** A transport whose incoming messages the test sends and whose outgoing ones it records. */
function fakeTransport() {
  let callback: DataCallback | undefined;
  const written: Message[] = [];
  const errors = new Emitter<Error>();
  const closes = new Emitter<void>();
  const reader: MessageReader = {
    onError: errors.event,
    onClose: closes.event,
    onPartialMessage: new Emitter<never>().event,
    listen: (listener) => {
      callback = listener;
      return { dispose: () => (callback = undefined) };
    },
    dispose: () => undefined,
  };
  const writer: MessageWriter = {
    onError: new Emitter<[Error, Message | undefined, number | undefined]>().event,
    onClose: closes.event,
    write: (message) => {
      written.push(message);
      return Promise.resolve();
    },
    end: () => undefined,
    dispose: () => undefined,
  };
  const transport: Transport = { kind: 'stdio', reader, writer };
  return { transport, written, receive: (message: object) => callback!({ jsonrpc: '2.0', ...message } as Message) };
}

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

const INITIALIZE = { jsonrpc: '2.0', id: 0, method: 'initialize', params: { capabilities: {} } };
const INITIALIZED = { jsonrpc: '2.0', method: 'initialized', params: {} };
const HOVER = { jsonrpc: '2.0', id: 1, method: 'textDocument/hover', params: {} };

describe('EarlyInitialize', () => {
  test('answers initialize at once; the language server then reads it and what came after, in order, and its second answer is dropped', async () => {
    const { transport, written, receive } = fakeTransport();
    const early = new EarlyInitialize(transport);
    receive(INITIALIZE);
    await early.firstMessageHandled;
    assert.deepEqual(written, [{ jsonrpc: '2.0', id: 0, result: initializeResult() }]);

    receive(INITIALIZED);
    receive(HOVER);
    const read: Message[] = [];
    early.reader.listen((message) => read.push(message));
    receive({ method: 'textDocument/didOpen', params: {} });
    assert.deepEqual(read, [INITIALIZE, INITIALIZED, HOVER, { jsonrpc: '2.0', method: 'textDocument/didOpen', params: {} }]);

    await early.writer.write({ jsonrpc: '2.0', id: 0, result: initializeResult() } as Message);
    await early.writer.write({ jsonrpc: '2.0', id: 0, method: 'client/registerCapability', params: {} } as Message);
    await early.writer.write({ jsonrpc: '2.0', id: 1, result: null } as Message);
    await early.writer.write({ jsonrpc: '2.0', id: 0, result: 'a later answer with the same id' } as Message);
    assert.deepEqual(
      written.map((message) => JSON.stringify(message)),
      [
        JSON.stringify({ jsonrpc: '2.0', id: 0, result: initializeResult() }),
        JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'client/registerCapability', params: {} }),
        JSON.stringify({ jsonrpc: '2.0', id: 1, result: null }),
        JSON.stringify({ jsonrpc: '2.0', id: 0, result: 'a later answer with the same id' }),
      ],
    );
  });

  test('a first message other than initialize is not answered: the language server reads it and writes everything', async () => {
    const { transport, written, receive } = fakeTransport();
    const early = new EarlyInitialize(transport);
    receive(HOVER);
    await early.firstMessageHandled;
    assert.deepEqual(written, []);
    const read: Message[] = [];
    early.reader.listen((message) => read.push(message));
    assert.deepEqual(read, [HOVER]);
    await early.writer.write({ jsonrpc: '2.0', id: 1, result: null } as Message);
    assert.deepEqual(written, [{ jsonrpc: '2.0', id: 1, result: null }]);
  });
});

describe('the entry point', () => {
  /** The files and packages a source file loads at run time (`import type` loads nothing), followed through relative imports. */
  function loadedBy(file: string, seen = new Set<string>()): Set<string> {
    seen.add(path.relative(REPO_ROOT, file));
    for (const [, typeOnly, specifier] of readFileSync(file, 'utf8').matchAll(/^import\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
      if (typeOnly) continue;
      if (!specifier.startsWith('.')) seen.add(specifier);
      else if (!seen.has(path.relative(REPO_ROOT, path.resolve(path.dirname(file), `${specifier}.ts`)))) loadedBy(path.resolve(path.dirname(file), `${specifier}.ts`), seen);
    }
    return seen;
  }

  test('answers initialize with these files and Node alone: no library, no service, no catalog', () => {
    assert.deepEqual([...loadedBy(path.join(REPO_ROOT, 'server/src/server.ts'))].sort(), [
      'server/src/lsp/capabilities.ts',
      'server/src/lsp/messageBody.ts',
      'server/src/lsp/startup.ts',
      'server/src/lsp/transport.ts',
      'server/src/server.ts',
    ]);
  });
});
