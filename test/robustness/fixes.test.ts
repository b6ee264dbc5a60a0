// No data lost: every quick fix and refactoring offered on the example and fixture files (as
// written, converted to CRLF and to LF, and randomly broken) edits only its own document, can be
// undone byte for byte, and inserts only the file's own line ending.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { mergeSettings } from '../../server/src/service/config';
import { createLanguageService } from '../../server/src/service/languageService';
import type { LanguageId } from '../../server/src/service/types';
import { CORPUS, LANGUAGES, mutatedCorpus, params, ShapeChecker } from './support/fuzz';

const service = createLanguageService();
const settings = { ...mergeSettings({ targetVersion: '2013' }), role: { role: 'edge-transport' as const, version: '2016' as const } };

let counter = 0;

/** Every action offered for every diagnostic, and at the start of every line. */
function actionsFor(document: TextDocument): CodeAction[] {
  const diagnostics = service.diagnostics(document, settings);
  const actions = diagnostics.flatMap((diagnostic) => service.codeActions(document, diagnostic.range, [diagnostic], settings));
  for (let line = 0; line < document.lineCount; line++) {
    const at = { line, character: 0 };
    actions.push(...service.codeActions(document, { start: at, end: at }, [], settings));
  }
  return actions;
}

/** The edits that turn the fixed text back into the original, computed from the original alone. */
function inverse(original: TextDocument, edits: readonly TextEdit[], fixed: TextDocument): TextEdit[] {
  const sorted = [...edits].sort((a, b) => original.offsetAt(a.range.start) - original.offsetAt(b.range.start));
  let shift = 0;
  return sorted.map((edit) => {
    const start = original.offsetAt(edit.range.start);
    const end = original.offsetAt(edit.range.end);
    const newStart = start + shift;
    shift += edit.newText.length - (end - start);
    return { range: { start: fixed.positionAt(newStart), end: fixed.positionAt(newStart + edit.newText.length) }, newText: original.getText().slice(start, end) };
  });
}

type LineEnding = 'crlf' | 'lf' | 'mixed';

function lineEndingOf(text: string): LineEnding | undefined {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const breaks = (text.match(/\r\n|\r|\n/g) ?? []).length;
  if (breaks === 0) return undefined;
  return crlf === breaks ? 'crlf' : crlf === 0 && !text.includes('\r') ? 'lf' : 'mixed';
}

/** Applies every action; returns how many edits were checked. */
function checkFixes(languageId: LanguageId, text: string): number {
  counter += 1;
  const document = TextDocument.create(`file:///fixes/${counter}.${languageId}`, languageId, 1, text);
  const ending = lineEndingOf(text);
  let checked = 0;
  try {
    const actions = actionsFor(document);
    new ShapeChecker(document).codeActions(actions);
    for (const action of actions) {
      const edits = action.edit?.changes?.[document.uri] ?? [];
      if (edits.length === 0) continue;
      const fixed = TextDocument.create(`${document.uri}.fixed`, languageId, 2, TextDocument.applyEdits(document, edits));
      assert.equal(TextDocument.applyEdits(fixed, inverse(document, edits, fixed)), text, `undo of "${action.title}"`);
      for (const edit of edits) {
        if (ending === 'crlf') assert.doesNotMatch(edit.newText, /\r(?!\n)|(?<!\r)\n/, `"${action.title}" inserts a bare CR or LF into a CRLF file`);
        if (ending === 'lf') assert.doesNotMatch(edit.newText, /\r/, `"${action.title}" inserts a CR into an LF file`);
      }
      checked += edits.length;
    }
  } finally {
    service.forget(document.uri);
  }
  return checked;
}

describe('quick fixes lose no data', () => {
  test('every fix on every example and fixture, as written, in CRLF and in LF', () => {
    let edits = 0;
    for (const file of CORPUS) {
      for (const text of [file.text, file.text.replace(/\r?\n/g, '\r\n'), file.text.replace(/\r\n/g, '\n')]) edits += checkFixes(file.languageId, text);
    }
    // The corpus offers fixes: a property that checks nothing would pass silently.
    assert.ok(edits > 50, `${edits} edits checked`);
  });

  for (const languageId of LANGUAGES) {
    test(`${languageId}: fixes on broken copies of the corpus`, () => {
      fc.assert(fc.property(mutatedCorpus(languageId, 3), fc.boolean(), (text, crlf) => void checkFixes(languageId, crlf ? text.replace(/\r?\n/g, '\r\n') : text)), params(25));
    });
  }
});
