// The server's stream transport speaks vscode-jsonrpc's framing both ways: what vscode-jsonrpc
// writes it reads, however the bytes are cut into chunks; what it writes vscode-jsonrpc reads;
// a broken header or body is reported and the next message still arrives.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { StreamMessageReader, StreamMessageWriter, type Message } from 'vscode-jsonrpc/node';
import { contentLength, framedMessage, StreamReader, StreamWriter } from '../../../server/src/lsp/transport';
import { params } from '../../robustness/support/fuzz';

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

/** A StreamReader over a stream fed `chunks`; resolves with what it read and reported once the stream ends. */
function readAll(chunks: (string | Buffer)[]): Promise<{ messages: unknown[]; errors: string[] }> {
  const input = new PassThrough();
  const reader = new StreamReader(input);
  const messages: unknown[] = [];
  const errors: string[] = [];
  reader.onError((error) => errors.push(error.message.split('\n')[0]));
  reader.listen((message) => messages.push(message));
  const closed = new Promise<void>((resolve) => reader.onClose(() => resolve()));
  for (const chunk of chunks) input.write(chunk);
  input.end();
  return closed.then(() => ({ messages, errors }));
}

const MESSAGES: Message[] = [
  { jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null } } as Message,
  { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { text: 'é 😀 "quoted" \\ \r\n\u0000' } } } as Message,
  { jsonrpc: '2.0', id: 2, result: null } as Message,
];

describe('StreamReader', () => {
  test('reads what vscode-jsonrpc writes, in order, including a document large enough to be decoded in place', async () => {
    const stream = new PassThrough();
    const writer = new StreamMessageWriter(stream);
    const large = { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { text: '"TCP/IP Port"=dword:0000e88c\\\r\n'.repeat(40_000) } } } as Message;
    const sent = [...MESSAGES, large, MESSAGES[0]];
    const written: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => written.push(chunk));
    for (const message of sent) await writer.write(message);
    assert.deepEqual((await readAll(written)).messages, sent);
  });

  test('the same messages however the bytes are cut into chunks', async () => {
    const bytes = Buffer.from(MESSAGES.map((message) => frame(JSON.stringify(message))).join(''));
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }), async (cuts) => {
        const edges = [0, ...cuts.sort((a, b) => a - b), bytes.length];
        const chunks = edges.slice(1).map((end, index) => bytes.subarray(edges[index], end));
        assert.deepEqual(await readAll(chunks), { messages: MESSAGES, errors: [] });
      }),
      params(100),
    );
  });

  test('header names in any case, other headers ignored', async () => {
    const body = JSON.stringify(MESSAGES[0]);
    const chunks = [`content-length: ${body.length}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${body}`];
    assert.deepEqual(await readAll(chunks), { messages: [MESSAGES[0]], errors: [] });
  });

  test('a header without a length, a body that is not JSON and an empty body are reported; the next message is read', async () => {
    const good = frame(JSON.stringify(MESSAGES[2]));
    const { messages, errors } = await readAll([`Content-Type: x\r\n\r\n`, good, frame('{"jsonrpc":'), good, 'Content-Length: 0\r\n\r\n', good, 'Content-Length: many\r\n\r\n', good]);
    assert.deepEqual(messages, [MESSAGES[2], MESSAGES[2], MESSAGES[2], MESSAGES[2]]);
    assert.deepEqual(errors, ['Header must provide a Content-Length property.', 'Unexpected end of JSON input', 'Unexpected end of JSON input', 'Content-Length value must be a number. Got many']);
  });
});

describe('contentLength', () => {
  test('reads the length, trims blanks, rejects a header line without a colon', () => {
    assert.equal(contentLength('Content-Length:  42 \r\n\r\n'), 42);
    assert.throws(() => contentLength('Content-Length 42\r\n\r\n'), /must separate key and value using ':'/);
    assert.throws(() => contentLength('Content-Length: -1\r\n\r\n'), /must be a number/);
  });
});

describe('StreamWriter', () => {
  test('vscode-jsonrpc reads what it writes, in order; the length counts UTF-8 bytes', async () => {
    const stream = new PassThrough();
    const writer = new StreamWriter(stream);
    const read: unknown[] = [];
    const all = new Promise<void>((resolve) =>
      new StreamMessageReader(stream).listen((message) => {
        read.push(message);
        if (read.length === MESSAGES.length) resolve();
      }),
    );
    await Promise.all(MESSAGES.map((message) => writer.write(message)));
    await all;
    assert.deepEqual(read, MESSAGES);
  });

  test('a write that fails is reported with the message and rejected', async () => {
    const stream = new PassThrough();
    stream.destroy();
    const writer = new StreamWriter(stream);
    const reported: [string, unknown, unknown][] = [];
    writer.onError(([error, message, count]) => reported.push([error.message, message, count]));
    await assert.rejects(writer.write(MESSAGES[2]));
    assert.deepEqual(reported, [['Cannot call write after a stream was destroyed', MESSAGES[2], 1]]);
  });
});

describe('framedMessage', () => {
  const anything = fc.anything({ withBoxedValues: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withObjectString: true, maxDepth: 5 });
  const withToJson = anything.map((inner) => ({ toJSON: (key: string) => (typeof inner === 'object' && inner !== null ? { key, inner } : key === '0' ? undefined : inner) }));
  const messageArb = fc.dictionary(fc.string(), fc.oneof(anything, withToJson, fc.array(fc.oneof(anything, withToJson, fc.constant(undefined), fc.constant(() => 1)))));

  test('its body is exactly what JSON.stringify writes, after a header of its byte length', () => {
    fc.assert(
      fc.property(messageArb, (message) => {
        const json = JSON.stringify(message);
        assert.equal(framedMessage(message).toString('utf8'), `Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`);
      }),
      params(500),
    );
    const diagnostics = Array.from({ length: 300 }, (_, at) => ({ range: { start: { line: at, character: 0 }, end: { line: at, character: 4 } }, message: `é – ${at} 😀`, code: undefined }));
    const push = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', diagnostics } };
    assert.equal(framedMessage(push).toString('utf8'), frame(JSON.stringify(push)));
  });

  test('it fails where JSON.stringify fails', () => {
    const cyclic: Record<string, unknown> = { a: [1] };
    (cyclic.a as unknown[]).push(cyclic);
    assert.throws(() => framedMessage({ params: cyclic }), TypeError);
    assert.throws(() => framedMessage({ id: 1n }), TypeError);
  });
});
