// `initialize` answered before the language server is loaded. The entry point reads the first
// message itself; when it is `initialize`, it answers at once with the constant capabilities.
// The language server then reads every message from that first one on (vscode-languageserver sees
// `initialize` as usual and sets itself up from the client's capabilities), and its own answer to
// it, the same by construction, is not sent a second time. Messages that arrive meanwhile wait in
// order; none is lost or reordered.
import type { DataCallback, Disposable, Message, MessageReader, MessageWriter } from 'vscode-languageserver';
import { initializeResult } from './capabilities';
import type { Transport } from './transport';

type Id = number | string;

export class EarlyInitialize implements Transport {
  readonly kind: Transport['kind'];
  readonly reader: MessageReader;
  readonly writer: MessageWriter;
  /** Resolves once the first message is in and, if it was `initialize`, answered. */
  readonly firstMessageHandled: Promise<void>;

  private readonly received: Message[] = [];
  private firstSeen = false;
  private deliver: DataCallback | undefined;
  /** The id of the `initialize` request answered early, until the language server's answer to it is dropped. */
  private answeredId: Id | undefined;

  constructor(transport: Transport) {
    this.kind = transport.kind;
    let firstMessage!: () => void;
    this.firstMessageHandled = new Promise((resolve) => (firstMessage = resolve));
    transport.reader.listen((message) => {
      if (this.deliver) {
        this.deliver(message);
        return;
      }
      this.received.push(message);
      if (this.firstSeen) return;
      this.firstSeen = true;
      void this.answer(message, transport.writer).then(firstMessage);
    });
    this.reader = this.replayingReader(transport.reader);
    this.writer = this.writerWithoutSecondAnswer(transport.writer);
  }

  private async answer(message: Message, writer: MessageWriter): Promise<void> {
    const request = message as { id?: unknown; method?: unknown };
    if (request.method !== 'initialize' || (typeof request.id !== 'number' && typeof request.id !== 'string')) return;
    this.answeredId = request.id;
    // A failed write is the writer's to report; the language server starts either way.
    await writer.write({ jsonrpc: '2.0', id: request.id, result: initializeResult() } as Message).catch(() => undefined);
  }

  /** The transport's reader, from its first message on. */
  private replayingReader(inner: MessageReader): MessageReader {
    return {
      onError: inner.onError,
      onClose: inner.onClose,
      onPartialMessage: inner.onPartialMessage,
      listen: (callback: DataCallback): Disposable => {
        for (const message of this.received.splice(0)) callback(message);
        this.deliver = callback;
        return { dispose: () => (this.deliver = undefined) };
      },
      dispose: () => inner.dispose(),
    };
  }

  /** The transport's writer, less the language server's answer to the `initialize` already answered. */
  private writerWithoutSecondAnswer(inner: MessageWriter): MessageWriter {
    return {
      onError: inner.onError,
      onClose: inner.onClose,
      write: (message: Message): Promise<void> => {
        const response = message as { id?: unknown; method?: unknown };
        if (this.answeredId !== undefined && response.method === undefined && response.id === this.answeredId) {
          this.answeredId = undefined;
          return Promise.resolve();
        }
        return inner.write(message);
      },
      end: () => inner.end(),
      dispose: () => inner.dispose(),
    };
  }
}
