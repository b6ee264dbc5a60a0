// The PowerShell incremental path gives what a whole parse gives. A script edited step by step, each
// version re-parsed from the previous one (reparsePowerShell: only the top-level statements the
// edit reaches are read again, the ones below are moved), equals the same text parsed whole, node
// for node; and through the service, every answer equals the one for the text opened whole. Edits
// are shaped to move statement boundaries: quotes and here-string markers opened and closed far
// apart, braces, continuations, `else` after a closed `if`, a leading `|` on the next line, and
// assignments whose values later commands read through variables and splatting.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parsePowerShell, reparsePowerShell } from '../../server/src/parsers/powershell/parser';
import { mergeSettings } from '../../server/src/service/config';
import { changeBetween } from '../../server/src/service/incremental';
import { createLanguageService } from '../../server/src/service/languageService';
import { WorkspaceIndex } from '../../server/src/service/workspace';
import { corpusOf, params, textOf } from './support/fuzz';

interface Edit {
  at: number;
  removed: number;
  text: string;
}

const PIECES = [
  '"',
  "'",
  '@"\n',
  "@'\n",
  '\n"@',
  "\n'@",
  '{',
  '}',
  '(',
  ')',
  '$(',
  '@{',
  '`',
  '`\n',
  '\n',
  '\r\n',
  ' ',
  '#',
  '<#',
  '#>',
  ';',
  '\n| Restart-Service',
  '\n\n   |',
  '|',
  ' else { }',
  'elseif ($a) { }',
  'catch { }',
  '$port = 59533\n',
  '$port = ',
  '$params = @{ LocalPort = 135; Protocol = "TCP" }\n',
  '@params',
  ' -Value $port',
  "Set-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem' -Name 'TCP/IP Port' -Value $port\n",
  'New-NetFirewallRule -DisplayName X -LocalPort 49152-65535 -Action Allow\n',
  'Restart-Service MSExchangeRPC\n',
  'function F { param($port = 1) ',
  "{ [Diagnostics.CodeAnalysis.SuppressMessageAttribute('exchange-ports/restart-required', '')]\nparam()\n",
  'Set-NetFirewallRule -DisplayName X -LocalPort 135\n',
  '59532',
  '[int]',
];

const editArb: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  removed: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 80 })),
  text: fc.oneof(fc.constant(''), fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })),
});

const scriptArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...corpusOf('powershell')).map((file) => file.text) },
  { weight: 1, arbitrary: textOf('powershell', 80) },
);

function applied(text: string, edit: Edit): string {
  const start = text.length === 0 ? 0 : edit.at % (text.length + 1);
  return text.slice(0, start) + edit.text + text.slice(Math.min(text.length, start + edit.removed));
}

describe('PowerShell incremental re-parse', () => {
  test('a chain of re-parses equals parsing each version whole', () => {
    fc.assert(
      fc.property(scriptArb, fc.array(editArb, { minLength: 1, maxLength: 12 }), (original, edits) => {
        let text = original;
        let script = parsePowerShell(text);
        for (const edit of edits) {
          const next = applied(text, edit);
          const reparsed = reparsePowerShell(script, next, changeBetween(text, next));
          assert.ok(reparsed, 'a script from the parser can always be re-parsed');
          assert.deepEqual(reparsed, parsePowerShell(next), `after ${JSON.stringify(edit)} on ${JSON.stringify(text)}`);
          script = reparsed;
          text = next;
        }
      }),
      params(300),
    );
  });

  test('statements that looked far ahead are read again when the text they looked at changes', () => {
    // [text, what replaces the marked `^`]: each edit lies beyond the end of the statement above it.
    const cases: [string, string][] = [
      ['"unclosed\n\nWrite-Host ^', '"'],
      ["'unclosed\n\nWrite-Host ^", "'"],
      ['$a = @"\nbody\n\n^', '"@'],
      ['Get-Service\n\n\n|^x', 'y'],
      ['Get-Service\n\n\n|^|x', ''],
      ['if ($a) { }\n\n# note\n^', 'else { }'],
      ['try { } \n\n^', 'finally { }'],
      ['[int]        ^', '$x'],
      ['Write-Host a        ^', ', b'],
    ];
    for (const [marked, replacement] of cases) {
      const at = marked.indexOf('^');
      const text = marked.replace('^', '');
      const next = text.slice(0, at) + replacement + text.slice(at + (replacement === '' ? 1 : 0));
      const reparsed = reparsePowerShell(parsePowerShell(text), next, changeBetween(text, next));
      assert.deepEqual(reparsed, parsePowerShell(next), JSON.stringify(next));
    }
  });

  test('commands below an edit are read again when a variable they read now comes from elsewhere', () => {
    const settings = mergeSettings();
    const rpc = "'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem'";
    const text = [
      '$port = 59532',
      '$rule = @{ DisplayName = "RPC"; LocalPort = 135; Action = "Allow" }',
      'Write-Host ready',
      `Set-ItemProperty -Path ${rpc} -Name 'TCP/IP Port' -Value $port`,
      'New-NetFirewallRule @rule',
      'Restart-Service MSExchangeRPC',
      '',
    ].join('\n');
    // [what to replace, its replacement]: the value, a new assignment between, the splatted table.
    const edits: [string, string][] = [
      ['59532', '1234'],
      ['Write-Host ready', '$port = 70000'],
      ['LocalPort = 135', 'LocalPort = "49152-65535"'],
      ['$port = 59532', '$other = 59532'],
    ];
    for (const [from, to] of edits) {
      const edited = createLanguageService();
      const whole = createLanguageService();
      let document = TextDocument.create('file:///variables.ps1', 'powershell', 1, text);
      const before = edited.diagnostics(document, settings);
      const at = text.indexOf(from);
      document = TextDocument.update(document, [{ range: { start: document.positionAt(at), end: document.positionAt(at + from.length) }, text: to }], 2);
      const after = edited.diagnostics(document, settings);
      assert.deepEqual(after, whole.diagnostics(TextDocument.create('file:///variables.ps1', 'powershell', 2, document.getText()), settings), `${from} → ${to}`);
      assert.notDeepEqual(after, before, `${from} → ${to} changes what is found`);
    }
  });

  test('a script is consumed by its re-parse: only the newest version can be re-parsed again', () => {
    const text = '$port = 59532\nSet-ItemProperty -Path HKLM:\\X -Name Port -Value $port\n';
    const script = parsePowerShell(text);
    const next = text.replace('59532', '59533');
    assert.ok(reparsePowerShell(script, next, changeBetween(text, next)));
    assert.equal(reparsePowerShell(script, next, changeBetween(text, next)), undefined);
  });

  test('through the service, every answer after an edit equals the answer for the whole text', () => {
    const settings = mergeSettings();
    const failures: string[] = [];
    // With a workspace index, so the cross-file rules and the file's facts are compared too.
    const edited = createLanguageService({ log: (message) => failures.push(message), workspace: new WorkspaceIndex() });
    const whole = createLanguageService({ log: (message) => failures.push(message), workspace: new WorkspaceIndex() });
    let counter = 0;
    const answers = (service: typeof edited, document: TextDocument) => {
      const length = document.getText().length;
      const diagnostics = service.diagnostics(document, settings);
      return {
        diagnostics,
        actions: diagnostics.map((diagnostic) => service.codeActions(document, diagnostic.range, [diagnostic], settings)),
        symbols: service.documentSymbols(document),
        folding: service.foldingRanges(document),
        hints: service.inlayHints(document, { start: document.positionAt(0), end: document.positionAt(length) }, settings),
        hovers: [0.25, 0.5, 0.75].map((share) => service.hover(document, document.positionAt(Math.floor(length * share)), settings)),
      };
    };
    fc.assert(
      fc.property(fc.constantFrom(...corpusOf('powershell')), fc.array(editArb, { minLength: 1, maxLength: 6 }), (file, edits) => {
        counter += 1;
        const uri = `file:///ps-incremental/${counter}.ps1`;
        let document = TextDocument.create(uri, 'powershell', 1, file.text);
        edited.diagnostics(document, settings);
        try {
          for (const edit of edits) {
            const text = document.getText();
            const start = text.length === 0 ? 0 : edit.at % (text.length + 1);
            const end = Math.min(text.length, start + edit.removed);
            document = TextDocument.update(document, [{ range: { start: document.positionAt(start), end: document.positionAt(end) }, text: edit.text }], document.version + 1);
            // Same URI in the other service: code actions name the document they edit.
            const fresh = TextDocument.create(uri, 'powershell', document.version, document.getText());
            assert.deepEqual(answers(edited, document), answers(whole, fresh), `after ${JSON.stringify(edit)}`);
            whole.forget(fresh.uri);
          }
        } finally {
          edited.forget(uri);
        }
        assert.deepEqual(failures, []);
      }),
      params(60),
    );
  });
});
