// Every parser, on random text, random bytes (through the CLI's decoder) and broken copies of the
// example and fixture files: it never throws, and every span in its tree and model lies inside the
// text it read (0 <= start <= end <= length), which is what lets features turn spans into ranges.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { decodeBytes } from '../../server/src/service/decode';
import type { LanguageId } from '../../server/src/service/types';
import { inputFor, LANGUAGES, params } from './support/fuzz';
import { assertSpansInside, PARSERS } from './support/parsers';

function parseAndCheck(languageId: LanguageId, text: string): void {
  assertSpansInside(PARSERS[languageId](text), text);
}

describe('parsers never throw and keep their spans inside the text', () => {
  for (const languageId of LANGUAGES) {
    test(`${languageId}: format tokens, corpus mutations, any UTF-16`, () => {
      fc.assert(fc.property(inputFor(languageId), (text) => parseAndCheck(languageId, text)), params(400));
    });

    test(`${languageId}: random bytes decoded as a file would be`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
          const decoded = decodeBytes(bytes);
          assert.equal(typeof decoded.text, 'string');
          assert.equal(decoded.binary, decoded.text.includes('\u0000'));
          parseAndCheck(languageId, decoded.text);
        }),
        params(200),
      );
    });
  }
});
