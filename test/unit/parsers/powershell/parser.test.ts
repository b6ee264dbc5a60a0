import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Span } from '../../../../server/src/parsers/common/model';
import { parsePowerShell } from '../../../../server/src/parsers/powershell/parser';
import { commands, resolveVariable, type PsCommandView } from '../../../../server/src/parsers/powershell/commands';

function slice(text: string, span: Span | undefined): string | undefined {
  return span === undefined ? undefined : text.slice(span.start, span.end);
}

function only(text: string): PsCommandView {
  const views = commands(parsePowerShell(text));
  assert.equal(views.length, 1, `expected one command in ${JSON.stringify(text)}`);
  return views[0];
}

/** Each command as `name arg arg -Param=value`, values as written. */
function outline(text: string): string[] {
  return commands(parsePowerShell(text)).map((view) =>
    [
      view.name,
      ...view.command.elements.map((element) =>
        element.kind === 'parameter'
          ? `-${element.name}${element.colon ? ':' : ''}=${element.value === undefined ? '<switch>' : slice(text, element.value.span)}`
          : element.kind === 'splat'
            ? `@${element.name}`
            : slice(text, element.span),
      ),
    ].join(' '),
  );
}

describe('PowerShell commands and parameters', () => {
  test('named parameters with their spans', () => {
    const text = 'Set-ItemProperty -Path "HKLM:\\SOFTWARE\\X" -Name "TCP/IP Port" -Value 59532 -Type DWord';
    const view = only(text);
    assert.equal(view.name, 'set-itemproperty');
    assert.deepEqual(view.command.nameSpan, { start: 0, end: 16 });
    const path = view.parameter('Path');
    assert.deepEqual(path?.nameSpan, { start: 17, end: 22 });
    assert.deepEqual(path?.value?.span, { start: 23, end: 41 });
    assert.deepEqual(path?.value?.resolved, { kind: 'string', value: 'HKLM:\\SOFTWARE\\X', span: { start: 23, end: 41 }, contentSpan: { start: 24, end: 40 } });
    assert.deepEqual(view.parameter('value')?.value?.resolved, { kind: 'number', value: 59532, text: '59532', span: { start: 69, end: 74 } });
    assert.deepEqual(view.parameter('TYPE')?.value?.resolved, { kind: 'string', value: 'DWord', span: { start: 81, end: 86 }, contentSpan: { start: 81, end: 86 } });
  });

  test('-Param:value binds the value after the colon', () => {
    const text = "Set-ItemProperty -Path:'HKLM:\\X' -Confirm:$false -Value:59533";
    assert.deepEqual(outline(text), ["set-itemproperty -Path:='HKLM:\\X' -Confirm:=$false -Value:=59533"]);
    assert.equal(only(text).parameter('Path')?.value?.resolved?.kind, 'string');
  });

  test('switches take no value; the next word is positional', () => {
    assert.deepEqual(outline('Restart-Service -Force MSExchangeRPC'), ['restart-service -Force=<switch> MSExchangeRPC']);
    assert.deepEqual(outline('Send-MailMessage -SmtpServer smtp.office365.com -Port 587 -UseSsl'), [
      'send-mailmessage -SmtpServer=smtp.office365.com -Port=587 -UseSsl=<switch>',
    ]);
  });

  test('unquoted comma lists, each element with its span', () => {
    const text = 'New-NetFirewallRule -LocalPort 135,59532, 59533 -Action Allow';
    const value = only(text).parameter('LocalPort')?.value;
    assert.equal(value?.node.kind, 'array');
    assert.equal(slice(text, value?.span), '135,59532, 59533');
    assert.deepEqual(
      value?.resolved?.kind === 'array' ? value.resolved.items.map((item) => [item.kind === 'number' ? item.value : undefined, slice(text, item.span)]) : [],
      [
        [135, '135'],
        [59532, '59532'],
        [59533, '59533'],
      ],
    );
    assert.deepEqual(outline('Restart-Service MSExchangeRPC, MSExchangeAB'), ['restart-service MSExchangeRPC, MSExchangeAB']);
  });

  test('positional arguments and PowerShell-style binding', () => {
    const text = "sp 'HKLM:\\X' 'TCP/IP Port' 59532";
    const view = only(text);
    assert.equal(view.name, 'set-itemproperty');
    assert.equal(slice(text, view.positional(1)?.span), "'TCP/IP Port'");
    const [path, name, value] = view.bind([['Path'], ['Name'], ['Value']]);
    assert.deepEqual([slice(text, path?.span), slice(text, name?.span), slice(text, value?.span)], ["'HKLM:\\X'", "'TCP/IP Port'", '59532']);
    const named = only("Set-ItemProperty -Path 'HKLM:\\X' Port 1");
    const [, boundName, boundValue] = named.bind([['Path'], ['Name'], ['Value']]);
    assert.deepEqual([boundName?.resolved?.kind === 'string' && boundName.resolved.value, boundValue?.resolved?.kind], ['Port', 'number']);
  });

  test('native arguments glue quoted parts: name="MSExchangeRPC (TCP-In)" is one argument', () => {
    const text = 'netsh advfirewall firewall add rule name="MSExchangeRPC (TCP-In)" dir=in localport=59532';
    const view = only(text);
    assert.equal(view.positionals.length, 7);
    assert.deepEqual(view.positional(4)?.resolved, {
      kind: 'string',
      value: 'name=MSExchangeRPC (TCP-In)',
      span: { start: 36, end: 65 },
      contentSpan: undefined,
    });
  });

  test('`#` starts a comment only at the start of a token', () => {
    const script = parsePowerShell('echo a#b # real comment\n<# block\ncomment #>Get-Date');
    assert.deepEqual(
      script.comments.map((comment) => [comment.text, comment.span]),
      [
        [' real comment', { start: 9, end: 23 }],
        [' block\ncomment ', { start: 24, end: 43 }],
      ],
    );
    assert.deepEqual(outline('echo a#b # real comment'), ['echo a#b']);
    assert.deepEqual(script.commands.map((command) => command.normalizedName), ['echo', 'get-date']);
  });

  test('backtick continuations join lines', () => {
    const text = 'New-NetFirewallRule -DisplayName "RPC" `\n    -LocalPort 59532 `\r\n    -Action Allow\nGet-Date';
    assert.deepEqual(outline(text), ['new-netfirewallrule -DisplayName="RPC" -LocalPort=59532 -Action=Allow', 'get-date']);
  });

  test('--% passes the rest of the line verbatim', () => {
    const text = 'icacls.exe C:\\Logs --% /grant "Exchange Servers":(OI)(CI)F $notAVariable\nGet-Date';
    const view = commands(parsePowerShell(text))[0];
    assert.equal(view.command.stopParsing, true);
    assert.deepEqual(
      view.positionals.map((value) => (value.resolved?.kind === 'string' ? value.resolved.value : undefined)),
      ['C:\\Logs', '/grant', 'Exchange Servers:(OI)(CI)F', '$notAVariable'],
    );
    assert.deepEqual(outline(text).slice(1), ['get-date']);
  });

  test('strings: escapes, doubled quotes and expandable parts are never commands', () => {
    const text = `Write-Host 'it''s' "say ""hi""\`tnow" "$(Get-Date) on $env:COMPUTERNAME"`;
    const view = commands(parsePowerShell(text))[0];
    assert.deepEqual(
      view.positionals.map((value) => (value.resolved?.kind === 'string' ? value.resolved.value : undefined)),
      ["it's", 'say "hi"\tnow', undefined],
    );
    // The subexpression runs, so its command is found; the string's text is not a command.
    assert.deepEqual(outline(text).map((line) => line.split(' ')[0]), ['write-host', 'get-date']);
  });

  test('here-strings are text, whatever they contain', () => {
    const text = [
      '$body = @"',
      'Set-ItemProperty -Path HKLM:\\X -Name A -Value $port',
      '"not the end"@',
      '"@',
      "$raw = @'",
      'reg add HKLM\\X /v A /d 1 /f',
      "'@",
      'Get-Date',
    ].join('\n');
    const script = parsePowerShell(text);
    assert.deepEqual(script.problems, []);
    assert.deepEqual(script.commands.map((command) => command.normalizedName), ['get-date']);
    assert.equal(resolveVariable(script, 'raw', text.length)?.kind, 'string');
    const raw = resolveVariable(script, 'raw', text.length);
    assert.equal(raw?.kind === 'string' ? raw.value : undefined, 'reg add HKLM\\X /v A /d 1 /f');
  });

  test('variables: braced, scoped, environment', () => {
    const text = 'Get-Item ${my var} $script:Port $env:ProgramFiles\\Exchange';
    const view = only(text);
    assert.deepEqual(
      view.positionals.map((value) => (value.node.kind === 'variable' ? value.node.name : value.node.kind)),
      ['my var', 'port', 'string'],
    );
  });

  test('commands inside script blocks, functions and control flow are found', () => {
    const text = [
      'function Set-Port {',
      '  [CmdletBinding()]',
      '  param([Parameter(Mandatory = $true)][int]$Port = 59532)',
      '  if ($Port -gt 0) { Set-ItemProperty -Path HKLM:\\A -Name B -Value $Port } elseif ($x) { Get-A } else { Get-B }',
      '}',
      'try { Invoke-Command -ScriptBlock { New-NetFirewallRule -LocalPort 135 } } catch [System.Exception] { Write-Warning $_ } finally { Get-C }',
      'switch -Wildcard ($name) { "MSExchange*" { Restart-Service $name } default { Get-D } }',
      'foreach ($s in Get-ExchangeServer) { while ($true) { break } }',
      'Get-ExchangeServer | Where-Object { $_.IsMailboxServer } | ForEach-Object { Get-E $_ }',
      'do { Get-F } until ($done)',
      '$list = @(Get-G; Get-H)',
    ].join('\n');
    const script = parsePowerShell(text);
    assert.deepEqual(script.problems, []);
    assert.deepEqual(script.commands.map((command) => command.normalizedName), [
      'set-itemproperty',
      'get-a',
      'get-b',
      'invoke-command',
      'new-netfirewallrule',
      'write-warning',
      'get-c',
      'restart-service',
      'get-d',
      'get-exchangeserver',
      'get-exchangeserver',
      'where-object',
      'foreach-object',
      'get-e',
      'get-f',
      'get-g',
      'get-h',
    ]);
  });

  test('call and dot-source invocations, aliases and module-qualified names', () => {
    assert.deepEqual(
      commands(parsePowerShell('& reg add X\n& "C:\\Windows\\System32\\reg.exe" query X\n. .\\helpers.ps1\n.\\run.ps1\nreg.exe delete X\nMicrosoft.PowerShell.Management\\Set-ItemProperty A B C\n% { $_ }\n? { $_ }')).map(
        (view) => [view.name, view.command.invocation],
      ),
      [
        ['reg', 'call'],
        ['reg', 'call'],
        ['helpers.ps1', 'dotSource'],
        ['run.ps1', 'bare'],
        ['reg', 'bare'],
        ['set-itemproperty', 'bare'],
        ['foreach-object', 'bare'],
        ['where-object', 'bare'],
      ],
    );
  });

  test('redirections are not arguments', () => {
    assert.deepEqual(outline('reg query X 2>&1 > $null\ncmd /c dir *> log.txt'), ['reg query X', 'cmd /c dir']);
  });

  test('numbers in argument mode: hex, multipliers, negative', () => {
    const view = only('Set-Thing 0xE88C 10kb -1 5L 1.5 12abc');
    assert.deepEqual(
      view.positionals.map((value) => value.resolved?.kind === 'number' ? value.resolved.value : value.resolved?.kind),
      [59532, 10240, -1, 5, 1.5, 'string'],
    );
  });

  test('names of inherited object properties are plain words: `constructor` is no alias, `5toString` no number', () => {
    assert.deepEqual(
      commands(parsePowerShell('constructor x\ntoString y\n__proto__ z')).map((view) => view.name),
      ['constructor', 'tostring', '__proto__'],
    );
    assert.deepEqual(only('Set-Thing 5constructor 1toString').positionals.map((value) => value.resolved?.kind), ['string', 'string']);
  });

  test('typographic dashes and quotes work like ASCII ones', () => {
    const text = 'Set-ItemProperty –Path “HKLM:\\X” –Name ‘TCP/IP Port’ –Value 59532';
    const view = only(text);
    assert.deepEqual(
      view.parameters.map((parameter) => [parameter.name, parameter.value?.resolved?.kind === 'string' || parameter.value?.resolved?.kind === 'number' ? parameter.value.resolved.value : undefined]),
      [
        ['Path', 'HKLM:\\X'],
        ['Name', 'TCP/IP Port'],
        ['Value', 59532],
      ],
    );
  });
});

describe('PowerShell variables and splatting', () => {
  test('resolveVariable returns the last literal assigned before the offset', () => {
    const text = '$port = 59531\n$port = 59532\nGet-A $port\n$port = Get-Port\nGet-B $port';
    const script = parsePowerShell(text);
    const [a, b] = commands(script);
    assert.deepEqual(a.positional(0)?.resolved, { kind: 'number', value: 59532, text: '59532', span: { start: 22, end: 27 } });
    assert.equal(b.positional(0)?.resolved, undefined);
    assert.deepEqual(resolveVariable(script, '$PORT', 28), { kind: 'number', value: 59532, text: '59532', span: { start: 22, end: 27 } });
  });

  test('typed assignments, parameter defaults and strings built from variables', () => {
    const text = 'param([int]$Port = 59532)\n[string]$svc = "MSExchangeRPC"\nGet-A "HKLM:\\SYSTEM\\$svc\\ParametersSystem" $Port';
    const view = commands(parsePowerShell(text))[0];
    assert.deepEqual(view.positional(0)?.resolved, {
      kind: 'string',
      value: 'HKLM:\\SYSTEM\\MSExchangeRPC\\ParametersSystem',
      span: { start: 63, end: 99 },
      contentSpan: undefined,
    });
    assert.equal(view.positional(1)?.resolved?.kind === 'number' ? view.positional(1)?.resolved?.span.start : -1, 19);
  });

  test('a parameter of a script block is not visible after it', () => {
    const text = '$p = 1\nInvoke-Command -ScriptBlock { param($p) Get-A $p }\nGet-B $p';
    const [, inner, outer] = commands(parsePowerShell(text));
    assert.equal(inner.positional(0)?.resolved, undefined);
    assert.deepEqual(outer.positional(0)?.resolved, { kind: 'number', value: 1, text: '1', span: { start: 5, end: 6 } });
  });

  test('@params splats a hashtable literal into named parameters that point into the hashtable', () => {
    const text = "$params = @{\n  Path = 'HKLM:\\X'\n  'Name' = 'RpcTcpPort'; Value = $port\n}\n$port = 1\nSet-ItemProperty @params -Force";
    const view = commands(parsePowerShell(text))[0];
    assert.deepEqual(
      view.parameters.map((parameter) => [parameter.name, slice(text, parameter.nameSpan), parameter.fromSplat, slice(text, parameter.value?.span)]),
      [
        ['Path', 'Path', true, "'HKLM:\\X'"],
        ['Name', 'Name', true, "'RpcTcpPort'"],
        ['Value', 'Value', true, '$port'],
        ['Force', '-Force', false, undefined],
      ],
    );
    // $port is assigned after the hashtable: it is not resolved from there.
    assert.equal(view.parameter('Value')?.value?.resolved, undefined);
  });

  test('casts resolve to what they make: integers from numbers and digit strings, strings, typed arrays', () => {
    const text = "$port = 59532\nGet-A ([int]'59533') ([string]$port) ([System.Int32]59532.5) ([int[]]('135', 59532)) ([int]'abc') ([byte]300) ([datetime]'2020-01-01')";
    const view = commands(parsePowerShell(text))[0];
    assert.deepEqual(view.positional(0)?.resolved, { kind: 'number', value: 59533, text: '59533', span: { start: 27, end: 32 } });
    // The string is no literal the script shows: its span is the number it was made from.
    assert.deepEqual(view.positional(1)?.resolved, { kind: 'string', value: '59532', span: { start: 8, end: 13 }, contentSpan: undefined });
    // .NET rounds half to even.
    const rounded = view.positional(2)?.resolved;
    assert.equal(rounded?.kind === 'number' ? rounded.value : undefined, 59532);
    const array = view.positional(3)?.resolved;
    assert.deepEqual(array?.kind === 'array' ? array.items.map((item) => (item.kind === 'number' ? item.value : item.kind)) : array, [135, 59532]);
    // What the cast would reject, and types that make no port, resolve to nothing.
    assert.deepEqual([4, 5, 6].map((index) => view.positional(index)?.resolved), [undefined, undefined, undefined]);
  });

  test('strings built from strings built from strings: a resolution that would explode is unknown', () => {
    const lines = ["$v0 = 'port'"];
    for (let i = 1; i <= 6; i++) lines.push(`$v${i} = "${`$v${i - 1}`.repeat(20)}"`);
    const text = [...lines, 'Get-A $v1 $v6'].join('\n');
    const view = commands(parsePowerShell(text))[0];
    const short = view.positional(0)?.resolved;
    assert.equal(short?.kind === 'string' ? short.value : undefined, 'port'.repeat(20));
    // 20^6 look-ups and an 8-million-character value: past the budget, not computed.
    assert.equal(view.positional(1)?.resolved, undefined);
  });

  test('member access on a hashtable variable', () => {
    const text = '$cfg = @{ Rpc = @{ Port = 59532 } }\nGet-A $cfg.Rpc.Port';
    assert.deepEqual(commands(parsePowerShell(text))[0].positional(0)?.resolved, { kind: 'number', value: 59532, text: '59532', span: { start: 26, end: 31 } });
  });
});

describe('PowerShell syntax errors and recovery', () => {
  test('an unclosed string is reported and the next statement is still parsed', () => {
    const text = 'Write-Host "unclosed\nSet-ItemProperty -Path HKLM:\\X -Name A -Value 1';
    const script = parsePowerShell(text);
    assert.deepEqual(script.problems, [{ start: 11, end: 12, code: 'ps-syntax', message: 'This string is missing its closing quote.' }]);
    assert.deepEqual(script.commands.map((command) => command.normalizedName), ['write-host', 'set-itemproperty']);
  });

  test('an unclosed single-quoted string', () => {
    const script = parsePowerShell("Get-A 'oops\nGet-B");
    assert.deepEqual(script.problems.map((problem) => [problem.code, problem.start]), [['ps-syntax', 6]]);
    assert.deepEqual(script.commands.map((command) => command.normalizedName), ['get-a', 'get-b']);
  });

  test('a missing closing brace is reported at the opening one', () => {
    const script = parsePowerShell('if ($x) {\n  Get-A\nGet-B');
    assert.deepEqual(script.problems, [{ start: 8, end: 9, code: 'ps-syntax', message: "'{' is missing its closing '}'." }]);
    assert.deepEqual(script.commands.map((command) => command.normalizedName), ['get-a', 'get-b']);
  });

  test('a missing parenthesis ends at the enclosing block', () => {
    const script = parsePowerShell('function f {\n  if ($x { Get-A }\n}\nGet-B');
    assert.deepEqual(script.problems.map((problem) => problem.message), ["'(' is missing its closing ')'."]);
    assert.deepEqual(script.commands.map((command) => command.normalizedName), ['get-a', 'get-b']);
  });

  test('a stray closer is reported and skipped', () => {
    const script = parsePowerShell('Get-A }\nGet-B )');
    assert.deepEqual(script.problems.map((problem) => [problem.start, problem.message]), [
      [6, "Unexpected '}'."],
      [14, "Unexpected ')'."],
    ]);
    assert.deepEqual(script.commands.map((command) => command.normalizedName), ['get-a', 'get-b']);
  });

  test('an unclosed here-string leaves the following lines as code', () => {
    const script = parsePowerShell('$a = @"\ntext\nGet-B');
    assert.deepEqual(script.problems.map((problem) => [problem.start, problem.end]), [[5, 7]]);
    assert.deepEqual(script.commands.map((command) => command.normalizedName), ['text', 'get-b']);
  });

  test('very deep nesting stops with one problem instead of overflowing the stack', () => {
    const script = parsePowerShell('('.repeat(5000) + ')'.repeat(5000));
    assert.equal(script.problems.filter((problem) => problem.message.startsWith('Nesting deeper')).length, 1);
  });
});
