// The JSON-RPC transport of the server, stdio or Node IPC as the command line says. Written here
// rather than taken from vscode-jsonrpc for two reasons. The entry point answers `initialize` over
// it before any library is loaded (start-up). And the stdio reader holds less while a document
// arrives: it copies each body once into a buffer of its Content-Length, letting go of every chunk
// as it comes (vscode-jsonrpc keeps the chunks, then joins them), and decodes the body without
// making it one string first (messageBody.ts). Readers and writers implement vscode-jsonrpc's
// MessageReader and MessageWriter, so the language server's connection runs over them as over its
// own; only types are imported.
import type { DataCallback, Disposable, Event, Message, MessageReader, MessageWriter, PartialMessageInfo } from 'vscode-languageserver';
import { parseMessageBody } from './messageBody';

export interface Transport {
  kind: 'stdio' | 'ipc';
  reader: MessageReader;
  writer: MessageWriter;
}

/**
 * The transport the command line names (`--stdio` or `--node-ipc`, as vscode-languageserver reads
 * them); undefined for the others (`--socket`, `--pipe`), which vscode-languageserver opens itself.
 */
export function transportFromArguments(args: readonly string[]): Transport | undefined {
  for (const arg of args) {
    if (arg === '--stdio') return stdioTransport();
    if (arg === '--node-ipc') return { kind: 'ipc', reader: new IpcReader(process), writer: new IpcWriter(process) };
    const name = arg.split('=')[0];
    if (name === '--socket' || name === '--pipe') return undefined;
  }
  return undefined;
}

/** When the client closes stdin the server exits: with 0 after a `shutdown` request, else 1 (as vscode-languageserver does). */
function stdioTransport(): Transport {
  const reader = new StreamReader(process.stdin);
  let shutdownRequested = false;
  reader.onMessage((message) => {
    if ((message as { method?: unknown }).method === 'shutdown') shutdownRequested = true;
  });
  reader.onClose(() => process.exit(shutdownRequested ? 0 : 1));
  return { kind: 'stdio', reader, writer: new StreamWriter(process.stdout) };
}

export class Emitter<T> {
  private listeners: ((value: T) => void)[] = [];

  readonly event: Event<T> = (listener, thisArgs?, disposables?) => {
    const bound = (value: T) => listener.call(thisArgs, value);
    this.listeners.push(bound);
    const disposable: Disposable = { dispose: () => (this.listeners = this.listeners.filter((candidate) => candidate !== bound)) };
    disposables?.push(disposable);
    return disposable;
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }

  dispose(): void {
    this.listeners = [];
  }
}

/**
 * The events every reader here offers. `onPartialMessage` never fires: vscode-jsonrpc reports a
 * message that stays incomplete for a while; these readers wait quietly (and Node IPC delivers
 * whole messages).
 */
abstract class ReaderEvents {
  protected readonly errors = new Emitter<Error>();
  protected readonly closes = new Emitter<void>();
  private readonly partial = new Emitter<PartialMessageInfo>();
  readonly onError = this.errors.event;
  readonly onClose = this.closes.event;
  readonly onPartialMessage = this.partial.event;

  dispose(): void {
    this.errors.dispose();
    this.closes.dispose();
    this.partial.dispose();
  }
}

/** The events every writer here offers; an error carries the message and how many failed in a row. */
abstract class WriterEvents {
  protected readonly errors = new Emitter<[Error, Message | undefined, number | undefined]>();
  protected readonly closes = new Emitter<void>();
  readonly onError = this.errors.event;
  readonly onClose = this.closes.event;
  private errorCount = 0;

  /** What writing `message` came to: a success resets the count of failures in a row. */
  protected written(message: Message, error: Error | null | undefined): void {
    if (!error) {
      this.errorCount = 0;
      return;
    }
    this.errorCount++;
    this.errors.fire([error, message, this.errorCount]);
  }

  dispose(): void {
    this.errors.dispose();
    this.closes.dispose();
  }
}

const CR = 13;
const LF = 10;

/**
 * Reads `Content-Length`-framed messages from a stream: the header up to the blank line, then the
 * body into one buffer of that length, decoded as UTF-8 JSON. A header without a usable length or
 * a body that is not JSON is reported on `onError` and skipped, as vscode-jsonrpc does.
 */
export class StreamReader extends ReaderEvents implements MessageReader {
  private readonly messages = new Emitter<Message>();
  /** Every message read, before it reaches the listener. */
  readonly onMessage = this.messages.event;

  private header: Buffer[] = [];
  /** How much of `\r\n\r\n` the header read so far ends with. */
  private terminatorMatched = 0;
  private body: Buffer | undefined;
  private bodyFilled = 0;
  private callback: DataCallback | undefined;
  private closed = false;

  constructor(private readonly input: NodeJS.ReadableStream) {
    super();
    input.on('error', (error: Error) => this.errors.fire(error));
    input.on('end', () => this.close());
    input.on('close', () => this.close());
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer) => this.read(chunk);
    this.input.on('data', onData);
    return { dispose: () => this.input.removeListener('data', onData) };
  }

  override dispose(): void {
    super.dispose();
    this.messages.dispose();
  }

  /** A stream ends with `end`, `close` or both: one close. */
  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.closes.fire();
  }

  private read(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.body === undefined) {
        const headerEnd = this.findHeaderEnd(chunk, offset);
        this.header.push(chunk.subarray(offset, headerEnd));
        offset = headerEnd;
        if (this.terminatorMatched < 4) return;
        this.startBody();
        continue;
      }
      const count = Math.min(this.body.length - this.bodyFilled, chunk.length - offset);
      chunk.copy(this.body, this.bodyFilled, offset, offset + count);
      this.bodyFilled += count;
      offset += count;
      if (this.bodyFilled === this.body.length) this.finishBody();
    }
  }

  /** Where the header ends in `chunk` (after its `\r\n\r\n`), or the chunk's end if it does not. */
  private findHeaderEnd(chunk: Buffer, from: number): number {
    for (let index = from; index < chunk.length; index++) {
      const byte = chunk[index];
      const expected = this.terminatorMatched % 2 === 0 ? CR : LF;
      this.terminatorMatched = byte === expected ? this.terminatorMatched + 1 : byte === CR ? 1 : 0;
      if (this.terminatorMatched === 4) return index + 1;
    }
    return chunk.length;
  }

  private startBody(): void {
    const header = Buffer.concat(this.header).toString('ascii');
    this.header = [];
    this.terminatorMatched = 0;
    try {
      this.body = Buffer.allocUnsafe(contentLength(header));
      this.bodyFilled = 0;
    } catch (error) {
      this.errors.fire(asError(error));
      return;
    }
    if (this.body.length === 0) this.finishBody();
  }

  private finishBody(): void {
    const body = this.body!;
    this.body = undefined;
    let message: Message;
    try {
      message = parseMessageBody(body) as Message;
    } catch (error) {
      this.errors.fire(asError(error));
      return;
    }
    // What the listener throws is reported like a bad body; the rest of the chunk is still read.
    try {
      this.messages.fire(message);
      this.callback?.(message);
    } catch (error) {
      this.errors.fire(asError(error));
    }
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** The `Content-Length` of a header block (`Name: value` lines, names in any case); throws when there is none. */
export function contentLength(header: string): number {
  let length: string | undefined;
  for (const line of header.split('\r\n')) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon === -1) throw new Error(`Message header must separate key and value using ':'\n${line}`);
    if (line.slice(0, colon).toLowerCase() === 'content-length') length = line.slice(colon + 1).trim();
  }
  if (length === undefined) throw new Error(`Header must provide a Content-Length property.\n${header}`);
  const bytes = Number.parseInt(length, 10);
  if (!Number.isSafeInteger(bytes) || bytes < 0) throw new Error(`Content-Length value must be a number. Got ${length}`);
  return bytes;
}

/**
 * A message as the bytes of its header and its body, the body exactly as `JSON.stringify` writes
 * it. A push of a thousand diagnostics is a few hundred kilobytes of JSON, which V8 makes as a
 * rope of pieces: encoding it copied the rope into one string first, and asking its byte length
 * before writing it as text encoded it twice. Here the parts of the message (down to each element
 * of its arrays) are made into JSON one by one, measured and encoded straight into the buffer.
 */
export function framedMessage(message: unknown): Buffer {
  const pieces: string[] = [];
  appendJson(toJsonValue(message, ''), pieces, SPLIT_DEPTH);
  // Joined a few dozen at a time (a join is one flat string): measuring and encoding each piece
  // was a call into Node per piece, which costs most while the server is still cold.
  const chunks: string[] = [];
  for (let start = 0; start < pieces.length; start += PIECES_PER_CHUNK) chunks.push(pieces.slice(start, start + PIECES_PER_CHUNK).join(''));
  let bytes = 0;
  for (const chunk of chunks) bytes += Buffer.byteLength(chunk, 'utf8');
  const header = `Content-Length: ${bytes}\r\n\r\n`;
  const framed = Buffer.allocUnsafe(header.length + bytes);
  let at = framed.write(header, 0, 'latin1');
  for (const chunk of chunks) at += framed.write(chunk, at, 'utf8');
  return framed;
}

const PIECES_PER_CHUNK = 128;

/** How deep appendJson takes values apart: message, params, a list, its elements. */
const SPLIT_DEPTH = 3;

/** A value as JSON.stringify sees it under `key`: what its toJSON returns, if it has one. */
function toJsonValue(value: unknown, key: string | number): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') return (value as { toJSON(key: string): unknown }).toJSON(String(key));
  return value;
}

/** JSON.stringify's steps for one value (after toJSON), its parts as pieces; objects and arrays leave out what it leaves out. */
function appendJson(value: unknown, pieces: string[], depth: number): void {
  if (depth === 0 || value === null || typeof value !== 'object' || !isPlain(value)) {
    pieces.push(JSON.stringify(value) as string);
    return;
  }
  if (Array.isArray(value)) {
    pieces.push('[');
    for (let index = 0; index < value.length; index++) {
      if (index > 0) pieces.push(',');
      const element = toJsonValue(value[index], index);
      if (isOmitted(element)) pieces.push('null');
      else appendJson(element, pieces, depth - 1);
    }
    pieces.push(']');
    return;
  }
  pieces.push('{');
  let first = true;
  for (const name of Object.keys(value)) {
    const property = toJsonValue((value as Record<string, unknown>)[name], name);
    if (isOmitted(property)) continue;
    pieces.push(`${first ? '' : ','}${JSON.stringify(name)}:`);
    first = false;
    appendJson(property, pieces, depth - 1);
  }
  pieces.push('}');
}

/** What JSON.stringify leaves out of an object and writes as null in an array. */
function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/** An array or an object JSON.stringify walks by its keys (not a boxed number, string, boolean or big integer). */
function isPlain(value: object): boolean {
  return !(value instanceof Number || value instanceof String || value instanceof Boolean || value instanceof BigInt);
}

/** Writes each message as one `Content-Length` header and its UTF-8 JSON body, in the order given. */
export class StreamWriter extends WriterEvents implements MessageWriter {
  constructor(private readonly output: NodeJS.WritableStream) {
    super();
    output.on('error', (error: Error) => this.errors.fire([error, undefined, undefined]));
    output.on('close', () => this.closes.fire());
  }

  write(message: Message): Promise<void> {
    const framed = framedMessage(message);
    return new Promise((resolve, reject) => {
      this.output.write(framed, (error) => {
        this.written(message, error);
        if (error) reject(error);
        else resolve();
      });
    });
  }

  end(): void {
    this.output.end();
  }
}

/** The process side of a Node IPC channel: the parent forked the server with `--node-ipc`. */
interface IpcProcess {
  on(event: 'message', listener: (message: Message) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  off(event: 'message', listener: (message: Message) => void): unknown;
  send?(message: unknown, sendHandle: undefined, options: undefined, callback: (error: Error | null) => void): boolean;
}

export class IpcReader extends ReaderEvents implements MessageReader {
  constructor(private readonly channel: IpcProcess) {
    super();
    channel.on('error', (error) => this.errors.fire(error));
    channel.on('close', () => this.closes.fire());
  }

  listen(callback: DataCallback): Disposable {
    const onMessage = (message: Message) => callback(message);
    this.channel.on('message', onMessage);
    return { dispose: () => this.channel.off('message', onMessage) };
  }
}

export class IpcWriter extends WriterEvents implements MessageWriter {
  constructor(private readonly channel: IpcProcess) {
    super();
    channel.on('error', (error) => this.errors.fire([error, undefined, undefined]));
    channel.on('close', () => this.closes.fire());
  }

  write(message: Message): Promise<void> {
    this.channel.send?.(message, undefined, undefined, (error) => this.written(message, error));
    return Promise.resolve();
  }

  end(): void {}
}
