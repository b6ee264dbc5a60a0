// Keeps the workspace index current: every supported file of the workspace folders is read once at
// start-up (in the background, with work-done progress, by the index worker on its own thread, or
// here in slices of a few milliseconds when no worker can start, so requests are answered
// meanwhile), files changed on disk are re-read when the client's watcher reports them, and an
// open document is indexed from its buffer, which wins over the disk copy until it closes.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { Connection, FileEvent, TextDocuments } from 'vscode-languageserver';
import { FileChangeType } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { describeError } from '../service/analyze';
import type { AnalyzedDocument } from '../service/types';
import { FILE_NAME_PATTERNS, languageOfFileName, type FileFacts, type WorkspaceIndex } from '../service/workspace';
import { DEBOUNCE_MS } from './diagnostics';
import type { Log } from './guard';
import { factsOfText, readText, type IndexedFile } from './indexedFiles';
import type { IndexWorkerMessage, IndexWorkerRequest } from './indexWorker';
import { isInside, pathToUri, uriToPath } from './paths';

/** Never worth reading: dependencies and git's own store. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
/** A bound for a folder that is not a config repository (a home directory opened by mistake). */
export const MAX_INDEXED_FILES = 20_000;
/** The worker's bundle, beside the server's (esbuild.mjs). */
const WORKER_PATH = path.join(__dirname, 'indexWorker.js');
/**
 * Without the worker, files are analysed in slices of about this many milliseconds, with the
 * event loop free in between: a request waits at most one slice (plus one file).
 */
const SLICE_MS = 10;
/** Files read ahead of the one being analysed, so the disk and the parser overlap. */
const READ_AHEAD = 8;

const INDEXED_LANGUAGES = new Set<string>(FILE_NAME_PATTERNS.map((pattern) => pattern.languageId));

export interface WorkspaceIndexerOptions {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  index: WorkspaceIndex;
  /** The service's cached analysis, for open documents (their diagnostics reuse it). */
  analyze: (document: TextDocument) => AnalyzedDocument;
  log: Log;
  /** The facts of these files changed: other documents' cross-file findings may have too. */
  factsChanged: (uris: readonly string[]) => void;
  /** Starts the index worker; dist/indexWorker.js by default. */
  createWorker?: () => Worker;
}

type FactsReceived = (uri: string, facts: FileFacts | undefined) => void;

/** The index worker and what it said when it failed or stopped. */
interface RunningWorker {
  worker: Worker;
  stopped: Promise<string>;
}

export class WorkspaceIndexer {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Folder walks run one after the other: a second request waits for the first. */
  private queue: Promise<void> = Promise.resolve();
  private disposed = false;
  private worker: Worker | undefined;
  /**
   * Files indexed here (a buffer, a watcher event) while a walk runs: the walk read them
   * earlier, so its facts for them are stale when they arrive.
   */
  private indexedDuringWalk: Set<string> | undefined;

  constructor(private readonly options: WorkspaceIndexerOptions) {}

  static isIndexedLanguage(languageId: string): boolean {
    return INDEXED_LANGUAGES.has(languageId);
  }

  /** Reads every supported file under the folders; resolves when done (or disposed). */
  indexFolders(folders: readonly string[]): Promise<void> {
    this.queue = this.queue.then(() => this.walkAndIndex(folders)).catch((error: unknown) => this.options.log(`Indexing the workspace failed: ${describeError(error)}`));
    return this.queue;
  }

  /** A folder left the workspace: its files leave the index. */
  removeFolder(folder: string): void {
    const removed = this.options.index.uris().filter((uri) => {
      const filePath = uriToPath(uri);
      return filePath !== undefined && isInside(filePath, folder) && !this.isOpen(uri);
    });
    for (const uri of removed) this.remove(uri);
    if (removed.length > 0) this.options.factsChanged(removed);
  }

  /** An open document changed (or opened): index its buffer once edits pause. */
  documentChanged(document: TextDocument): void {
    if (!WorkspaceIndexer.isIndexedLanguage(document.languageId)) return;
    this.cancelTimer(document.uri);
    this.timers.set(
      document.uri,
      setTimeout(() => {
        this.timers.delete(document.uri);
        const current = this.options.documents.get(document.uri);
        if (!current) return;
        this.indexedDuringWalk?.add(canonicalFileUri(current.uri));
        if (this.options.index.update(current.uri, this.options.analyze(current))) this.options.factsChanged([current.uri]);
      }, DEBOUNCE_MS),
    );
  }

  /** The buffer closed: the disk copy (saved or not, perhaps gone) applies again. */
  async documentClosed(uri: string): Promise<void> {
    this.cancelTimer(uri);
    if (await this.reindexFromDisk(uri)) this.options.factsChanged([uri]);
  }

  /** `workspace/didChangeWatchedFiles`: files created, changed or deleted on disk. */
  async filesChanged(changes: readonly FileEvent[]): Promise<void> {
    const changed: string[] = [];
    for (const change of changes) {
      if (this.isOpen(change.uri)) continue;
      if (change.type === FileChangeType.Deleted) {
        // A deleted folder is reported as one event: its indexed files go with it.
        const gone = this.options.index.uris().filter((uri) => uri === change.uri || uri.startsWith(`${change.uri}/`));
        for (const uri of gone) if (this.remove(uri)) changed.push(uri);
      } else if (await this.reindexFromDisk(change.uri)) {
        changed.push(change.uri);
      }
    }
    if (changed.length > 0) this.options.factsChanged(changed);
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    void this.worker?.terminate();
  }

  private async walkAndIndex(folders: readonly string[]): Promise<void> {
    // Started first: it loads its code while the folders are walked.
    const worker = this.startWorker();
    const files: IndexedFile[] = [];
    for (const folder of folders) await this.collect(folder, files);
    if (files.length > MAX_INDEXED_FILES) {
      this.options.log(`The workspace holds ${files.length} supported files; only the first ${MAX_INDEXED_FILES} are indexed for cross-file checks.`);
      files.length = MAX_INDEXED_FILES;
    }
    const progress = await this.options.connection.window.createWorkDoneProgress();
    progress.begin('Exchange Ports: indexing the workspace', 0, `0/${files.length} files`, false);
    let done = 0;
    let reported = 0;
    const received: FactsReceived = (uri, facts) => {
      done++;
      // The open buffer is indexed from the editor, never replaced by the disk copy.
      if (this.disposed || facts === undefined || this.isOpen(uri) || this.indexedDuringWalk?.has(canonicalFileUri(uri))) return;
      this.options.index.updateFacts(uri, facts);
    };
    const report = () => {
      const percentage = Math.floor((done * 100) / files.length);
      if (percentage <= reported) return;
      reported = percentage;
      progress.report(percentage, `${done}/${files.length} files`);
    };
    this.indexedDuringWalk = new Set();
    try {
      const left = worker ? await this.indexInWorker(worker, files, received, report) : files;
      await this.indexHere(left, received, report);
    } finally {
      this.indexedDuringWalk = undefined;
      progress.done();
    }
    this.options.factsChanged([]);
  }

  private startWorker(): RunningWorker | undefined {
    let worker: Worker;
    try {
      worker = this.options.createWorker?.() ?? new Worker(WORKER_PATH);
    } catch (error) {
      this.options.log(`No index worker (${describeError(error)}): indexing in the server's thread.`);
      return undefined;
    }
    this.worker = worker;
    // Listened to at once: a worker that cannot load its script fails while the folders are walked.
    const stopped = new Promise<string>((resolve) => {
      worker.on('error', (error) => resolve(`failed (${describeError(error)})`));
      worker.on('exit', (code) => resolve(`stopped (exit code ${code})`));
    });
    return { worker, stopped };
  }

  /**
   * Sends the files to the worker thread and takes their facts as they come; resolves with the
   * files it did not index (those left when it fails) once it is done and told to go.
   */
  private indexInWorker({ worker, stopped }: RunningWorker, files: IndexedFile[], received: FactsReceived, report: () => void): Promise<IndexedFile[]> {
    return new Promise((resolve) => {
      let count = 0;
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        worker.removeAllListeners('message');
        void worker.terminate();
        this.worker = undefined;
        resolve(files.slice(count));
      };
      void stopped.then((reason) => {
        if (finished) return;
        this.options.log(`The index worker ${reason}: indexing the rest in the server's thread.`);
        finish();
      });
      if (this.disposed || files.length === 0) return finish();
      worker.on('message', (message: IndexWorkerMessage) => {
        if (message.kind === 'log') return this.options.log(message.message);
        for (const { uri, facts } of message.results) received(uri, facts);
        count += message.results.length;
        report();
        if (count >= files.length) finish();
      });
      worker.postMessage({ files } satisfies IndexWorkerRequest);
    });
  }

  /** The files in this thread, a slice at a time, reads running ahead of the analysis. */
  private async indexHere(files: IndexedFile[], received: FactsReceived, report: () => void): Promise<void> {
    const reads: (Promise<string | undefined> | undefined)[] = [];
    let sliceStart = performance.now();
    for (const [at, file] of files.entries()) {
      if (this.disposed) return;
      for (let ahead = at; ahead < Math.min(files.length, at + READ_AHEAD); ahead++) reads[ahead] ??= readText(files[ahead].filePath);
      const text = await reads[at];
      reads[at] = undefined;
      received(file.uri, text === undefined || this.isOpen(file.uri) ? undefined : factsOfText(file, text, this.options.log));
      if (performance.now() - sliceStart < SLICE_MS) continue;
      report();
      // Let hovers and edits in between: a large workspace must not freeze the editor.
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
    report();
  }

  private async collect(directory: string, files: IndexedFile[]): Promise<void> {
    let entries;
    try {
      entries = await fs.readdir(directory, { withFileTypes: true });
    } catch (error) {
      this.options.log(`Cannot read the folder ${directory}: ${describeError(error)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (files.length > MAX_INDEXED_FILES) return;
      const entryPath = path.join(directory, entry.name);
      // Symbolic links are not followed: a link back up the tree would never end.
      if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) await this.collect(entryPath, files);
      else if (entry.isFile()) {
        const languageId = languageOfFileName(entry.name);
        if (languageId) files.push({ uri: pathToUri(entryPath), filePath: entryPath, languageId });
      }
    }
  }

  /** Re-reads a closed file; true when its facts changed. */
  private async reindexFromDisk(uri: string): Promise<boolean> {
    const filePath = uriToPath(uri);
    const languageId = filePath ? languageOfFileName(filePath) : undefined;
    if (!filePath || !languageId) return false;
    const text = await readText(filePath);
    // Opened meanwhile: the buffer wins.
    if (this.isOpen(uri)) return false;
    if (text === undefined) return this.remove(uri);
    this.indexedDuringWalk?.add(canonicalFileUri(uri));
    return this.options.index.updateFacts(uri, factsOfText({ uri, filePath, languageId }, text, this.options.log));
  }

  private remove(uri: string): boolean {
    this.indexedDuringWalk?.add(canonicalFileUri(uri));
    return this.options.index.remove(uri);
  }

  private isOpen(uri: string): boolean {
    const key = canonicalFileUri(uri);
    return this.options.documents.all().some((document) => canonicalFileUri(document.uri) === key);
  }

  private cancelTimer(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }
}

/** One spelling of a file's URI whoever wrote it (VS Code: `file:///c%3A/…`, Node: `file:///C:/…`). */
export function canonicalFileUri(uri: string): string {
  const filePath = uriToPath(uri);
  if (filePath === undefined) return uri;
  const normal = pathToUri(filePath);
  return process.platform === 'win32' ? normal.toLowerCase() : normal;
}
