// Test helpers at the service boundary: documents inline, findings as compact strings
// `<rule-id> <severity> <line>:<col>-<line>:<col>` (1-based lines and columns, as an editor shows them).
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { mergeSettings, type PartialSettings } from '../../../server/src/service/config';
import { createLanguageService } from '../../../server/src/service/languageService';
import type { LanguageId, Settings } from '../../../server/src/service/types';

export const service = createLanguageService();

let documentCounter = 0;

export function documentOf(languageId: LanguageId, text: string): TextDocument {
  documentCounter += 1;
  return TextDocument.create(`file:///test/${documentCounter}.${languageId}`, languageId, 1, text);
}

export function settingsWith(partial: PartialSettings = {}): Settings {
  return mergeSettings(partial);
}

/** The findings of `text` as compact strings, sorted by position. */
export function findingsOf(languageId: LanguageId, text: string, partial: PartialSettings = {}): string[] {
  const document = documentOf(languageId, text);
  return service.diagnostics(document, settingsWith(partial)).map((diagnostic) => {
    const { start, end } = diagnostic.range;
    const severity = ['', 'error', 'warning', 'information', 'hint'][diagnostic.severity ?? 0];
    return `${String(diagnostic.code)} ${severity} ${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}`;
  });
}

/** Asserts exactly these findings (order by position). */
export function check(languageId: LanguageId, text: string, expected: string[], partial: PartialSettings = {}): void {
  assert.deepEqual(findingsOf(languageId, text, partial), expected);
}

/** The findings of one rule only, with messages: for tests that pin the wording. */
export function messagesOf(languageId: LanguageId, text: string, ruleId: string, partial: PartialSettings = {}): string[] {
  const document = documentOf(languageId, text);
  return service
    .diagnostics(document, settingsWith(partial))
    .filter((diagnostic) => diagnostic.code === ruleId)
    .map((diagnostic) => (typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value));
}

/** Splits `text` at the `|` cursor marker: the document without it and the cursor position. */
export function withCursor(languageId: LanguageId, marked: string): { document: TextDocument; position: Position } {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'the text needs a | cursor marker');
  const document = documentOf(languageId, marked.slice(0, offset) + marked.slice(offset + 1));
  return { document, position: document.positionAt(offset) };
}

/** Applies the edits of the first code action titled `title` for the finding of `ruleId`, returns the new text. */
export function applyFix(languageId: LanguageId, text: string, ruleId: string, title: string | RegExp, partial: PartialSettings = {}): string {
  const document = documentOf(languageId, text);
  const settings = settingsWith(partial);
  const diagnostic = service.diagnostics(document, settings).find((d) => d.code === ruleId);
  assert.ok(diagnostic, `no ${ruleId} finding`);
  const actions = service.codeActions(document, diagnostic.range, [diagnostic], settings);
  const action = actions.find((a) => (typeof title === 'string' ? a.title === title : title.test(a.title)));
  assert.ok(action, `no action ${String(title)} among: ${actions.map((a) => a.title).join(' | ')}`);
  const edits = action.edit?.changes?.[document.uri] ?? [];
  return TextDocument.applyEdits(document, edits);
}
