// PATH arguments → the files to check, in a stable order: arguments as given, directory entries
// sorted by name (code units, not locale), so two runs on the same tree print the same report.
import { readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LanguageId } from '../service/types';
import { checkedLanguageOf } from './languages';

/** Never worth searching: dependencies and git's own store. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

export interface FoundFile {
  /** Absolute. */
  path: string;
  languageId: LanguageId;
}

export interface WalkProblem {
  /** Absolute. */
  path: string;
  kind: 'unreadable' | 'unreadable-directory' | 'unsupported';
  /** `ENOENT: no such file or directory`; empty for `unsupported`. */
  reason: string;
}

export interface WalkResult {
  files: FoundFile[];
  problems: WalkProblem[];
}

export function findFiles(paths: readonly string[], cwd: string): WalkResult {
  const files: FoundFile[] = [];
  const problems: WalkProblem[] = [];
  const seenFiles = new Set<string>();
  // Real paths of directories already entered: a symlink back up the tree is entered once.
  const seenDirectories = new Set<string>();

  const addFile = (path: string, languageId: LanguageId) => {
    const real = realPathOf(path);
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    files.push({ path, languageId });
  };

  const walkDirectory = (directory: string) => {
    const real = realPathOf(directory);
    if (seenDirectories.has(real)) return;
    seenDirectories.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: directory, kind: 'unreadable-directory', reason: errorText(error) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(directory, entry.name);
      const languageId = checkedLanguageOf(entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = statSync(path);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch (error) {
          // A dangling link matters only where a file we would check should be.
          if (languageId) problems.push({ path, kind: 'unreadable', reason: errorText(error) });
          continue;
        }
      }
      if (isDirectory && !SKIPPED_DIRECTORIES.has(entry.name)) walkDirectory(path);
      else if (isFile && languageId) addFile(path, languageId);
    }
  };

  for (const argument of paths) {
    const path = resolve(cwd, argument);
    let stats: Stats;
    try {
      stats = statSync(path);
    } catch (error) {
      problems.push({ path, kind: 'unreadable', reason: errorText(error) });
      continue;
    }
    if (stats.isDirectory()) {
      walkDirectory(path);
      continue;
    }
    // Reading a FIFO or a device would block the run forever (or never end): regular files only.
    if (!stats.isFile()) {
      problems.push({ path, kind: 'unreadable', reason: 'not a regular file' });
      continue;
    }
    // A file named on the command line is one the user expects checked: say so when it cannot be.
    const languageId = checkedLanguageOf(path);
    if (languageId) addFile(path, languageId);
    else problems.push({ path, kind: 'unsupported', reason: '' });
  }
  return { files, problems };
}

function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** `ENOENT: no such file or directory` without the path Node repeats (the caller names the file). */
export function errorText(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    const message = error instanceof Error ? error.message : '';
    const reason = /^[A-Z]+: ([^,]+)/.exec(message)?.[1];
    return reason ? `${error.code}: ${reason}` : error.code;
  }
  return error instanceof Error ? error.message : String(error);
}
