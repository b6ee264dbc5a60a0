import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { codeActions } from '../../../server/src/features/codeActions';
import type { ResolvedFinding } from '../../../server/src/features/diagnostics';
import { emptyModel } from '../../../server/src/parsers/common/model';
import type { AnalyzedDocument, LanguageId } from '../../../server/src/service/types';
import { applyFix, documentOf, findingsOf, service, settingsWith } from '../support/service';

const HEADER = 'Windows Registry Editor Version 5.00\n\n';
const RPC_KEY = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]';

/** Titles of the actions for everything in the document, with the codes of the diagnostics each one fixes. */
function actionsFor(text: string): string[] {
  const document = documentOf('reg', text);
  const settings = settingsWith();
  const diagnostics = service.diagnostics(document, settings);
  const whole = { start: document.positionAt(0), end: document.positionAt(text.length) };
  return service.codeActions(document, whole, diagnostics, settings).map((action) => `${action.title} [${(action.diagnostics ?? []).map((d) => d.code).join(', ')}]`);
}

describe('quick fixes from findings', () => {
  test('each fix, then disable and documentation, per finding', () => {
    assert.deepEqual(actionsFor(`${HEADER}[HKLM\\SOFTWARE\\Contoso]\n`), [
      'Expand to HKEY_LOCAL_MACHINE [reg-hive-abbreviation]',
      'Disable reg-hive-abbreviation for this line [reg-hive-abbreviation]',
      'Show documentation for reg-hive-abbreviation [reg-hive-abbreviation]',
    ]);
  });

  test('the same fix proposed by two rules is offered once, for both diagnostics', () => {
    assert.deepEqual(actionsFor(`${HEADER}${RPC_KEY}\n"TCP/IP Port"=dword:00001771\n`), [
      'Set the RPC Client Access port to 59532 [static-port-conflict, static-port-out-of-range]',
      'Disable static-port-conflict for this line [static-port-conflict]',
      'Show documentation for static-port-conflict [static-port-conflict]',
      'Disable static-port-out-of-range for this line [static-port-out-of-range]',
      'Show documentation for static-port-out-of-range [static-port-out-of-range]',
    ]);
  });

  test('applying a fix rewrites exactly the data', () => {
    assert.equal(
      applyFix('reg', `${HEADER}${RPC_KEY}\n"TCP/IP Port"=dword:0000c350\n`, 'static-port-out-of-range', 'Set the RPC Client Access port to 59532'),
      `${HEADER}${RPC_KEY}\n"TCP/IP Port"=dword:0000e88c\n`,
    );
  });

  test('a fix that moves a value keeps CRLF line endings', () => {
    const text = 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\Parameters]\r\n"TCP/IP Port"=dword:0000e88c\r\n';
    const fixed = applyFix('reg', text, 'static-port-wrong-key', /^Move/);
    assert.ok(!/[^\r]\n/.test(fixed), `bare LF in ${JSON.stringify(fixed)}`);
    assert.ok(fixed.includes('[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]\r\n"TCP/IP Port"=dword:0000e88c\r\n'));
  });

  test('the preferred fix is marked', () => {
    const document = documentOf('reg', `${HEADER}[HKLM\\SOFTWARE\\Contoso]\n`);
    const settings = settingsWith();
    const diagnostics = service.diagnostics(document, settings);
    const [expand, disable] = service.codeActions(document, diagnostics[0].range, diagnostics, settings);
    assert.equal(expand.isPreferred, true);
    assert.equal(expand.kind, 'quickfix');
    assert.equal(disable.isPreferred, undefined);
  });

  test('only findings under the range, and only those the client sent diagnostics for', () => {
    const text = `${HEADER}[HKLM\\SOFTWARE\\Contoso]\n${RPC_KEY}\n"TCP/IP Port"=dword:0000c350\n`;
    const document = documentOf('reg', text);
    const settings = settingsWith();
    const diagnostics = service.diagnostics(document, settings);
    const onKey = { start: { line: 2, character: 2 }, end: { line: 2, character: 2 } };
    assert.deepEqual(
      service.codeActions(document, onKey, diagnostics, settings).map((action) => action.title),
      ['Expand to HKEY_LOCAL_MACHINE', 'Disable reg-hive-abbreviation for this line', 'Show documentation for reg-hive-abbreviation'],
    );
    assert.deepEqual(service.codeActions(document, onKey, [], settings), []);
    const blankLine = { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } };
    assert.deepEqual(service.codeActions(document, blankLine, diagnostics, settings), []);
  });
});

describe('disable for this line', () => {
  test('a suppression comment above the line, indented like it, that silences the finding', () => {
    const text = `${HEADER}${RPC_KEY}\n  "TCP/IP Port"=dword:0000c350\n`;
    const fixed = applyFix('reg', text, 'static-port-out-of-range', 'Disable static-port-out-of-range for this line');
    assert.equal(fixed, `${HEADER}${RPC_KEY}\n  ; exchange-ports-disable-next-line static-port-out-of-range\n  "TCP/IP Port"=dword:0000c350\n`);
    assert.deepEqual(findingsOf('reg', fixed), []);
  });

  test('CRLF documents get a CRLF comment line', () => {
    const text = 'Windows Registry Editor Version 5.00\r\n\r\n[HKLM\\SOFTWARE\\Contoso]\r\n';
    assert.equal(
      applyFix('reg', text, 'reg-hive-abbreviation', 'Disable reg-hive-abbreviation for this line'),
      'Windows Registry Editor Version 5.00\r\n\r\n; exchange-ports-disable-next-line reg-hive-abbreviation\r\n[HKLM\\SOFTWARE\\Contoso]\r\n',
    );
  });

  test('a rule joins a disable-next-line comment already above the line', () => {
    const text = `${HEADER}${RPC_KEY}\n; exchange-ports-disable-next-line static-port-conflict  \n"TCP/IP Port"=dword:0000c350\n`;
    const fixed = applyFix('reg', text, 'static-port-out-of-range', 'Disable static-port-out-of-range for this line');
    assert.equal(fixed, `${HEADER}${RPC_KEY}\n; exchange-ports-disable-next-line static-port-conflict, static-port-out-of-range  \n"TCP/IP Port"=dword:0000c350\n`);
    assert.deepEqual(findingsOf('reg', fixed), []);
  });

  test('not offered where a comment would break the file: inside a continued value, above the header', () => {
    const continued = actionsFor(`${HEADER}[HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso]\n"Data"=hex:01,02,\\\n  zz\n`);
    assert.ok(continued.length > 0 && !continued.some((title) => title.startsWith('Disable')), continued.join('\n'));
    const header = actionsFor('Windows Registry Editor Version 5.0\n');
    assert.ok(header.length > 0 && !header.some((title) => title.startsWith('Disable')), header.join('\n'));
  });
});

describe('show documentation', () => {
  test('a command with the rule id', () => {
    const document = documentOf('reg', `${HEADER}[HKLM\\SOFTWARE\\Contoso]\n`);
    const settings = settingsWith();
    const diagnostics = service.diagnostics(document, settings);
    const docs = service.codeActions(document, diagnostics[0].range, diagnostics, settings).find((action) => action.title.startsWith('Show'));
    assert.deepEqual(docs?.command, {
      title: 'Show documentation for reg-hive-abbreviation',
      command: 'exchangePorts.showRuleDocumentation',
      arguments: ['reg-hive-abbreviation'],
    });
  });
});

describe('other formats', () => {
  /** A document of another language with one finding on its second line, as a future parser would give it. */
  function actionsIn(languageId: LanguageId, text: string, fixText = 'x'): Record<string, string> {
    const document = TextDocument.create(`file:///test/other.${languageId}`, languageId, 1, text);
    const doc: AnalyzedDocument = { textDocument: document, languageId, text, eol: text.includes('\r\n') ? '\r\n' : '\n', model: emptyModel(), syntax: { format: 'unparsed' } };
    const start = text.indexOf('6001');
    const finding: ResolvedFinding = {
      ruleId: 'invalid-port',
      start,
      end: start + 4,
      message: 'm',
      severity: 'error',
      fixes: [{ title: 'Fix it', edits: [{ start, end: start + 4, newText: fixText }] }],
    };
    const diagnostic: Diagnostic = { range: { start: document.positionAt(start), end: document.positionAt(start + 4) }, code: 'invalid-port', message: 'm', severity: DiagnosticSeverity.Error };
    const result: Record<string, string> = {};
    for (const action of codeActions(doc, { start, end: start }, [finding], [diagnostic])) {
      if (action.edit) result[action.title] = TextDocument.applyEdits(document, action.edit.changes?.[document.uri] ?? []);
    }
    return result;
  }

  test('the comment marker of each format', () => {
    assert.equal(actionsIn('powershell', 'a\n    Set-Port 6001\n')['Disable invalid-port for this line'], 'a\n    # exchange-ports-disable-next-line invalid-port\n    Set-Port 6001\n');
    assert.equal(actionsIn('bat', 'a\r\nnetsh 6001\r\n')['Disable invalid-port for this line'], 'a\r\nREM exchange-ports-disable-next-line invalid-port\r\nnetsh 6001\r\n');
    assert.equal(actionsIn('nftables', 'a\ntcp dport 6001\n')['Disable invalid-port for this line'], 'a\n# exchange-ports-disable-next-line invalid-port\ntcp dport 6001\n');
  });

  test('line breaks in a fix follow the document', () => {
    assert.equal(actionsIn('bat', 'a\r\nnetsh 6001\r\n', '1\n2')['Fix it'], 'a\r\nnetsh 1\r\n2\r\n');
  });
});
