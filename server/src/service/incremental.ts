// Re-analysis after an edit: what changed between two versions of a document, and for the formats
// that can, a new analysis built from the previous one instead of from scratch. A one-character
// edit in a 10 MB export then re-reads one key, not 200,000 lines.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { detectEol } from '../parsers/common/text';
import { rebuildPowerShellModel } from '../parsers/powershell/model';
import { rebuildRegModel } from '../parsers/reg/model';
import type { TextChange } from '../parsers/reg/parser';
import { isBinary } from '../rules/binary-content';
import type { AnalyzedDocument } from './types';

/** Long stretches compare as substrings (a memory comparison), the last one character by character. */
const CHUNK = 4096;

/** The one region where `before` and `after` differ, as the edit that turns one into the other. */
export function changeBetween(before: string, after: string): TextChange {
  const limit = Math.min(before.length, after.length);
  let start = 0;
  while (start + CHUNK <= limit && before.slice(start, start + CHUNK) === after.slice(start, start + CHUNK)) start += CHUNK;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // The common tail may not reach into the common head.
  const tailLimit = limit - start;
  let tail = 0;
  while (tail + CHUNK <= tailLimit && before.slice(before.length - tail - CHUNK, before.length - tail) === after.slice(after.length - tail - CHUNK, after.length - tail)) tail += CHUNK;
  while (tail < tailLimit && before.charCodeAt(before.length - tail - 1) === after.charCodeAt(after.length - tail - 1)) tail++;
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}

/** The languages whose new versions are analysed from the previous one (not always: see reanalyze). */
export function analysedIncrementally(languageId: string): boolean {
  return languageId === 'reg' || languageId === 'powershell';
}

/**
 * `document` analysed from `previous` (an older version of the same document), or undefined when
 * its format has no incremental path or the change needs a full parse. `previous` is consumed.
 */
export function reanalyze(previous: AnalyzedDocument, document: TextDocument): AnalyzedDocument | undefined {
  const format = previous.syntax.format;
  if (!analysedIncrementally(format) || document.languageId !== format || previous.languageId !== format) return undefined;
  const text = document.getText();
  const change = changeBetween(previous.text, text);
  // The previous text was parsed, so it held no NUL: only the inserted text can bring one.
  if (isBinary(text.slice(change.start, change.newEnd))) return undefined;
  const base = { textDocument: document, text, eol: detectEol(text) };
  if (previous.syntax.format === 'powershell') {
    // A script re-parsed from the top-level statements the edit reaches; its model read again.
    const rebuilt = rebuildPowerShellModel(previous.syntax.tree, text, change);
    return rebuilt && { ...base, languageId: 'powershell', model: rebuilt.model, syntax: { format: 'powershell', tree: rebuilt.script } };
  }
  if (previous.syntax.format !== 'reg') return undefined; // narrows the type: checked above
  const rebuilt = rebuildRegModel({ tree: previous.syntax.tree, model: previous.model }, text, change);
  return rebuilt && { ...base, languageId: 'reg', model: rebuilt.model, syntax: { format: 'reg', tree: rebuilt.tree } };
}
