import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseReg } from '../../../../server/src/parsers/reg/parser';
import { buildRegModel } from '../../../../server/src/parsers/reg/model';

const HEADER = 'Windows Registry Editor Version 5.00\r\n\r\n';

/** The problems as `code start-end` for compact assertions. */
function problemsOf(text: string): string[] {
  return parseReg(text).problems.map((p) => `${p.code} ${text.slice(p.start, p.end)}`);
}

describe('reg parser: headers', () => {
  test('accepts both headers', () => {
    assert.equal(parseReg('Windows Registry Editor Version 5.00\n').tree.header?.kind, 'regedit5');
    assert.equal(parseReg('REGEDIT4\n').tree.header?.kind, 'regedit4');
  });

  test('a header written in the wrong case is an error with a fix', () => {
    const text = 'windows registry editor version 5.00\n';
    const { problems } = parseReg(text);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].code, 'reg-syntax');
    assert.equal(problems[0].fixes?.[0].edits[0].newText, 'Windows Registry Editor Version 5.00');
  });

  test('a missing header is reported at the start and offers to insert it', () => {
    const text = '[HKEY_LOCAL_MACHINE\\SOFTWARE\\X]\r\n"a"="b"\r\n';
    const { problems, tree } = parseReg(text);
    assert.deepEqual(problems.map((p) => [p.code, p.start, p.end]), [['reg-syntax', 0, 0]]);
    assert.equal(problems[0].fixes?.[0].edits[0].newText, 'Windows Registry Editor Version 5.00\r\n\r\n');
    assert.equal(tree.keys.length, 1, 'the key is still parsed');
  });

  test('an unknown first line is reported', () => {
    assert.deepEqual(problemsOf('Registry Editor 6\n'), ['reg-syntax Registry Editor 6']);
  });

  test('a byte order mark handed over as a character is skipped', () => {
    assert.equal(parseReg('\uFEFFWindows Registry Editor Version 5.00\r\n').tree.header?.kind, 'regedit5');
  });

  test('an empty file has no header and no problem', () => {
    const result = parseReg('');
    assert.equal(result.tree.header, undefined);
    assert.deepEqual(result.problems, []);
  });
});

describe('reg parser: keys', () => {
  test('keys and key deletions carry their path spans', () => {
    const text = HEADER + '[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]\r\n[-HKEY_CURRENT_USER\\B]\r\n';
    const [a, b] = parseReg(text).tree.keys;
    assert.equal(a.path, 'HKEY_LOCAL_MACHINE\\SOFTWARE\\A');
    assert.equal(text.slice(a.pathSpan.start, a.pathSpan.end), a.path);
    assert.equal(a.deleted, false);
    assert.equal(b.path, 'HKEY_CURRENT_USER\\B');
    assert.equal(b.deleted, true);
  });

  test('an unclosed key bracket is an error with a fix', () => {
    const text = HEADER + '[HKEY_LOCAL_MACHINE\\SOFTWARE\\A\r\n';
    const { problems } = parseReg(text);
    assert.deepEqual(problems.map((p) => [p.code, p.message]), [['reg-syntax', 'The key has no closing `]`.']]);
    assert.equal(problems[0].fixes?.[0].edits[0].newText, ']');
  });

  test('a key span grows to its last value', () => {
    const text = HEADER + '[HKEY_LOCAL_MACHINE\\A]\r\n"x"="1"\r\n"y"="2"\r\n';
    const [key] = parseReg(text).tree.keys;
    assert.equal(text.slice(key.span.start, key.span.end), '[HKEY_LOCAL_MACHINE\\A]\r\n"x"="1"\r\n"y"="2"');
  });
});

describe('reg parser: values', () => {
  const key = HEADER + '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]\r\n';

  test('a dword with its type span and value', () => {
    const text = key + '"TCP/IP Port"=dword:0000e88c\r\n';
    const [value] = parseReg(text).tree.keys[0].values;
    assert.equal(value.name, 'TCP/IP Port');
    assert.equal(text.slice(value.nameSpan.start, value.nameSpan.end), 'TCP/IP Port');
    assert.equal(value.type, 'REG_DWORD');
    assert.deepEqual(value.data, { kind: 'number', value: 59532 });
    assert.equal(text.slice(value.dataSpan.start, value.dataSpan.end), 'dword:0000e88c');
    assert.equal(text.slice(value.typeSpan!.start, value.typeSpan!.end), 'dword:');
  });

  test('the type prefix is case-insensitive', () => {
    const [value] = parseReg(key + '"TCP/IP Port"=DWORD:0000E88C\r\n').tree.keys[0].values;
    assert.deepEqual(value.data, { kind: 'number', value: 59532 });
  });

  test('strings with \\\\ and \\" escapes', () => {
    const [value] = parseReg(key + '"Path"="C:\\\\Program Files\\\\\\"x\\""\r\n').tree.keys[0].values;
    assert.deepEqual(value.data, { kind: 'string', value: 'C:\\Program Files\\"x"' });
    assert.equal(value.type, 'REG_SZ');
  });

  test('a value name with escaped quotes', () => {
    const [value] = parseReg(key + '"a \\"b\\""="c"\r\n').tree.keys[0].values;
    assert.equal(value.name, 'a "b"');
  });

  test('the default value @', () => {
    const text = key + '@="default"\r\n';
    const [value] = parseReg(text).tree.keys[0].values;
    assert.equal(value.name, '');
    assert.equal(text.slice(value.nameSpan.start, value.nameSpan.end), '@');
  });

  test('value deletions', () => {
    const [value] = parseReg(key + '"TCP/IP Port"=-\r\n').tree.keys[0].values;
    assert.equal(value.deleted, true);
    assert.equal(value.type, undefined);
  });

  test('hex(7) multi-string over continuation lines, CRLF', () => {
    const text =
      HEADER +
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Rpc\\Internet]\r\n' +
      '"Ports"=hex(7):35,00,30,00,30,00,30,00,2d,00,35,00,31,00,30,00,30,00,00,00,\\\r\n' +
      '  36,00,30,00,30,00,30,00,00,00,00,00\r\n' +
      '"UseInternetPorts"="Y"\r\n';
    const { tree, problems } = parseReg(text);
    assert.deepEqual(problems, []);
    const [ports, use] = tree.keys[0].values;
    assert.equal(ports.type, 'REG_MULTI_SZ');
    assert.deepEqual(ports.data, { kind: 'strings', value: ['5000-5100', '6000'] });
    assert.ok(text.slice(ports.dataSpan.start, ports.dataSpan.end).endsWith('00,00,00'));
    assert.equal(use.name, 'UseInternetPorts', 'the line after the continuation is a new value');
  });

  test('hex(2) expandable string and LF line endings', () => {
    const text = 'Windows Registry Editor Version 5.00\n\n[HKEY_CURRENT_USER\\E]\n"P"=hex(2):25,00,41,00,25,00,00,00\n';
    const [value] = parseReg(text).tree.keys[0].values;
    assert.deepEqual(value.data, { kind: 'string', value: '%A%' });
    assert.equal(value.type, 'REG_EXPAND_SZ');
  });

  test('hex(4) is a little-endian dword and hex(b) a qword', () => {
    const [dword, qword] = parseReg(key + '"a"=hex(4):8c,e8,00,00\r\n"b"=hex(b):01,00,00,00,00,00,00,00\r\n').tree.keys[0].values;
    assert.deepEqual(dword.data, { kind: 'number', value: 59532 });
    assert.equal(dword.type, 'REG_DWORD');
    assert.deepEqual(qword.data, { kind: 'number', value: 1 });
    assert.equal(qword.type, 'REG_QWORD');
  });

  test('hex(0)…hex(b) map to their types; unnamed ones are REG_OTHER', () => {
    const types = ['hex(0)', 'hex(1)', 'hex(3)', 'hex:', 'hex(5)'].map(
      (prefix) => parseReg(key + `"v"=${prefix.endsWith(':') ? prefix : prefix + ':'}00\r\n`).tree.keys[0].values[0].type,
    );
    assert.deepEqual(types, ['REG_NONE', 'REG_SZ', 'REG_BINARY', 'REG_BINARY', 'REG_OTHER']);
  });

  test('REGEDIT4 hex strings are ANSI bytes', () => {
    const [value] = parseReg('REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\E]\r\n"P"=hex(2):41,42,00\r\n').tree.keys[0].values;
    assert.deepEqual(value.data, { kind: 'string', value: 'AB' });
  });

  test('comments are collected with their text', () => {
    const text = key + '; exchange-ports-disable-next-line static-port-out-of-range\r\n"TCP/IP Port"=dword:00000087\r\n';
    const { comments } = parseReg(text);
    assert.deepEqual(comments.map((c) => c.text), [' exchange-ports-disable-next-line static-port-out-of-range']);
  });
});

describe('reg parser: malformed values', () => {
  const key = HEADER + '[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]\r\n';

  test('an unterminated string', () => {
    assert.deepEqual(problemsOf(key + '"a"="unterminated\r\n'), ['reg-syntax "unterminated']);
  });

  test('an unterminated value name', () => {
    assert.deepEqual(problemsOf(key + '"a=dword:00000001\r\n'), ['reg-syntax "a=dword:00000001']);
  });

  test('an unknown type prefix', () => {
    assert.deepEqual(problemsOf(key + '"a"=qword:00000001\r\n'), ['reg-syntax qword:']);
  });

  test('bad hex', () => {
    assert.deepEqual(problemsOf(key + '"a"=hex:01,zz,03\r\n'), ['reg-syntax zz,03']);
  });

  test('a value before any key', () => {
    assert.deepEqual(problemsOf(HEADER + '"a"="b"\r\n'), ['reg-syntax "a"="b"']);
  });

  test('an unexpected line', () => {
    assert.deepEqual(problemsOf(key + 'hello\r\n'), ['reg-syntax hello']);
  });

  test('text after a string', () => {
    assert.deepEqual(problemsOf(key + '"a"="b" junk\r\n'), ['reg-syntax junk']);
  });

  test('a comment after data is allowed', () => {
    assert.deepEqual(problemsOf(key + '"a"=dword:00000001 ; note\r\n'), []);
  });
});

describe('reg parser: dword format', () => {
  const key = HEADER + '[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]\r\n';

  test('too few digits: error with a padding fix and a decimal reading', () => {
    const text = key + '"a"=dword:59532\r\n';
    const { problems } = parseReg(text);
    assert.deepEqual(problems.map((p) => [p.code, text.slice(p.start, p.end), p.message]), [
      ['reg-dword-format', '59532', '`dword:` must be followed by exactly 8 hex digits; `59532` has 5.'],
    ]);
    assert.deepEqual(
      problems[0].fixes?.map((f) => [f.title, f.edits[0].newText]),
      [
        ['Write it as 8 hex digits: 00059532 (= 365874)', '00059532'],
        ['Read 59532 as decimal: 0000e88c (= 59532)', '0000e88c'],
      ],
    );
  });

  test('non-hex digits', () => {
    assert.deepEqual(problemsOf(key + '"a"=dword:0000e8zz\r\n'), ['reg-dword-format 0000e8zz']);
  });

  test('no digits', () => {
    assert.deepEqual(problemsOf(key + '"a"=dword:\r\n'), ['reg-dword-format dword:']);
  });

  test('more than 32 bits', () => {
    assert.deepEqual(problemsOf(key + '"a"=dword:100000000\r\n'), ['reg-dword-format 100000000']);
  });
});

describe('reg model', () => {
  test('registry writes carry key, name, type, data and spans', () => {
    const text = HEADER + '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters]\r\n"RpcTcpPort"="59533"\r\n';
    const { model } = buildRegModel(text);
    assert.equal(model.registryWrites.length, 1);
    const [write] = model.registryWrites;
    assert.equal(write.keyPath, 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters');
    assert.equal(write.valueName, 'RpcTcpPort');
    assert.deepEqual(write.data, { kind: 'string', value: '59533' });
    assert.equal(text.slice(write.statementSpan.start, write.statementSpan.end), '"RpcTcpPort"="59533"');
  });

  test('port mentions: port-named dwords, strings that are ports and numbers in comments', () => {
    const text =
      HEADER +
      '; EdgeSync uses 50636, not 50389\r\n[HKEY_LOCAL_MACHINE\\A]\r\n"TCP/IP Port"=dword:0000e88c\r\n"Start"=dword:00000002\r\n' +
      '"q"="59533"\r\n"v"="5.00"\r\n"DisplayName"="Service 25"\r\n';
    const { model } = buildRegModel(text);
    assert.deepEqual(
      model.portMentions.map((m) => [m.port, text.slice(m.start, m.end)]),
      [
        [50636, '50636'],
        [50389, '50389'],
        [59532, 'dword:0000e88c'],
        [59533, '59533'],
      ],
    );
  });

  test('the editor rewrites data in the target type', () => {
    const text = HEADER + '[HKEY_LOCAL_MACHINE\\A]\r\n"p"="59532"\r\n';
    const { model } = buildRegModel(text);
    const edits = model.registryEditor!.setValue(model.registryWrites[0], 'REG_DWORD', 59532);
    assert.deepEqual(edits.map((e) => [text.slice(e.start, e.end), e.newText]), [['"59532"', 'dword:0000e88c']]);
  });

  test('moving a value removes its line and appends the right key with the file\'s line endings', () => {
    const text = HEADER + '[HKEY_LOCAL_MACHINE\\A]\r\n"p"=dword:0000e88c\r\n"q"="1"\r\n';
    const { model } = buildRegModel(text);
    const edits = model.registryEditor!.moveToKey(model.registryWrites[0], 'HKEY_LOCAL_MACHINE\\B');
    let result = text;
    for (const edit of [...edits].sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
    assert.equal(result, HEADER + '[HKEY_LOCAL_MACHINE\\A]\r\n"q"="1"\r\n\r\n[HKEY_LOCAL_MACHINE\\B]\r\n"p"=dword:0000e88c\r\n');
  });

  test('moving a value into a key the file already has appends it there', () => {
    const text = HEADER + '[HKEY_LOCAL_MACHINE\\A]\r\n"p"=dword:0000e88c\r\n\r\n[HKEY_LOCAL_MACHINE\\B]\r\n"z"="1"\r\n';
    const { model } = buildRegModel(text);
    const edits = model.registryEditor!.moveToKey(model.registryWrites[0], 'hkey_local_machine\\b');
    let result = text;
    for (const edit of [...edits].sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
    assert.equal(result, HEADER + '[HKEY_LOCAL_MACHINE\\A]\r\n\r\n[HKEY_LOCAL_MACHINE\\B]\r\n"z"="1"\r\n"p"=dword:0000e88c\r\n');
  });
});
