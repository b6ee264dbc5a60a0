// The service merges a document's own findings and its cross-file findings, each already in
// document order, instead of sorting them together: the merge gives exactly what the stable sort
// gives, the same objects in the same order, ties (same place, same rule) included.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { byPosition } from '../../server/src/features/diagnostics';
import { mergeByPosition } from '../../server/src/service/languageService';
import type { Finding } from '../../server/src/service/types';
import { params } from './support/fuzz';

/** Few places and rules, so that ties are common. */
const finding = fc
  .record({ start: fc.nat(6), length: fc.nat(2), ruleId: fc.constantFrom('invalid-port', 'ps-syntax', 'static-port-mismatch'), message: fc.string({ maxLength: 2 }) })
  .map(({ start, length, ruleId, message }): Finding => ({ ruleId, start, end: start + length, message }));
const sorted = fc.array(finding, { maxLength: 30 }).map((findings) => findings.sort(byPosition));

describe('mergeByPosition', () => {
  test('equals sorting both lists together (stable: the first list wins ties)', () => {
    fc.assert(
      fc.property(sorted, sorted, (own, crossFile) => {
        const merged = mergeByPosition(own, crossFile);
        const expected = [...own, ...crossFile].sort(byPosition);
        assert.equal(merged.length, expected.length);
        merged.forEach((item, index) => assert.equal(item, expected[index], `item ${index}`));
      }),
      params(300),
    );
  });
});
