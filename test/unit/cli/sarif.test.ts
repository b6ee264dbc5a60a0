// SARIF output checked against the official SARIF 2.1.0 JSON schema (`sarif-2.1.0-rtm.5.json`),
// which the npm package @microsoft/jest-sarif ships: nothing is downloaded at test time. The schema
// is draft-04, hence ajv's draft-04 build; one of its patterns (`language`) is not valid with the `u` flag.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import Ajv from 'ajv-draft-04';
import { RULES } from '../../../server/src/rules';
import { cli, ERROR_REG, GOOD_REG, tree, WARNING_REG } from './helpers';

const SCHEMA_PATH = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const validateSarif = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));

/** The schema's complaints as `instancePath message`, empty for a valid log. */
function sarifProblems(log: unknown): string[] {
  return validateSarif(log) ? [] : (validateSarif.errors ?? []).map((error) => `${error.instancePath || '$'} ${error.message ?? ''}`);
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[];
}

function sarifOf(files: Record<string, string | Uint8Array>, argv: string[] = ['.']) {
  const { code, stdout } = cli(['check', '--format', 'sarif', ...argv], tree(files));
  return { code, log: JSON.parse(stdout) };
}

describe('check --format sarif', () => {
  test('the log is valid against the SARIF 2.1.0 schema', () => {
    const { log } = sarifOf({ 'warn.reg': WARNING_REG, 'error.reg': ERROR_REG, 'good.reg': GOOD_REG, 'blob.reg': Buffer.from([0, 1, 0, 0, 0]) });
    assert.deepEqual(sarifProblems(log), []);
  });

  test('the schema check catches what SARIF forbids', () => {
    const problems = sarifProblems({ version: '2.0.0', runs: [{ tool: { driver: {} }, results: [{ level: 'fatal', message: { text: 'x' } }] }] });
    assert.ok(problems.some((problem) => problem.startsWith('/version ')), problems.join('\n'));
    assert.ok(problems.some((problem) => problem === "/runs/0/tool/driver must have required property 'name'"), problems.join('\n'));
    assert.ok(problems.some((problem) => problem.startsWith('/runs/0/results/0/level ')), problems.join('\n'));
  });

  test('one run; the driver names every rule with its help link and default level', () => {
    const { log } = sarifOf({ 'good.reg': GOOD_REG });
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.runs.length, 1);
    const { driver } = log.runs[0].tool;
    assert.equal(driver.name, 'exchange-ports');
    assert.equal(driver.version, '0.1.0');
    assert.deepEqual(
      driver.rules.map((rule: { id: string }) => rule.id),
      [...RULES.map((rule) => rule.id), 'config'],
    );
    assert.deepEqual(driver.rules[0], {
      id: 'static-port-out-of-range',
      shortDescription: { text: RULES[0].description },
      helpUri: `${driver.informationUri}/blob/main/docs/rules.md#static-port-out-of-range`,
      defaultConfiguration: { level: 'warning' },
    });
    assert.equal(log.runs[0].columnKind, 'utf16CodeUnits');
    assert.deepEqual(log.runs[0].results, []);
  });

  test('a result points at its rule and at a 1-based region of a relative path', () => {
    const { code, log } = sarifOf({ 'my dir/warn.reg': WARNING_REG });
    assert.equal(code, 0);
    const [result] = log.runs[0].results as SarifResult[];
    assert.deepEqual(result, {
      ruleId: 'static-port-out-of-range',
      ruleIndex: 0,
      level: 'warning',
      message: { text: 'RPC Client Access static port 50000 is outside the recommended range 59531–60554.' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'my%20dir/warn.reg', uriBaseId: '%SRCROOT%' },
            region: { startLine: 4, startColumn: 15, endLine: 4, endColumn: 29 },
          },
        },
      ],
    });
    assert.equal(log.runs[0].tool.driver.rules[result.ruleIndex].id, result.ruleId);
  });

  test('information and hint findings become notes', () => {
    const { log } = sarifOf({ '.exchange-ports.json': '{ "rules": { "static-port-out-of-range": "hint" } }', 'warn.reg': WARNING_REG });
    assert.deepEqual(
      (log.runs[0].results as SarifResult[]).map((result) => `${result.ruleId} ${result.level}`),
      ['static-port-out-of-range note'],
    );
  });

  test('a skipped file is a notification, and an unreadable one marks the run unsuccessful', () => {
    const { code, log } = sarifOf({ 'blob.reg': Buffer.from([0, 1, 0, 0, 0]) }, ['.', 'missing.reg']);
    assert.equal(code, 2);
    assert.deepEqual(log.runs[0].invocations, [
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: { text: "cannot read 'missing.reg': ENOENT: no such file or directory" },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'missing.reg', uriBaseId: '%SRCROOT%' } } }],
          },
          {
            level: 'warning',
            message: { text: 'blob.reg: skipped: binary content' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'blob.reg', uriBaseId: '%SRCROOT%' } } }],
          },
        ],
      },
    ]);
  });
});
