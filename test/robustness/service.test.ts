// The language service as a whole, on random and broken documents of every language: every feature
// answers (never throws) with well-formed LSP objects — ranges inside the document, start <= end,
// codes from the rule list, quick-fix edits on this document only and never overlapping.
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { mergeSettings } from '../../server/src/service/config';
import { createLanguageService } from '../../server/src/service/languageService';
import type { LanguageId, Settings } from '../../server/src/service/types';
import { inputFor, LANGUAGES, params, ShapeChecker } from './support/fuzz';

const failures: string[] = [];
const service = createLanguageService({ log: (message) => failures.push(message) });

const SETTINGS: Settings[] = [
  mergeSettings(),
  mergeSettings({ targetVersion: '2013', inlayHintsCmd: true, rules: { 'reg-syntax': 'off', 'invalid-port': 'error' } }),
  { ...mergeSettings({ staticPortRange: { min: 1, max: 65535 } }), role: { role: 'edge-transport', version: '2016' } },
];

let counter = 0;

/** Every feature, at the given offsets, each answer checked for shape. */
export function exercise(document: TextDocument, settings: Settings, offsets: readonly number[]): void {
  const shape = new ShapeChecker(document);
  const length = document.getText().length;
  const diagnostics = service.diagnostics(document, settings);
  shape.diagnostics(diagnostics);
  shape.symbols(service.documentSymbols(document));
  shape.folding(service.foldingRanges(document));
  shape.codeLenses(service.codeLenses(document, settings));
  const whole = { start: document.positionAt(0), end: document.positionAt(length) };
  shape.inlayHints(service.inlayHints(document, whole, settings));
  for (const diagnostic of diagnostics) shape.codeActions(service.codeActions(document, diagnostic.range, [diagnostic], settings));
  for (const raw of offsets) {
    const offset = length === 0 ? 0 : raw % (length + 1);
    const position = document.positionAt(offset);
    shape.hover(service.hover(document, position, settings));
    shape.completion(service.completion(document, position, settings));
    const range = { start: document.positionAt(Math.max(0, offset - 7)), end: position };
    shape.codeActions(service.codeActions(document, range, diagnostics, settings));
    shape.inlayHints(service.inlayHints(document, range, settings));
  }
}

function check(languageId: LanguageId, text: string, settingsIndex: number, offsets: number[]): void {
  counter += 1;
  const document = TextDocument.create(`file:///fuzz/${counter}.${languageId}`, languageId, 1, text);
  try {
    exercise(document, SETTINGS[settingsIndex], offsets);
  } finally {
    service.forget(document.uri);
  }
  // A rule or parser that throws is caught and logged: for the properties that is a failure too.
  if (failures.length > 0) throw new Error(`logged failures: ${failures.splice(0).join('\n')}`);
}

describe('every feature answers well-formed LSP objects, whatever the document', () => {
  for (const languageId of LANGUAGES) {
    test(languageId, () => {
      fc.assert(
        fc.property(inputFor(languageId), fc.nat(SETTINGS.length - 1), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (text, settingsIndex, offsets) =>
          check(languageId, text, settingsIndex, offsets),
        ),
        params(120),
      );
    });
  }

  test('a document in the wrong language: every parser reads every other format', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LANGUAGES), fc.constantFrom(...LANGUAGES), fc.nat(SETTINGS.length - 1), fc.array(fc.nat(), { maxLength: 4 }), (language, written, settingsIndex, offsets) => {
        fc.pre(language !== written);
        return fc.assert(fc.property(inputFor(written), (text) => check(language, text, settingsIndex, offsets)), { numRuns: 3 });
      }),
      params(40),
    );
  });
});
