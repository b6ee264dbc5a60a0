// Keeps the workspace index current: every supported file of the workspace folders is read once at
// start-up (in the background, with work-done progress, yielding between files so requests are
// answered meanwhile), files changed on disk are
// re-read when the client's watcher reports them, and an open document is indexed from its buffer,
// which wins over the disk copy until it closes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Connection, FileEvent, TextDocuments } from 'vscode-languageserver';
import { FileChangeType } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument, describeError } from '../service/analyze';
import { decodeBytes } from '../service/decode';
import type { AnalyzedDocument, LanguageId } from '../service/types';
import { FILE_NAME_PATTERNS, factsOf, languageOfFileName, type FileFacts, type WorkspaceIndex } from '../service/workspace';
import { DEBOUNCE_MS } from './diagnostics';
import type { Log } from './guard';
import { isInside, pathToUri, uriToPath } from './paths';

/** Never worth reading: dependencies and git's own store. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
/** Registry exports and firewall configs are small; a larger file is generated data, not config. */
export const MAX_INDEXED_FILE_BYTES = 1024 * 1024;
/** A bound for a folder that is not a config repository (a home directory opened by mistake). */
export const MAX_INDEXED_FILES = 20_000;

const INDEXED_LANGUAGES = new Set<string>(FILE_NAME_PATTERNS.map((pattern) => pattern.languageId));

/** A file the indexer reads. */
interface IndexedFile {
  uri: string;
  filePath: string;
  languageId: LanguageId;
}

export interface WorkspaceIndexerOptions {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  index: WorkspaceIndex;
  /** The service's cached analysis, for open documents (their diagnostics reuse it). */
  analyze: (document: TextDocument) => AnalyzedDocument;
  log: Log;
  /** The facts of these files changed: other documents' cross-file findings may have too. */
  factsChanged: (uris: readonly string[]) => void;
}

export class WorkspaceIndexer {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Folder walks run one after the other: a second request waits for the first. */
  private queue: Promise<void> = Promise.resolve();
  private disposed = false;
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
  }

  private async walkAndIndex(folders: readonly string[]): Promise<void> {
    const files: IndexedFile[] = [];
    for (const folder of folders) await this.collect(folder, files);
    if (files.length > MAX_INDEXED_FILES) {
      this.options.log(`The workspace holds ${files.length} supported files; only the first ${MAX_INDEXED_FILES} are indexed for cross-file checks.`);
      files.length = MAX_INDEXED_FILES;
    }
    const progress = await this.options.connection.window.createWorkDoneProgress();
    progress.begin('Exchange Ports: indexing the workspace', 0, `0/${files.length} files`, false);
    let reported = 0;
    this.indexedDuringWalk = new Set();
    try {
      for (const [done, file] of files.entries()) {
        if (this.disposed) return;
        // The open buffer is indexed from the editor, never replaced by the disk copy; a file
        // indexed meanwhile (a buffer, a watcher event) is newer than the disk copy the walk found.
        const text = this.isOpen(file.uri) || this.indexedDuringWalk.has(canonicalFileUri(file.uri)) ? undefined : readText(file.filePath);
        if (text !== undefined) this.options.index.updateFacts(file.uri, factsOfText(file, text, this.options.log));
        const percentage = Math.floor(((done + 1) * 100) / files.length);
        if (percentage > reported) {
          reported = percentage;
          progress.report(percentage, `${done + 1}/${files.length} files`);
        }
        // Let hovers and edits in between: a large workspace must not freeze the editor.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      this.indexedDuringWalk = undefined;
      progress.done();
    }
    this.options.factsChanged([]);
  }

  private async collect(directory: string, files: IndexedFile[]): Promise<void> {
    let entries;
    try {
      entries = await fs.promises.readdir(directory, { withFileTypes: true });
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
    // An open document is indexed from its buffer.
    if (!filePath || !languageId || this.isOpen(uri)) return false;
    const text = readText(filePath);
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

/**
 * The file's text, or undefined when it is missing, too large, not a regular file or binary.
 * Read synchronously: the index reads small files, and each of the four thread-pool round trips
 * of an asynchronous read cost more main-thread time than the whole read (measured: 500 files,
 * 120 ms against 40). Non-blocking open: a FIFO put where a file was listed must not hang the
 * server waiting for a writer.
 */
function readText(filePath: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(filePath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const stats = fs.fstatSync(fd);
    if (!stats.isFile() || stats.size > MAX_INDEXED_FILE_BYTES) return undefined;
    const bytes = Buffer.allocUnsafe(stats.size);
    const read = fs.readSync(fd, bytes, 0, stats.size, 0);
    const decoded = decodeBytes(bytes.subarray(0, read));
    return decoded.binary ? undefined : decoded.text;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function factsOfText(file: IndexedFile, text: string, log: Log): FileFacts {
  return factsOf(analyzeDocument(TextDocument.create(file.uri, file.languageId, 0, text), log));
}
