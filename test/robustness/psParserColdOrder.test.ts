// The PowerShell parser's lists of nodes recorded when they end (assignments, pipelines, assignment
// statements, script blocks) come out in source order as they are built, without a sort: an item
// goes in where the list ended when its node started. Source order is
// strict (an enclosing item, same start and longer, before the items inside it; no two items with
// the same span), so it is the one order a sort by position could give.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Span } from '../../server/src/parsers/common/model';
import { parsePowerShell } from '../../server/src/parsers/powershell/parser';
import { inputFor, params } from './support/fuzz';

const LISTS = ['assignments', 'pipelines', 'assignmentStatements', 'scriptBlocks'] as const;

/** Index of the first item out of strict source order, or -1. */
function outOfOrder(items: readonly { span: Span }[]): number {
  for (let i = 1; i < items.length; i++) {
    const a = items[i - 1].span;
    const b = items[i].span;
    if (!(a.start < b.start || (a.start === b.start && a.end > b.end))) return i;
  }
  return -1;
}

describe('PowerShell parser lists', () => {
  test('are in strict source order', () => {
    fc.assert(
      fc.property(inputFor('powershell'), (text) => {
        const script = parsePowerShell(text);
        for (const list of LISTS) assert.equal(outOfOrder(script[list]), -1, `${list} of ${JSON.stringify(text)}`);
      }),
      params(500),
    );
  });
});
