import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { computeFindings, toDiagnostic } from '../../../server/src/features/diagnostics';
import { analyzeDocument } from '../../../server/src/service/analyze';
import { createLanguageService } from '../../../server/src/service/languageService';
import { defineRule } from '../../../server/src/service/types';
import { check, settingsWith } from '../support/service';

const RPC = 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]\r\n"TCP/IP Port"=dword:000004d2\r\n';

describe('diagnostics', () => {
  test('carry the rule id as code, a link to its docs section and the source', () => {
    const service = createLanguageService({ rulesDocumentationUri: 'file:///ext/docs/rules.md' });
    const [diagnostic] = service.diagnostics(TextDocument.create('file:///a.reg', 'reg', 1, RPC), settingsWith());
    assert.deepEqual(diagnostic, {
      range: { start: { line: 3, character: 14 }, end: { line: 3, character: 28 } },
      severity: 2,
      code: 'static-port-out-of-range',
      codeDescription: { href: 'file:///ext/docs/rules.md#static-port-out-of-range' },
      source: 'exchange-ports',
      message: 'RPC Client Access static port 1234 is outside the recommended range 59531–60554.',
    });
  });

  test('a rule that throws is logged with its id and the other rules still report', () => {
    const doc = analyzeDocument(TextDocument.create('file:///b.reg', 'reg', 1, RPC), () => undefined);
    const logged: string[] = [];
    const broken = defineRule({
      id: 'broken-rule',
      defaultSeverity: 'error',
      appliesTo: ['reg'],
      description: 'throws',
      check() {
        throw new Error('boom');
      },
    });
    const working = defineRule({
      id: 'working-rule',
      defaultSeverity: 'hint',
      appliesTo: ['reg'],
      description: 'reports the first byte',
      check: () => [{ ruleId: 'working-rule', start: 0, end: 1, message: 'first' }],
    });
    const findings = computeFindings(doc, settingsWith(), (message) => logged.push(message), [broken, working]);
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity]), [['working-rule', 'hint']]);
    assert.equal(logged.length, 1);
    assert.match(logged[0], /^Rule broken-rule failed on file:\/\/\/b\.reg: Error: boom/);
    assert.equal(toDiagnostic(doc, findings[0], undefined).codeDescription, undefined);
  });

  test('rules do not run on languages they do not apply to', () => {
    check('powershell', '"TCP/IP Port"=dword:000004d2', []);
  });
});

describe('suppression comments', () => {
  const body = (...lines: string[]) =>
    ['Windows Registry Editor Version 5.00', '', '[HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]', ...lines, ''].join('\r\n');

  test('disable-next-line with several ids, comma separated', () => {
    check('reg', ['Windows Registry Editor Version 5.00', '; exchange-ports-disable-next-line reg-hive-abbreviation, static-port-out-of-range', '[HKLM\\A]', ''].join('\r\n'), []);
  });

  test('disable-next-line covers only the next line', () => {
    check('reg', body('; exchange-ports-disable-next-line static-port-out-of-range', '', '"TCP/IP Port"=dword:000004d2'), [
      'reg-hive-abbreviation error 3:2-3:6',
      'static-port-out-of-range warning 6:15-6:29',
    ]);
  });

  test('disable without ids silences every rule to the end, enable ends it', () => {
    check('reg', ['Windows Registry Editor Version 5.00', '; exchange-ports-disable', '[HKLM\\A]', '; exchange-ports-enable', '[HKCU\\B]', ''].join('\r\n'), [
      'reg-hive-abbreviation error 5:2-5:6',
    ]);
  });

  test('a disable for one rule leaves the others', () => {
    check('reg', body('; exchange-ports-disable static-port-out-of-range', '"TCP/IP Port"=dword:000004d2'), ['reg-hive-abbreviation error 3:2-3:6']);
  });
});
