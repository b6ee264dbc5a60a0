// A minimal LSP client for the bench: the bundled server over stdio, as an editor drives it, with
// no time limit (a 50 MB didOpen takes what it takes) and the server's pid for memory readings.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export const SERVER_MODULE = join(__dirname, '..', 'dist', 'server.js');

export interface Published {
  uri: string;
  version?: number;
  diagnostics: unknown[];
}

export class BenchClient {
  /** `$/progress` notifications, for the workspace indexer's begin/end. */
  readonly progress: { token: string | number; value: { kind: string }; at: number }[] = [];
  private readonly waiters: { accept: (params: Published) => boolean; resolve: (params: Published) => void }[] = [];
  private readonly progressWaiters: { kind: string; resolve: () => void }[] = [];

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: MessageConnection,
  ) {}

  /** Spawns the server and answers `initialize`; `initializeMs` is spawn → reply. */
  static async start(workspaceFolders: string[] = []): Promise<{ client: BenchClient; initializeMs: number }> {
    const started = performance.now();
    // BENCH_SERVER_FLAGS passes Node flags to the server, e.g. `--cpu-prof` to profile a scenario.
    const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean), SERVER_MODULE, '--stdio'], { stdio: 'pipe' });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new BenchClient(child, connection);
    child.stderr.resume();
    connection.onNotification('textDocument/publishDiagnostics', (params: Published) => {
      for (const waiter of [...client.waiters]) {
        if (!waiter.accept(params)) continue;
        client.waiters.splice(client.waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    });
    connection.onNotification('$/progress', (params: { token: string | number; value: { kind: string } }) => {
      client.progress.push({ ...params, at: performance.now() });
      for (const waiter of client.progressWaiters.filter((candidate) => candidate.kind === params.value.kind)) waiter.resolve();
    });
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/inlayHint/refresh', () => null);
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => null);
    connection.listen();
    const folders = workspaceFolders.map((folder) => ({ uri: `file://${folder}`, name: folder.split('/').pop() }));
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders.length > 0 ? folders : null,
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: { versionSupport: true }, hover: { contentFormat: ['markdown'] } },
      },
    });
    const initializeMs = performance.now() - started;
    await connection.sendNotification('initialized', {});
    return { client, initializeMs };
  }

  nextDiagnostics(uri: string, version?: number): Promise<Published> {
    return new Promise((resolve) => this.waiters.push({ accept: (params) => params.uri === uri && (version === undefined || params.version === version), resolve }));
  }

  nextProgress(kind: 'begin' | 'end'): Promise<void> {
    return new Promise((resolve) => this.progressWaiters.push({ kind, resolve }));
  }

  /** didOpen → the first diagnostics for it, in milliseconds. */
  async open(uri: string, languageId: string, text: string): Promise<number> {
    const published = this.nextDiagnostics(uri, 1);
    const start = performance.now();
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    await published;
    return performance.now() - start;
  }

  /** didClose: the server drops the document (and publishes no more for it). */
  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** One ranged change → the diagnostics of that version, in milliseconds (debounce included). */
  async change(uri: string, version: number, change: { range: { start: Position; end: Position }; text: string }): Promise<number> {
    const published = this.nextDiagnostics(uri, version);
    const start = performance.now();
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    await published;
    return performance.now() - start;
  }

  async hover(uri: string, position: Position): Promise<{ ms: number; found: boolean }> {
    const start = performance.now();
    const result = await this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
    return { ms: performance.now() - start, found: result !== null };
  }

  /** Peak and current resident memory of the server, from /proc (Linux); undefined elsewhere. */
  memory(): { peakRssBytes: number; rssBytes: number } | undefined {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kb = (field: string) => Number(/(\d+) kB/.exec(status.split('\n').find((line) => line.startsWith(field)) ?? '')?.[1] ?? NaN) * 1024;
      return { peakRssBytes: kb('VmHWM:'), rssBytes: kb('VmRSS:') };
    } catch {
      return undefined;
    }
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await this.connection.sendRequest('shutdown', null);
    await this.connection.sendNotification('exit', null);
    await exited;
    this.connection.dispose();
  }
}

export interface Position {
  line: number;
  character: number;
}
