// What the workspace indexer reads of a file, wherever it runs (the server's thread or its
// index worker): the text, unless the file is missing, too large or binary, and its facts.
import * as fs from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from '../service/analyze';
import { decodeBytes } from '../service/decode';
import type { LanguageId } from '../service/types';
import { factsOf, type FileFacts } from '../service/workspace';
import type { Log } from './guard';

/** Registry exports and firewall configs are small; a larger file is generated data, not config. */
export const MAX_INDEXED_FILE_BYTES = 1024 * 1024;

/** A file the indexer reads. */
export interface IndexedFile {
  uri: string;
  filePath: string;
  languageId: LanguageId;
}

function textOf(bytes: Uint8Array): string | undefined {
  const decoded = decodeBytes(bytes);
  return decoded.binary ? undefined : decoded.text;
}

/** The file's text, or undefined when it is missing, too large or binary. */
export async function readText(filePath: string): Promise<string | undefined> {
  try {
    const stats = await fsPromises.stat(filePath);
    if (!stats.isFile() || stats.size > MAX_INDEXED_FILE_BYTES) return undefined;
    return textOf(await fsPromises.readFile(filePath));
  } catch {
    return undefined;
  }
}

/** readText for the index worker, whose blocking reads hold up nobody. */
export function readTextNow(filePath: string): string | undefined {
  try {
    const stats = fs.statSync(filePath);
    if (!stats.isFile() || stats.size > MAX_INDEXED_FILE_BYTES) return undefined;
    return textOf(fs.readFileSync(filePath));
  } catch {
    return undefined;
  }
}

export function factsOfText(file: IndexedFile, text: string, log: Log): FileFacts {
  return factsOf(analyzeDocument(TextDocument.create(file.uri, file.languageId, 0, text), log));
}
