import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  blanksEnd,
  endsGenericToken,
  isBlank,
  isDash,
  isDigit,
  isDoubleQuote,
  isLetter,
  isNameChar,
  isNewline,
  isPlainWordChar,
  isSingleQuote,
  plainWordEnd,
} from '../../../../server/src/parsers/powershell/chars';
import { params } from '../../../robustness/support/fuzz';

// The character classes as the language specification states them, one comparison at a time: the
// parser reads ASCII classes from a table, which must say the same for every UTF-16 code unit.
const plain = {
  isLetter: (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c > 127 && !isBlank(c) && !isDash(c) && !isDoubleQuote(c) && !isSingleQuote(c) && /\p{L}/u.test(String.fromCharCode(c))),
  isNameChar: (c: number) => plain.isLetter(c) || isDigit(c) || c === 95,
  isPlainWordChar: (c: number) =>
    c === -1
      ? false
      : c < 128
        ? c > 32 && ![34, 36, 38, 39, 40, 41, 44, 59, 93, 96, 123, 124, 125, 127].includes(c)
        : !isBlank(c) && !isNewline(c) && !isDoubleQuote(c) && !isSingleQuote(c),
  endsGenericToken: (c: number) => c === -1 || isBlank(c) || isNewline(c) || [38, 40, 41, 44, 59, 123, 124, 125].includes(c),
};

describe('PowerShell character classes', () => {
  test('the table of ASCII classes agrees with the plain definitions on every code unit and the end of input', () => {
    const fast = { isLetter, isNameChar, isPlainWordChar, endsGenericToken };
    for (const name of ['isLetter', 'isNameChar', 'isPlainWordChar', 'endsGenericToken'] as const) {
      const wrong: number[] = [];
      for (let c = -1; c <= 0xffff; c++) if (fast[name](c) !== plain[name](c)) wrong.push(c);
      assert.deepEqual(wrong, [], name);
    }
  });

  test('plainWordEnd and blanksEnd stop where a loop over the characters stops', () => {
    const unit = fc.constantFrom('a', 'Z', '0', '-', '_', '.', ':', '\\', '/', ' ', '\t', '\v', '\f', '\u00a0', '\u2003', '\n', '\r', '"', "'", '\u2018', '\u201c', '$', '`', '(', ')', ',', ';', '{', '}', '|', '&', ']', '#', 'é', '\u2013');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }).map((units) => units.join('')), fc.nat(30), fc.nat(30), (text, from, extra) => {
        const start = Math.min(from, text.length);
        const end = Math.min(start + extra, text.length);
        let word = start;
        while (word < end && isPlainWordChar(text.charCodeAt(word))) word++;
        let blanks = start;
        while (blanks < end && isBlank(text.charCodeAt(blanks))) blanks++;
        assert.equal(plainWordEnd(text, start, end), word);
        assert.equal(blanksEnd(text, start, end), blanks);
      }),
      params(300),
    );
  });
});
