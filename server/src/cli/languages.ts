// Which files the checker reads, by name. The table lists every format the project plans to
// support; a row takes effect once the service supports its language, so enabling PowerShell
// later is a change in the service only.
import { isSupportedLanguage } from '../service/analyze';
import type { LanguageId } from '../service/types';

interface FileNamePattern {
  languageId: LanguageId;
  /** Lower-case extensions, with the dot. */
  extensions?: string[];
  /** Lower-case exact base names, for files whose name says the format (`rules.v4`). */
  baseNames?: string[];
}

export const FILE_NAME_PATTERNS: readonly FileNamePattern[] = [
  { languageId: 'reg', extensions: ['.reg'] },
  { languageId: 'powershell', extensions: ['.ps1', '.psm1'] },
  { languageId: 'bat', extensions: ['.cmd', '.bat'] },
  { languageId: 'iptables', extensions: ['.iptables'], baseNames: ['rules.v4', 'rules.v6'] },
  { languageId: 'nftables', extensions: ['.nft'], baseNames: ['nftables.conf'] },
];

/** The language a file name implies, supported or not. */
export function languageOfFileName(fileName: string): LanguageId | undefined {
  const baseName = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1).toLowerCase();
  const dot = baseName.lastIndexOf('.');
  const extension = dot > 0 ? baseName.slice(dot) : '';
  const match = FILE_NAME_PATTERNS.find(
    (pattern) => pattern.baseNames?.includes(baseName) || (extension !== '' && pattern.extensions?.includes(extension)),
  );
  return match?.languageId;
}

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
