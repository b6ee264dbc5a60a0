// Which files the checker reads, by name. The table (service/workspace.ts, shared with the server's
// workspace indexer) lists every format the project plans to support; a row takes effect once the
// service supports its language, so enabling a format later is a change in the service only.
import { isSupportedLanguage } from '../service/analyze';
import type { LanguageId } from '../service/types';
import { FILE_NAME_PATTERNS, languageOfFileName } from '../service/workspace';

export { FILE_NAME_PATTERNS, languageOfFileName };

/** The language to check a file as, or undefined when the service cannot check it (yet). */
export function checkedLanguageOf(fileName: string): LanguageId | undefined {
  const languageId = languageOfFileName(fileName);
  return languageId !== undefined && isSupportedLanguage(languageId) ? languageId : undefined;
}

/** For messages: the file names the checker reads today (`*.reg`). */
export function supportedFileNames(): string[] {
  return FILE_NAME_PATTERNS.filter((pattern) => isSupportedLanguage(pattern.languageId)).flatMap((pattern) => [
    ...(pattern.extensions ?? []).map((extension) => `*${extension}`),
    ...(pattern.baseNames ?? []),
  ]);
}
