import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { buildRegModel, rebuildRegModel, type RegDocument } from '../../../../server/src/parsers/reg/model';
import { changeBetween } from '../../../../server/src/service/incremental';

const TEXT = [
  'Windows Registry Editor Version 5.00',
  '',
  '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\A]',
  '"DisplayName"="Service \\"A\\""',
  '"Start"=dword:00000002',
  '"ImagePath"=hex(2):5c,00,53,00,79,00,\\',
  '  73,00,00,00',
  '; port 135 in a comment',
  '',
  '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]',
  '"TCP/IP Port"=dword:0000e88c',
  '',
  '[HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters]',
  '"RpcTcpPort"="59533"',
  '"Ports"=hex(7):35,00,30,00,30,00,30,00,00,00,00,00',
  '"bad"=dword:12',
  '',
  '[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Gone]',
  '"x"=-',
  '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Last]',
  '@="default"',
  '',
].join('\r\n');

/** Everything a parse yields, as plain data: lazily built values compare by what they answer. */
function snapshot({ tree, model }: RegDocument): unknown {
  return {
    header: tree.header,
    keys: tree.keys.map((key) => ({
      path: key.path,
      line: key.line,
      lineStart: key.lineStart,
      pathSpan: key.pathSpan,
      headerSpan: key.headerSpan,
      span: key.span,
      deleted: key.deleted,
      values: key.values.map((value) => ({
        name: value.name,
        nameSpan: value.nameSpan,
        typePrefix: value.typePrefix,
        typeSpan: value.typeSpan,
        type: value.type,
        data: value.data,
        dataSpan: value.dataSpan,
        span: value.span,
        deleted: value.deleted,
      })),
    })),
    writes: model.registryWrites.map((write) => ({ keyPath: write.keyPath, keySpan: write.keySpan, valueName: write.valueName, statementSpan: write.statementSpan })),
    problems: model.problems,
    comments: model.comments,
    portMentions: model.portMentions,
  };
}

const edit = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 12 }),
  insert: fc.array(fc.constantFrom('[', ']', '"', '\\', '\r\n', '\n', '\r', ';', ',', '=', '-', ':', 'dword:', 'hex(7):', '0', 'e', 'f', ' ', 'x', '@', '[HKEY_LOCAL_MACHINE\\X]\r\n'), { maxLength: 4 }).map((parts) => parts.join('')),
});

function apply(text: string, { at, remove, insert }: { at: number; remove: number; insert: string }): string {
  const start = at % (text.length + 1);
  return text.slice(0, start) + insert + text.slice(Math.min(text.length, start + remove));
}

describe('reg: incremental re-parse', () => {
  test('an edit inside one key re-reads that key and matches a full parse', () => {
    const previous = buildRegModel(TEXT);
    const text = TEXT.replace('dword:0000e88c', 'dword:0000e88d');
    const rebuilt = rebuildRegModel(previous, text, changeBetween(TEXT, text));
    assert.ok(rebuilt);
    assert.deepEqual(snapshot(rebuilt), snapshot(buildRegModel(text)));
  });

  test('an indented key read again keeps its indentation: its line still starts before the blanks', () => {
    const indented = TEXT.replace('\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Last]', '\r\n  [HKEY_LOCAL_MACHINE\\SOFTWARE\\Last]');
    const text = indented.replace('@="default"', '@="other"');
    const rebuilt = rebuildRegModel(buildRegModel(indented), text, changeBetween(indented, text));
    assert.ok(rebuilt);
    const last = rebuilt.tree.keys.at(-1);
    assert.equal(last?.lineStart, text.indexOf('  [HKEY_LOCAL_MACHINE\\SOFTWARE\\Last]'));
    assert.deepEqual(snapshot(rebuilt), snapshot(buildRegModel(text)));
  });

  test('an edit above the first key is left to a full parse', () => {
    const text = TEXT.replace('5.00', '5.0');
    assert.equal(rebuildRegModel(buildRegModel(TEXT), text, changeBetween(TEXT, text)), undefined);
  });

  test('any chain of edits gives what a full parse of each version gives', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        let text = TEXT;
        let document = buildRegModel(text);
        for (const change of edits) {
          const next = apply(text, change);
          document = rebuildRegModel(document, next, changeBetween(text, next)) ?? buildRegModel(next);
          text = next;
          assert.deepEqual(snapshot(document), snapshot(buildRegModel(text)));
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('changeBetween', () => {
  test('finds the one changed region, its tail never overlapping its head', () => {
    assert.deepEqual(changeBetween('abcdef', 'abXdef'), { start: 2, oldEnd: 3, newEnd: 3 });
    assert.deepEqual(changeBetween('aaaa', 'aaaaa'), { start: 4, oldEnd: 4, newEnd: 5 });
    assert.deepEqual(changeBetween('abc', 'abc'), { start: 3, oldEnd: 3, newEnd: 3 });
    const long = 'x'.repeat(10_000);
    assert.deepEqual(changeBetween(long + 'a' + long, long + long), { start: 10_000, oldEnd: 10_001, newEnd: 10_000 });
  });
});

describe('reg: port mentions in hex-encoded strings', () => {
  const header = 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\X]\r\n';
  const mentions = (line: string) => buildRegModel(header + line + '\r\n').model.portMentions.map((mention) => mention.port);

  test('a string that is only a port or a range is one, decoded from UTF-16LE bytes', () => {
    assert.deepEqual(mentions('"P"=hex(2):35,00,39,00,35,00,33,00,33,00,00,00'), [59533]);
    assert.deepEqual(mentions('"P"=hex(7):61,00,00,00,35,00,30,00,2d,00,36,00,30,00,00,00,00,00'), [50, 60]);
  });

  test('text around the digits, in every string of the list, makes it no port', () => {
    assert.deepEqual(mentions('"P"=hex(2):70,00,35,00,00,00'), []);
    assert.deepEqual(mentions('"P"=hex(7):61,00,35,00,00,00,35,00,62,00,00,00,00,00'), []);
  });
});

describe('reg: the value table of a long editing session', () => {
  test('re-parses add rows until twice the full parse plus 65,536; then a full parse starts a new table', () => {
    const values = Array.from({ length: 1000 }, (_, index) => `"v${index}"=dword:00000001`);
    const lines = ['Windows Registry Editor Version 5.00', '', '[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]', '"a"="1"', '', '[HKEY_LOCAL_MACHINE\\SOFTWARE\\B]', ...values, ''];
    let text = lines.join('\r\n');
    let document = buildRegModel(text);
    let edits = 0;
    for (;;) {
      // Each edit re-reads key B: its 1,000 values become 1,000 new rows.
      const next = text.includes('"v999"=dword:00000001') ? text.replace('"v999"=dword:00000001', '"v999"=dword:00000000') : text.replace('"v999"=dword:00000000', '"v999"=dword:00000001');
      const rebuilt = rebuildRegModel(document, next, changeBetween(text, next));
      text = next;
      edits++;
      if (!rebuilt) break;
      document = rebuilt;
    }
    // The full parse writes 1,001 rows; 2 × 1,001 + 65,536 allows 67 re-parses of 1,000 rows, not 68.
    assert.equal(edits, 68);
    const fresh = buildRegModel(text);
    const again = text.replace('"v999"=dword:00000001', '"v999"=dword:00000000');
    assert.notEqual(again, text);
    assert.ok(rebuildRegModel(fresh, again, changeBetween(text, again)));
  });
});
