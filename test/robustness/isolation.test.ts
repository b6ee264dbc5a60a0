// A failure costs one answer, never the server: a rule that throws is logged once with its id and
// the other rules still report; a handler that throws answers its fallback; a parser that throws
// leaves the file unparsed; a crashed server is restarted a bounded number of times.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_RESTARTS, RESTART_WINDOW_MS, RestartPolicy } from '../../client/src/restartPolicy';
import { computeFindings } from '../../server/src/features/diagnostics';
import { guard } from '../../server/src/lsp/guard';
import { RULES } from '../../server/src/rules';
import { mergeSettings } from '../../server/src/service/config';
import { createLanguageService } from '../../server/src/service/languageService';
import { defineRule, type Rule } from '../../server/src/service/types';
import { TextDocument } from 'vscode-languageserver-textdocument';

const RPC_OUT_OF_RANGE = 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]\r\n"TCP/IP Port"=dword:0000c350\r\n';

const throwing = defineRule({
  id: 'throws-always',
  defaultSeverity: 'error',
  appliesTo: ['reg'],
  description: 'A rule with a bug.',
  check() {
    throw new TypeError('boom');
  },
});

describe('a throwing rule is isolated', () => {
  test('it is logged with its id and the other rules still report', () => {
    const logs: string[] = [];
    const service = createLanguageService();
    const document = TextDocument.create('file:///isolated.reg', 'reg', 1, RPC_OUT_OF_RANGE);
    const findings = computeFindings(service.analyze(document), mergeSettings(), (message) => logs.push(message), [throwing, ...RULES]);
    assert.deepEqual(findings.map((finding) => finding.ruleId), ['static-port-out-of-range']);
    assert.equal(logs.length, 1);
    assert.match(logs[0], /^Rule throws-always failed on file:\/\/\/isolated\.reg: TypeError: boom/);
  });

  test('through the service, findings are cached per version: the failure is logged once, however often asked', () => {
    const logs: string[] = [];
    // The registry is read when a service is created: a rule added for this test only.
    const mutable = RULES as Rule[];
    mutable.push(throwing);
    try {
      const service = createLanguageService({ log: (message) => logs.push(message) });
      const document = TextDocument.create('file:///cached.reg', 'reg', 1, RPC_OUT_OF_RANGE);
      const settings = mergeSettings();
      for (let i = 0; i < 3; i++) assert.deepEqual(service.diagnostics(document, settings).map((d) => d.code), ['static-port-out-of-range']);
      service.codeActions(document, { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, [], settings);
      assert.equal(logs.length, 1, logs.join('\n'));
    } finally {
      mutable.splice(mutable.indexOf(throwing), 1);
    }
  });
});

describe('a throwing handler answers its fallback', () => {
  test('sync and async failures are logged with the handler name', async () => {
    const logs: string[] = [];
    const sync = guard((message) => logs.push(message), 'Hover', null, () => {
      throw new Error('sync failure');
    });
    const async = guard((message) => logs.push(message), 'Completion', [] as string[], async () => Promise.reject(new Error('async failure')));
    assert.equal(await sync(), null);
    assert.deepEqual(await async(), []);
    assert.equal(logs.length, 2);
    assert.match(logs[0], /^Hover failed: Error: sync failure/);
    assert.match(logs[1], /^Completion failed: Error: async failure/);
  });

  test('an answer passes through unchanged', async () => {
    const handler = guard(() => assert.fail('nothing to log'), 'Hover', null, (value: number) => value * 2);
    assert.equal(await handler(21), 42);
  });
});

describe('the client restarts a crashed server a bounded number of times', () => {
  test(`${MAX_RESTARTS} restarts within the window, then it gives up with one message`, () => {
    let now = 0;
    const policy = new RestartPolicy(() => now);
    const decisions = Array.from({ length: MAX_RESTARTS + 2 }, () => {
      now += 1000;
      return policy.closed();
    });
    assert.deepEqual(
      decisions.map((decision) => decision.restart),
      [...Array(MAX_RESTARTS).fill(true), false, false],
    );
    assert.equal(decisions[0].message, 'The Exchange Ports server stopped; restarting it (1 of 4 within 3 minutes).');
    assert.match(decisions[MAX_RESTARTS].message, /stopped 5 times in 3 minutes and will not be restarted/);
  });

  test('crashes older than the window no longer count', () => {
    let now = 0;
    const policy = new RestartPolicy(() => now);
    for (let i = 0; i < MAX_RESTARTS; i++) assert.equal(policy.closed().restart, true);
    now += RESTART_WINDOW_MS;
    assert.equal(policy.closed().restart, true);
  });

  test('connection errors are tolerated three times in a row, then the connection is shut down', () => {
    const policy = new RestartPolicy();
    assert.deepEqual([1, 2, 3, 4, undefined].map((count) => policy.keepConnection(count)), [true, true, true, false, false]);
  });
});
