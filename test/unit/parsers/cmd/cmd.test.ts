import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { OffsetEdit, Span } from '../../../../server/src/parsers/common/model';
import { buildCmdModel } from '../../../../server/src/parsers/cmd/model';
import { parseCmd } from '../../../../server/src/parsers/cmd/parser';
import { expandRegistryHive } from '../../../../server/src/parsers/cmd/regCommand';
import { assertSpansInside } from '../../support/spans';

function slice(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

function applyEdits(text: string, edits: OffsetEdit[]): string {
  return [...edits].sort((a, b) => b.start - a.start).reduce((result, edit) => result.slice(0, edit.start) + edit.newText + result.slice(edit.end), text);
}

/** Each command as `name | arg | arg`, with argument values. */
function outline(text: string): string[] {
  return parseCmd(text).commands.map((command) => [command.name, ...command.args.map((arg) => arg.value)].join(' | '));
}

function writes(text: string): string[] {
  return buildCmdModel(text).model.registryWrites.map((write) =>
    [write.keyPath, write.valueName, write.type ?? 'deleted', JSON.stringify(write.data), `key=${slice(text, write.keySpan)}`, `name=${slice(text, write.nameSpan)}`, `data=${slice(text, write.dataSpan)}`].join(' | '),
  );
}

function ports(text: string): string[] {
  return buildCmdModel(text).model.portMentions.map((mention) => `${mention.port}@${slice(text, mention)}${mention.written ? ` (${mention.written})` : ''}`);
}

const FIXTURES = join(__dirname, '../../../fixtures/cmd');
const fixtures = readdirSync(FIXTURES).map((name) => ({ name, text: readFileSync(join(FIXTURES, name), 'utf8') }));

describe('cmd lines and commands', () => {
  test('REM, @REM and :: comments, without their markers', () => {
    const text = '@echo off\nREM first\n@rem second & not a command\n:: third\n:label\nrem.fourth';
    const { comments, commands } = parseCmd(text);
    assert.deepEqual(
      comments.map((comment) => [comment.text, slice(text, comment.span)]),
      [
        ['first', 'REM first'],
        ['second & not a command', 'rem second & not a command'],
        ['third', ':: third'],
        ['fourth', 'rem.fourth'],
      ],
    );
    assert.deepEqual(commands.map((command) => command.name), ['echo']);
  });

  test('^ joins lines and escapes characters', () => {
    const text = 'netsh advfirewall firewall add rule ^\n  name="RPC" ^\r\n  localport=135\necho a^&b';
    assert.deepEqual(outline(text), ['netsh | advfirewall | firewall | add | rule | name=RPC | localport=135', 'echo | a&b']);
    const localPort = parseCmd(text).commands[0].args[5];
    assert.deepEqual(localPort.span, { start: 56, end: 69 });
    assert.equal(slice(text, localPort.span), 'localport=135');
  });

  test('&, &&, ||, | and parenthesised blocks separate commands; redirections are not arguments', () => {
    assert.deepEqual(outline('net stop A && net start A || echo failed & echo done | more\nif errorlevel 1 (\n  reg query X >nul 2>&1\n) else (echo ok)'), [
      'net | stop | A',
      'net | start | A',
      'echo | failed',
      'echo | done',
      'more',
      'reg | query | X',
      'echo | ok',
    ]);
  });

  test('if and for prefixes are skipped to reach the command', () => {
    assert.deepEqual(outline('if /i "%1"=="force" reg add X /f\nif not exist "C:\\a b" echo missing\nfor %%p in (135 59532) do netsh x localport=%%p'), [
      'reg | add | X | /f',
      'echo | missing',
      'netsh | x | localport=%p',
    ]);
  });

  test('set VAR=value expands %VAR% on later lines only', () => {
    const text = 'echo %PORT%\nset PORT=59532\nset "KEY=HKLM\\SYSTEM\\X Y"\necho %PORT% "%KEY%" %SystemRoot% 100%%';
    assert.deepEqual(outline(text), ['echo | %PORT%', 'set | PORT=59532', 'set | KEY=HKLM\\SYSTEM\\X Y', 'echo | 59532 | HKLM\\SYSTEM\\X Y | %SystemRoot% | 100%']);
    assert.deepEqual(
      parseCmd(text).variables.map((variable) => [variable.name, variable.value, variable.valueSpan && slice(text, variable.valueSpan)]),
      [
        ['PORT', '59532', '59532'],
        ['KEY', 'HKLM\\SYSTEM\\X Y', 'HKLM\\SYSTEM\\X Y'],
      ],
    );
  });

  test('a line whose expansion would pass cmd.exe\'s 8191 characters is left as written: doubling a variable stays linear', () => {
    const text = ['set A=xxxxxxxx', ...Array.from({ length: 40 }, () => 'set A=%A%%A%'), 'echo %A%'].join('\n');
    const { variables, commands } = parseCmd(text);
    // 8 × 2^9 = 4096 characters twice, with the line around them, no longer fits in 8191.
    assert.equal(variables[9].value.length, 8 * 2 ** 9);
    assert.equal(variables[10].value, '%A%%A%');
    assert.ok(commands.every((command) => command.args.every((arg) => arg.value.length <= 8191)));
  });

  test('an unclosed block is reported', () => {
    assert.deepEqual(parseCmd('if exist x (\n  echo a\n').problems, [{ start: 11, end: 12, code: 'cmd-syntax', message: "This '(' block is never closed with ')'." }]);
  });
});

describe('reg add / reg delete', () => {
  test('reg add with /v /t /d, quoted names with spaces', () => {
    const text = 'reg add "HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem" /v "TCP/IP Port" /t REG_DWORD /d 59532 /f';
    assert.deepEqual(writes(text), [
      'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem | TCP/IP Port | REG_DWORD | {"kind":"number","value":59532} | key=HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem | name=TCP/IP Port | data=59532',
    ]);
    assert.deepEqual(buildCmdModel(text).model.registryWrites[0].statementSpan, { start: 0, end: text.length });
  });

  test('default type REG_SZ, /ve, hex DWORD, multi-string and unknown types', () => {
    const text = [
      'reg add HKLM\\A /v RpcTcpPort /d 59533 /f',
      'reg add HKCU\\B /ve /d "x" /f',
      'REG.EXE add HKLM\\C /v P /t REG_DWORD /d 0xE88C /f',
      'reg add HKLM\\D /v M /t REG_MULTI_SZ /d a\\0b /f',
      'reg add HKLM\\E /v X /t REG_DWROD /d 1 /f',
      'reg add HKLM\\F /f',
    ].join('\n');
    assert.deepEqual(writes(text), [
      'HKEY_LOCAL_MACHINE\\A | RpcTcpPort | REG_SZ | {"kind":"string","value":"59533"} | key=HKLM\\A | name=RpcTcpPort | data=59533',
      'HKEY_CURRENT_USER\\B |  | REG_SZ | {"kind":"string","value":"x"} | key=HKCU\\B | name=/ve | data="x"',
      'HKEY_LOCAL_MACHINE\\C | P | REG_DWORD | {"kind":"number","value":59532} | key=HKLM\\C | name=P | data=0xE88C',
      'HKEY_LOCAL_MACHINE\\D | M | REG_MULTI_SZ | {"kind":"strings","value":["a","b"]} | key=HKLM\\D | name=M | data=a\\0b',
      'HKEY_LOCAL_MACHINE\\E | X | REG_OTHER | {"kind":"invalid"} | key=HKLM\\E | name=X | data=1',
    ]);
    assert.deepEqual(buildCmdModel(text).model.problems.map((problem) => [problem.code, slice(text, problem)]), [['cmd-syntax', 'REG_DWROD']]);
  });

  test('reg delete /v is a deletion; a key delete has no value write', () => {
    assert.deepEqual(writes('reg delete "HKLM\\X" /v "TCP/IP Port" /f\nreg delete HKLM\\X /f'), [
      'HKEY_LOCAL_MACHINE\\X | TCP/IP Port | deleted | {"kind":"invalid"} | key=HKLM\\X | name=TCP/IP Port | data="TCP/IP Port"',
    ]);
  });

  test('variables from set lines reach the write', () => {
    const text = 'set PORT=59532\nreg add HKLM\\X /v "TCP/IP Port" /t REG_DWORD /d %PORT% /f';
    assert.deepEqual(writes(text), ['HKEY_LOCAL_MACHINE\\X | TCP/IP Port | REG_DWORD | {"kind":"number","value":59532} | key=HKLM\\X | name=TCP/IP Port | data=%PORT%']);
  });

  test('hive names expand; a remote machine prefix is dropped', () => {
    assert.equal(expandRegistryHive('hklm\\SYSTEM\\'), 'HKEY_LOCAL_MACHINE\\SYSTEM');
    assert.equal(expandRegistryHive('\\\\CAS01\\HKLM\\SYSTEM'), 'HKEY_LOCAL_MACHINE\\SYSTEM');
    assert.equal(expandRegistryHive('HKEY_USERS\\.DEFAULT'), 'HKEY_USERS\\.DEFAULT');
  });
});

describe('cmd registry editor', () => {
  test('setValue rewrites /t and /d', () => {
    const text = 'reg add HKLM\\X /v "TCP/IP Port" /t REG_SZ /d "59532" /f';
    const { model } = buildCmdModel(text);
    assert.equal(applyEdits(text, model.registryEditor?.setValue(model.registryWrites[0], 'REG_DWORD', 59532) ?? []), 'reg add HKLM\\X /v "TCP/IP Port" /t REG_DWORD /d "59532" /f');
  });

  test('setValue adds /t when it is missing and replaces a %VAR% with the literal', () => {
    const text = 'set P=1\nreg add HKLM\\X /v RpcTcpPort /d %P% /f';
    const { model } = buildCmdModel(text);
    assert.equal(applyEdits(text, model.registryEditor?.setValue(model.registryWrites[0], 'REG_SZ', 59533) ?? []), 'set P=1\nreg add HKLM\\X /v RpcTcpPort /t REG_SZ /d 59533 /f');
  });

  test('moveToKey keeps the abbreviated hive and adds quotes when needed', () => {
    const text = 'reg add HKLM\\SYSTEM\\A /v N /d 1 /f';
    const { model } = buildCmdModel(text);
    assert.equal(applyEdits(text, model.registryEditor?.moveToKey(model.registryWrites[0], 'HKEY_LOCAL_MACHINE\\SYSTEM\\B C') ?? []), 'reg add "HKLM\\SYSTEM\\B C" /v N /d 1 /f');
  });
});

describe('netsh', () => {
  test('advfirewall rules: words, key=value arguments and spans', () => {
    const text = 'netsh advfirewall firewall add rule name="MSExchangeRPC (TCP-In)" dir=in action=allow protocol=TCP localport=135,59532 remoteip=10.0.0.0/8';
    const [rule] = buildCmdModel(text).script.netsh;
    assert.deepEqual(rule.words.map((word) => word.text), ['advfirewall', 'firewall', 'add', 'rule']);
    assert.deepEqual(
      rule.args.map((arg) => [arg.key, arg.value, slice(text, arg.keySpan), slice(text, arg.valueSpan)]),
      [
        ['name', 'MSExchangeRPC (TCP-In)', 'name', 'MSExchangeRPC (TCP-In)'],
        ['dir', 'in', 'dir', 'in'],
        ['action', 'allow', 'action', 'allow'],
        ['protocol', 'TCP', 'protocol', 'TCP'],
        ['localport', '135,59532', 'localport', '135,59532'],
        ['remoteip', '10.0.0.0/8', 'remoteip', '10.0.0.0/8'],
      ],
    );
    assert.deepEqual(ports(text), ['135@135', '59532@59532']);
  });

  test('dynamic port range, portproxy, legacy portopening and port variables', () => {
    const text = [
      'netsh int ipv4 set dynamicport tcp start=49152 num=16384',
      'netsh interface portproxy add v4tov4 listenport=443 connectport=444 connectaddress=10.0.0.2',
      'netsh firewall add portopening TCP 135 "RPC"',
      'set RPC_PORT=59532',
      'netsh advfirewall firewall add rule name=x localport=%RPC_PORT%',
    ].join('\n');
    assert.deepEqual(ports(text), ['49152@49152', '443@443', '444@444', '135@135', '59532@59532']);
  });

  test('registry port values are mentions, hex keeps its spelling', () => {
    assert.deepEqual(ports('reg add HKLM\\X /v "TCP/IP Port" /t REG_DWORD /d 0xE88C /f\nreg add HKLM\\Y /v RpcTcpPort /d "59533" /f'), ['59532@0xE88C (0xE88C)', '59533@59533']);
  });
});

describe('cmd corpus and robustness', () => {
  for (const { name, text } of fixtures) {
    test(`${name} parses without problems`, () => {
      assert.deepEqual(buildCmdModel(text).model.problems, []);
    });
  }

  test('set-static-ports.cmd yields its two writes', () => {
    const text = fixtures.find((fixture) => fixture.name === 'set-static-ports.cmd')?.text ?? '';
    assert.deepEqual(
      buildCmdModel(text).model.registryWrites.map((write) => `${write.valueName}=${write.type}:${JSON.stringify(write.data)}`),
      ['TCP/IP Port=REG_DWORD:{"kind":"number","value":59532}', 'RpcTcpPort=REG_SZ:{"kind":"string","value":"59533"}'],
    );
  });

  const assertSpansWithin = (text: string) => assertSpansInside(buildCmdModel(text), text);

  test('random text never throws and spans stay within the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab %^&|()"=:/\\\n\r\t @regaddnetshREMv1'.split('')), maxLength: 200 }), (text) => {
        assertSpansWithin(text);
      }),
      { numRuns: 400 },
    );
  });

  test('mutated fixtures never throw', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...fixtures.map((fixture) => fixture.text)),
        fc.array(fc.tuple(fc.nat(), fc.nat(6), fc.constantFrom('', '"', '^', '%', '(', ')', '&', '\n', '=', '/d', '/t')), { maxLength: 6 }),
        (text, mutations) => {
          let mutated = text;
          for (const [at, length, insert] of mutations) {
            const start = at % (mutated.length + 1);
            mutated = mutated.slice(0, start) + insert + mutated.slice(start + length);
          }
          assertSpansWithin(mutated);
        },
      ),
      { numRuns: 300 },
    );
  });
});
