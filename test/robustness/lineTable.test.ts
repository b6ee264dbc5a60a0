// Positions from the line table found with indexOf (`lineStarts`, `positionIn`) = what
// TextDocument.positionAt gives, for every mix of CRLF, LF and lone CR and every offset, in and
// out of the text; and the diagnostics' positionAt uses it for every format but .reg.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { positionAt } from '../../server/src/features/diagnostics';
import { lineStarts, positionIn } from '../../server/src/parsers/common/text';
import { analyzeDocument } from '../../server/src/service/analyze';
import { inputFor, params } from './support/fuzz';

const lineBreaks = fc.array(fc.constantFrom('a', 'bc', ' ', '\r\n', '\n', '\r', '\r\r\n', '\n\r'), { maxLength: 30 }).map((parts) => parts.join(''));

describe('line table', () => {
  test('lineStarts on a small example', () => {
    assert.deepEqual(lineStarts('a\r\nb\rc\n\nd'), [0, 3, 5, 7, 8]);
    assert.deepEqual(lineStarts(''), [0]);
    assert.deepEqual(lineStarts('\r'), [0, 1]);
  });

  test('positionIn = TextDocument.positionAt, every offset of any line-break mix', () => {
    fc.assert(
      fc.property(lineBreaks, (text) => {
        const document = TextDocument.create('file:///lines.txt', 'plaintext', 1, text);
        const starts = lineStarts(text);
        for (let offset = -2; offset <= text.length + 2; offset++) assert.deepEqual(positionIn(text, starts, offset), document.positionAt(offset), `offset ${offset}`);
      }),
      params(300),
    );
  });

  for (const languageId of ['powershell', 'bat', 'iptables', 'nftables'] as const) {
    test(`diagnostics' positionAt on ${languageId} = TextDocument.positionAt`, () => {
      fc.assert(
        fc.property(inputFor(languageId), fc.array(fc.nat(), { maxLength: 12 }), (text, picks) => {
          const document = TextDocument.create(`file:///lines.${languageId}`, languageId, 1, text);
          const doc = analyzeDocument(document, () => undefined);
          for (const offset of [...picks.map((pick) => pick % (text.length + 2)), text.length, 0]) assert.deepEqual(positionAt(doc, offset), document.positionAt(offset));
        }),
        params(100),
      );
    });
  }
});
