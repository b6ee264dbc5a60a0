// Finds, reads and watches `.exchange-ports.json`. The nearest file to a document wins, searched
// from the document's folder up to its workspace folder (a document outside every workspace folder
// looks only in its own folder, so a stray file in a home directory does not apply).
// An open editor buffer of the file is read instead of the disk, so problems show while typing;
// otherwise the disk entry is reused while its size and mtime are unchanged, which keeps clients
// that cannot watch files correct too.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { CONFIG_FILE_NAME, parseConfigFile, type ParsedConfig } from '../service/config';
import { decodeBytes } from '../service/decode';
import { isInside, pathToUri, samePath, uriToPath } from './paths';

export interface ConfigEntry {
  path: string;
  parsed: ParsedConfig;
  /** What the parse was made from: `disk <size> <mtime>` or `buffer <version>`. */
  stamp: string;
}

export interface ConfigFilesOptions {
  documents: TextDocuments<TextDocument>;
  workspaceFolders: () => readonly string[];
  publish: (uri: string, diagnostics: Diagnostic[]) => void;
}

const SOURCE = 'exchange-ports';

export class ConfigFiles {
  private readonly entries = new Map<string, ConfigEntry>();

  constructor(private readonly options: ConfigFilesOptions) {}

  static isConfigUri(uri: string): boolean {
    const filePath = uriToPath(uri);
    return filePath !== undefined && path.basename(filePath) === CONFIG_FILE_NAME;
  }

  /** The config that applies to a document, or undefined when none exists or it is not on disk. */
  forDocument(uri: string): ConfigEntry | undefined {
    const documentPath = uriToPath(uri);
    if (!documentPath) return undefined;
    const root = this.workspaceRootOf(documentPath);
    for (let folder = path.dirname(documentPath); ; folder = path.dirname(folder)) {
      const entry = this.load(path.join(folder, CONFIG_FILE_NAME));
      if (entry) return entry;
      if (!root || samePath(folder, root) || path.dirname(folder) === folder) return undefined;
    }
  }

  /**
   * Reads (or re-reads, when its source changed) the config at `filePath`; publishes its problems
   * whenever it is parsed afresh and clears them when the file disappears.
   */
  load(filePath: string): ConfigEntry | undefined {
    const source = this.currentSource(filePath);
    const cached = this.entries.get(filePath);
    if (!source) {
      if (cached) {
        this.entries.delete(filePath);
        this.options.publish(pathToUri(filePath), []);
      }
      return undefined;
    }
    if (cached && cached.stamp === source.stamp) return cached;
    const text = source.read();
    if (text === undefined) return undefined;
    const entry: ConfigEntry = { path: filePath, parsed: parseConfigFile(text), stamp: source.stamp };
    this.entries.set(filePath, entry);
    this.options.publish(source.uri, problemsAsDiagnostics(source.uri, text, entry.parsed));
    return entry;
  }

  /** Loads the config at each workspace folder's root, so its problems show before any document opens. */
  loadWorkspaceRoots(): void {
    for (const folder of this.options.workspaceFolders()) this.load(path.join(folder, CONFIG_FILE_NAME));
  }

  private currentSource(filePath: string): { stamp: string; uri: string; read: () => string | undefined } | undefined {
    const open = this.options.documents.all().find((document) => {
      const documentPath = uriToPath(document.uri);
      return documentPath !== undefined && samePath(documentPath, filePath);
    });
    if (open) return { stamp: `buffer ${open.version}`, uri: open.uri, read: () => open.getText() };
    let stats: fs.Stats;
    try {
      stats = fs.statSync(filePath);
    } catch {
      return undefined;
    }
    if (!stats.isFile()) return undefined;
    return {
      stamp: `disk ${stats.size} ${stats.mtimeMs}`,
      uri: pathToUri(filePath),
      read: () => {
        try {
          return decodeBytes(fs.readFileSync(filePath)).text;
        } catch {
          return undefined;
        }
      },
    };
  }

  private workspaceRootOf(documentPath: string): string | undefined {
    // The innermost folder wins when workspace folders nest.
    return this.options
      .workspaceFolders()
      .filter((folder) => isInside(documentPath, folder))
      .sort((a, b) => b.length - a.length)[0];
  }
}

function problemsAsDiagnostics(uri: string, text: string, parsed: ParsedConfig): Diagnostic[] {
  const document = TextDocument.create(uri, 'json', 0, text);
  return parsed.problems.map((problem) => ({
    range: { start: document.positionAt(problem.start), end: document.positionAt(problem.end) },
    severity: problem.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: SOURCE,
    message: problem.message,
  }));
}
