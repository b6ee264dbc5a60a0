// What readers keep on command views (`viewMemo`) reads back as a plain map per view would give it:
// a memo's shared `empty` value (kept as a bit, not a slot) or any other value, for memos with and
// without an `empty`; after an edit, the views the re-parse keeps still hold their values, moved,
// and a shared `empty` value is never handed to a mover.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { commands, viewMemo, type PsCommandView } from '../../../../server/src/parsers/powershell/commands';
import { rebuildPowerShellModel } from '../../../../server/src/parsers/powershell/model';
import { parsePowerShell } from '../../../../server/src/parsers/powershell/parser';
import { params } from '../../../robustness/support/fuzz';

interface Derived {
  start: number;
}

const NOTHING: Derived[] = [];
const move = (values: Derived[], from: number, delta: number) => {
  assert.notEqual(values, NOTHING, 'a shared empty value is never moved');
  for (const value of values) if (value.start >= from) value.start += delta;
};
const moveOne = (value: Derived | null, from: number, delta: number) => {
  assert.notEqual(value, null, 'a shared empty value is never moved');
  if (value !== null && value.start >= from) value.start += delta;
};
const withEmptyList = viewMemo<Derived[]>(move, NOTHING);
const withNull = viewMemo<Derived | null>(moveOne, null);
const plain = viewMemo<Derived[]>(move);
const MEMOS = [withEmptyList, withNull, plain] as const;

/** A value for memo `memo` derived from `view`: its empty value, or offsets copied from the command. */
function valueFor(memo: number, view: PsCommandView, empty: boolean): Derived[] | Derived | null {
  const start = view.command.span.start;
  if (memo === 0) return empty ? NOTHING : [{ start }];
  if (memo === 1) return empty ? null : { start };
  return empty ? [] : [{ start }, { start: start + 1 }];
}

const LINES = 12;
const script = () => parsePowerShell(Array.from({ length: LINES }, (_, i) => `Get-Service svc${i}`).join('\n'));
const op = fc.record({ view: fc.nat(LINES - 1), memo: fc.nat(MEMOS.length - 1), empty: fc.boolean() });

describe('viewMemo', () => {
  test('reads back what was set last, per view and memo, as a map would', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const views = commands(script());
        const reference = new Map<string, unknown>();
        for (const { view, memo, empty } of ops) {
          const value = valueFor(memo, views[view], empty);
          (MEMOS[memo] as { set(view: PsCommandView, value: unknown): void }).set(views[view], value);
          reference.set(`${view}/${memo}`, value);
          for (let v = 0; v < LINES; v++) for (let m = 0; m < MEMOS.length; m++) assert.equal(MEMOS[m].get(views[v]), reference.get(`${v}/${m}`));
        }
      }),
      params(100),
    );
  });

  test('after an edit, the views kept hold their values, moved past the edit', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.nat(LINES - 1), fc.string({ unit: fc.constantFrom(' ', '#', 'x'), maxLength: 3 }), (ops, line, inserted) => {
        const previous = script();
        const views = commands(previous);
        const reference = new Map<PsCommandView, unknown[]>();
        for (const { view, memo, empty } of ops) {
          const value = valueFor(memo, views[view], empty);
          (MEMOS[memo] as { set(view: PsCommandView, value: unknown): void }).set(views[view], value);
          const row = reference.get(views[view]) ?? [undefined, undefined, undefined];
          row[memo] = value;
          reference.set(views[view], row);
        }
        const at = previous.text.split('\n').slice(0, line).join('\n').length + (line > 0 ? 1 : 0);
        const text = previous.text.slice(0, at) + inserted + previous.text.slice(at);
        const rebuilt = rebuildPowerShellModel(previous, text, { start: at, oldEnd: at, newEnd: at + inserted.length });
        if (rebuilt === undefined) return;
        for (const view of commands(rebuilt.script)) {
          const row = reference.get(view);
          for (let m = 0; m < MEMOS.length; m++) assert.equal(MEMOS[m].get(view), row?.[m], `memo ${m} of the view at ${view.command.span.start}`);
          if (row === undefined) continue;
          // Values were made at the command's old offset: moved with it, they sit at its new one.
          for (const value of row) {
            for (const derived of value === null || value === undefined ? [] : Array.isArray(value) ? value : [value]) {
              assert.ok(derived.start === view.command.span.start || derived.start === view.command.span.start + 1);
            }
          }
        }
      }),
      params(100),
    );
  });
});
