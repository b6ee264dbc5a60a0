// A document built by incremental edits (as the server receives them: `TextDocument.update` with
// ranged changes, one version after another, each analysed in turn so the service can reuse the
// previous analysis) gives the same answers as the same text opened whole.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { mergeSettings } from '../../server/src/service/config';
import { createLanguageService } from '../../server/src/service/languageService';
import type { LanguageId } from '../../server/src/service/types';
import { WorkspaceIndex } from '../../server/src/service/workspace';
import { corpusOf, LANGUAGES, params, ShapeChecker } from './support/fuzz';

const settings = mergeSettings();
const failures: string[] = [];
// With a workspace index, so the cross-file rules and each file's facts are compared too; the
// whole text's copy (`….whole`) shows under the edited file's name.
const edited = createLanguageService({ log: (message) => failures.push(message), workspace: new WorkspaceIndex() });
const whole = createLanguageService({
  log: (message) => failures.push(message),
  workspace: new WorkspaceIndex({ displayName: (uri) => uri.slice(uri.lastIndexOf('/') + 1).replace(/\.whole$/, '') }),
});

interface Edit {
  at: number;
  removed: number;
  text: string;
}

const PIECES = ['"', '[', ']', '\\', '=', '\r\n', '\n', '\r', ' ', 'dword:0000e88c', '59532', '-A INPUT -p tcp --dport 135 -j ACCEPT\n', '{', '}', '(', ')', '`', '^', '$(', '@"', '\u0000', '\uD83D\uDE00', ';', '#'];

const editArb: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  removed: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 60 })),
  text: fc.oneof(fc.constant(''), fc.constantFrom(...PIECES), fc.string({ maxLength: 5 })),
});

/** One step of typing: several ranged changes in one `didChange`, as editors batch them. */
const stepArb = fc.array(editArb, { minLength: 1, maxLength: 3 });

function toChange(document: TextDocument, edit: Edit): TextDocumentContentChangeEvent {
  const length = document.getText().length;
  const start = length === 0 ? 0 : edit.at % (length + 1);
  const end = Math.min(length, start + edit.removed);
  return { range: { start: document.positionAt(start), end: document.positionAt(end) }, text: edit.text };
}

let counter = 0;

function answers(service: typeof edited, document: TextDocument) {
  const length = document.getText().length;
  const middle = document.positionAt(Math.floor(length / 2));
  return {
    diagnostics: service.diagnostics(document, settings),
    symbols: service.documentSymbols(document),
    folding: service.foldingRanges(document),
    hints: service.inlayHints(document, { start: document.positionAt(0), end: document.positionAt(length) }, settings),
    hover: service.hover(document, middle, settings),
  };
}

function replay(languageId: LanguageId, text: string, steps: Edit[][]): void {
  counter += 1;
  const uri = `file:///incremental/${counter}.${languageId}`;
  let document = TextDocument.create(uri, languageId, 1, text);
  edited.diagnostics(document, settings);
  try {
    for (const step of steps) {
      // Each change's range is relative to the text after the previous change of the same event.
      const changes: TextDocumentContentChangeEvent[] = [];
      let scratch = TextDocument.create(uri, languageId, 0, document.getText());
      for (const edit of step) {
        const change = toChange(scratch, edit);
        changes.push(change);
        scratch = TextDocument.update(scratch, [change], 0);
      }
      document = TextDocument.update(document, changes, document.version + 1);
      const fresh = TextDocument.create(`${uri}.whole`, languageId, document.version, document.getText());
      const incremental = answers(edited, document);
      new ShapeChecker(document).diagnostics(incremental.diagnostics);
      assert.deepEqual(incremental, answers(whole, fresh), `after version ${document.version}: ${JSON.stringify(document.getText())}`);
      whole.forget(fresh.uri);
    }
  } finally {
    edited.forget(uri);
  }
  if (failures.length > 0) throw new Error(`logged failures: ${failures.splice(0).join('\n')}`);
}

describe('incremental edits give the answers of the whole text', () => {
  for (const languageId of LANGUAGES) {
    test(languageId, () => {
      fc.assert(
        fc.property(fc.constantFrom(...corpusOf(languageId)), fc.array(stepArb, { minLength: 1, maxLength: 8 }), (file, steps) => replay(languageId, file.text, steps)),
        params(languageId === 'reg' ? 150 : 40),
      );
    });
  }
});
