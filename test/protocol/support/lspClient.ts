// A small LSP client for protocol tests: starts the bundled server (`dist/server.js --stdio`, or
// over Node IPC or a socket as other clients do) and speaks JSON-RPC with it. Tests wait on notifications (a promise per expected message), never on
// time; the only timer is a safety net that turns a missing message into a readable failure.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import * as net from 'node:net';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  SocketMessageReader,
  SocketMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER_MODULE = path.join(REPO_ROOT, 'dist', 'server.js');

/** A .reg file that sets the RPC Client Access port to 8080 (line 4), outside the recommended range. */
export const RPC_PORT_8080_REG = [
  'Windows Registry Editor Version 5.00',
  '',
  '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]',
  '"TCP/IP Port"=dword:00001f90',
  '',
].join('\r\n');

/** What the server announces in its `initialize` answer, whatever the transport. */
export const EXPECTED_CAPABILITIES = {
  textDocumentSync: { openClose: true, change: 2 },
  hoverProvider: true,
  completionProvider: { triggerCharacters: ['[', '\\', '"', '='] },
  codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite'] },
  codeLensProvider: { resolveProvider: false },
  inlayHintProvider: true,
  documentSymbolProvider: true,
  foldingRangeProvider: true,
  workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
};

/** Long enough for a slow CI machine; a failure is reported, not waited on forever. */
const WAIT_LIMIT_MS = 10_000;

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface Diagnostic {
  range: Range;
  severity?: number;
  code?: string | number;
  codeDescription?: { href: string };
  source?: string;
  message: string;
}
export interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}
export interface TextEdit {
  range: Range;
  newText: string;
}
export interface LogMessage {
  type: number;
  message: string;
}

export interface StartOptions {
  /** Ask-able settings (`workspace/configuration`); omit to start a client without that capability. */
  configuration?: Record<string, unknown>;
  initializationOptions?: Record<string, unknown>;
  workspaceFolders?: string[];
  /** How the server is started and spoken to; `stdio` unless said (the command-line flag is the same word). */
  transport?: 'stdio' | 'node-ipc' | 'socket';
}

/** What a VS Code-like client announces; `configuration` is dropped for clients that cannot answer. */
function clientCapabilities(withConfiguration: boolean): Record<string, unknown> {
  return {
    workspace: {
      configuration: withConfiguration,
      didChangeConfiguration: { dynamicRegistration: withConfiguration },
      didChangeWatchedFiles: { dynamicRegistration: withConfiguration },
      workspaceFolders: true,
      inlayHint: { refreshSupport: withConfiguration },
    },
    window: { workDoneProgress: true },
    textDocument: {
      synchronization: { dynamicRegistration: false },
      publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      completion: { completionItem: { snippetSupport: true } },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true },
      inlayHint: {},
      documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      foldingRange: {},
    },
  };
}

interface Waiter {
  accept: (params: PublishDiagnosticsParams) => boolean;
  resolve: (params: PublishDiagnosticsParams) => void;
}

export class LspTestClient {
  readonly logs: LogMessage[] = [];
  /** `client/registerCapability` requests the server sent, by method. */
  readonly registrations: string[] = [];
  private readonly registrationWaiters: { method: string; resolve: () => void }[] = [];
  /** Every diagnostics notification, in order of arrival. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** Every `$/progress` value the server sent (work-done progress), in order, with its token. */
  readonly progress: { token: string | number; kind: string; title?: string; message?: string; percentage?: number }[] = [];
  private readonly progressEndWaiters: (() => void)[] = [];
  /** How often the server asked `workspace/configuration`. */
  configurationRequests = 0;
  private readonly waiters: Waiter[] = [];
  private hold: { asked: () => void; released: Promise<void> } | undefined;
  private stderr = '';
  private expectingExit = false;
  /** Rejects if the server dies unasked, so a crash fails the waiting test at once with its stderr. */
  private readonly crashed: Promise<never>;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
    private configuration: Record<string, unknown> | undefined,
  ) {
    this.crashed = new Promise<never>((_, reject) => {
      process.once('exit', (code, signal) => {
        if (!this.expectingExit) reject(new Error(`The server exited (code ${code}, signal ${signal}); stderr: ${this.stderr || '(empty)'}`));
      });
    });
    this.crashed.catch(() => undefined);
  }

  /** Starts the server and runs `initialize` + `initialized`; returns the client and the server's answer. */
  static async start(options: StartOptions = {}): Promise<{ client: LspTestClient; capabilities: Record<string, unknown> }> {
    const { child, connection } = await startServer(options.transport ?? 'stdio');
    const client = new LspTestClient(child, connection, options.configuration);
    client.listen();
    connection.listen();
    const folders = (options.workspaceFolders ?? []).map((folder) => ({ uri: fileUri(folder), name: path.basename(folder) }));
    const result = await client.request<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders.length > 0 ? folders : null,
      capabilities: clientCapabilities(options.configuration !== undefined),
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification('initialized', {});
    return { client, capabilities: result.capabilities };
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.within(this.connection.sendRequest<R>(method, params), `the answer to ${method}`);
  }

  /** Resolves once some work-done progress has ended (at once if one already has). */
  progressEnded(): Promise<void> {
    if (this.progress.some((value) => value.kind === 'end')) return Promise.resolve();
    return this.within(new Promise<void>((resolve) => this.progressEndWaiters.push(resolve)), 'the end of a work-done progress');
  }

  /** Resolves once the server has registered `method` dynamically (it does so after `initialized`). */
  registration(method: string): Promise<void> {
    if (this.registrations.includes(method)) return Promise.resolve();
    return this.within(new Promise<void>((resolve) => this.registrationWaiters.push({ method, resolve })), `a registration of ${method}`);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /**
   * The next diagnostics published for `uri` that `accept` takes. Call it BEFORE the action that
   * causes them, so a fast server cannot publish before the test listens.
   */
  nextDiagnostics(uri: string, accept: (params: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const promise = new Promise<PublishDiagnosticsParams>((resolve) => {
      this.waiters.push({ accept: (params) => params.uri === uri && accept(params), resolve });
    });
    return this.within(promise, `diagnostics for ${uri}`);
  }

  /** Like nextDiagnostics, but also takes the latest notification already received for `uri`. */
  latestDiagnostics(uri: string, accept: (params: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const past = this.published.filter((params) => params.uri === uri).at(-1);
    return past && accept(past) ? Promise.resolve(past) : this.nextDiagnostics(uri, accept);
  }

  /** Opens a document and waits for its first diagnostics. */
  async open(uri: string, languageId: string, text: string, version = 1): Promise<PublishDiagnosticsParams> {
    const diagnostics = this.nextDiagnostics(uri, (params) => params.version === version);
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return diagnostics;
  }

  /** Sends whole-document or ranged changes and waits for the diagnostics of `version`. */
  async change(uri: string, version: number, changes: ({ text: string } | { range: Range; text: string })[]): Promise<PublishDiagnosticsParams> {
    const diagnostics = this.nextDiagnostics(uri, (params) => params.version === version);
    await this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return diagnostics;
  }

  /** Changes what `workspace/configuration` answers and tells the server, as VS Code does. */
  async setConfiguration(configuration: Record<string, unknown>): Promise<void> {
    this.configuration = configuration;
    await this.notify('workspace/didChangeConfiguration', { settings: null });
  }

  /**
   * Holds the answers to `workspace/configuration` until `release()`: a slow client, to test what the
   * server does with work that finishes after the document has changed. `asked` resolves on the
   * first request held.
   */
  holdConfiguration(): { asked: Promise<void>; release: () => void } {
    let asked!: () => void;
    let release!: () => void;
    const askedPromise = new Promise<void>((resolve) => (asked = resolve));
    this.hold = { asked, released: new Promise<void>((resolve) => (release = resolve)) };
    return {
      asked: this.within(askedPromise, 'a workspace/configuration request'),
      release: () => {
        this.hold = undefined;
        release();
      },
    };
  }

  /** `shutdown` then `exit`; resolves with the process's exit code. */
  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    await this.request('shutdown', null);
    this.expectingExit = true;
    await this.notify('exit', null);
    const code = await this.within(exited, 'the server to exit');
    this.connection.dispose();
    return code;
  }

  /** For `after()` hooks: stops the process whatever state the test left it in. */
  kill(): void {
    this.expectingExit = true;
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }

  private within<T>(promise: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Waited ${WAIT_LIMIT_MS} ms for ${what}; server stderr: ${this.stderr || '(empty)'}`)), WAIT_LIMIT_MS);
    });
    return Promise.race([promise, limit, this.crashed]).finally(() => clearTimeout(timer));
  }

  private listen(): void {
    this.process.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      for (const waiter of [...this.waiters]) {
        if (!waiter.accept(params)) continue;
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    });
    this.connection.onNotification('window/logMessage', (params: LogMessage) => {
      this.logs.push(params);
    });
    this.connection.onRequest('workspace/configuration', async (params: { items: { section?: string }[] }) => {
      this.configurationRequests += 1;
      if (this.hold) {
        this.hold.asked();
        await this.hold.released;
      }
      return params.items.map((item) => (item.section ? this.configuration?.[item.section] : this.configuration) ?? null);
    });
    this.connection.onRequest('client/registerCapability', (params: { registrations: { method: string }[] }) => {
      for (const { method } of params.registrations) {
        this.registrations.push(method);
        for (const waiter of this.registrationWaiters.filter((candidate) => candidate.method === method)) waiter.resolve();
      }
      return null;
    });
    this.connection.onRequest('workspace/inlayHint/refresh', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('$/progress', (params: { token: string | number; value: { kind: string; title?: string; message?: string; percentage?: number } }) => {
      this.progress.push({ token: params.token, ...params.value });
      if (params.value.kind === 'end') for (const resolve of this.progressEndWaiters.splice(0)) resolve();
    });
  }
}

async function startServer(transport: 'stdio' | 'node-ipc' | 'socket'): Promise<{ child: ChildProcess; connection: MessageConnection }> {
  if (transport === 'node-ipc') {
    // As vscode-languageclient forks a server module over IPC.
    const child = fork(SERVER_MODULE, ['--node-ipc'], { silent: true });
    return { child, connection: createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child)) };
  }
  if (transport === 'socket') {
    // The client listens; the server connects to the port it is given.
    const listener = net.createServer().listen(0, '127.0.0.1');
    await once(listener, 'listening');
    const child = spawn(process.execPath, [SERVER_MODULE, `--socket=${(listener.address() as net.AddressInfo).port}`], { stdio: 'pipe' });
    const [socket] = (await once(listener, 'connection')) as [net.Socket];
    listener.close();
    return { child, connection: createMessageConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket)) };
  }
  const child = spawn(process.execPath, [SERVER_MODULE, '--stdio'], { stdio: 'pipe' });
  return { child, connection: createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin)) };
}

export function fileUri(filePath: string): string {
  return pathToFileURL(filePath).toString();
}

/** Applies non-overlapping edits to `text` (as an editor does), last edit first. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lineStarts = [0];
  for (let index = 0; index < text.length; index++) if (text[index] === '\n') lineStarts.push(index + 1);
  const offsetOf = ({ line, character }: Position) => (lineStarts[line] ?? text.length) + character;
  return [...edits]
    .sort((a, b) => offsetOf(b.range.start) - offsetOf(a.range.start))
    .reduce((result, edit) => result.slice(0, offsetOf(edit.range.start)) + edit.newText + result.slice(offsetOf(edit.range.end)), text);
}
