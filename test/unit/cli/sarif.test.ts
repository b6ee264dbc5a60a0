// The SARIF 2.1.0 schema cannot be fetched at test time and no installed package ships it, so
// this test encodes the schema's rules for the subset the formatter emits: required properties,
// types, enums, minimums, and no properties the schema does not define (it sets
// additionalProperties: false). A property added to the output must be added here, from the spec.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RULES } from '../../../server/src/rules';
import { cli, ERROR_REG, GOOD_REG, tree, WARNING_REG } from './helpers';

type Check = (value: unknown, path: string) => string[];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const kind = (expected: string, ok: (value: unknown) => boolean): Check => (value, path) => (ok(value) ? [] : [`${path}: expected ${expected}, got ${JSON.stringify(value)}`]);
const string = kind('string', (value) => typeof value === 'string');
const boolean = kind('boolean', (value) => typeof value === 'boolean');
const integer = (minimum: number) => kind(`integer ≥ ${minimum}`, (value) => Number.isInteger(value) && (value as number) >= minimum);
const oneOf = (...values: string[]) => kind(`one of ${values.join(', ')}`, (value) => values.includes(value as string));
const absoluteUri = kind('absolute URI', (value) => typeof value === 'string' && URL.canParse(value));
const uriReference = kind('URI reference without spaces or backslashes', (value) => typeof value === 'string' && !/[\s\\]/.test(value));
const array = (item: Check): Check => (value, path) => (Array.isArray(value) ? value.flatMap((element, index) => item(element, `${path}[${index}]`)) : [`${path}: expected array`]);
const object =
  (required: Record<string, Check>, optional: Record<string, Check> = {}): Check =>
  (value, path) => {
    if (!isObject(value)) return [`${path}: expected object`];
    const problems: string[] = [];
    for (const [key, check] of Object.entries(required)) {
      problems.push(...(key in value ? check(value[key], `${path}.${key}`) : [`${path}: missing required "${key}"`]));
    }
    for (const [key, element] of Object.entries(value)) {
      if (key in required) continue;
      const check = optional[key];
      problems.push(...(check ? check(element, `${path}.${key}`) : [`${path}: "${key}" is not a property the schema allows here`]));
    }
    return problems;
  };

const level = oneOf('none', 'note', 'warning', 'error');
const message = object({ text: string });
const artifactLocation = object({ uri: uriReference }, { uriBaseId: string });
const region = object({}, { startLine: integer(1), startColumn: integer(1), endLine: integer(1), endColumn: integer(1) });
const location = object({ physicalLocation: object({ artifactLocation }, { region }) });
const reportingDescriptor = object(
  { id: string },
  { shortDescription: object({ text: string }), helpUri: absoluteUri, defaultConfiguration: object({}, { level }) },
);
const notification = object({ message }, { level, locations: array(location) });
const result = object({ message }, { ruleId: string, ruleIndex: integer(-1), level, locations: array(location) });
const run = object(
  { tool: object({ driver: object({ name: string }, { version: string, informationUri: absoluteUri, rules: array(reportingDescriptor) }) }) },
  {
    invocations: array(object({ executionSuccessful: boolean }, { toolExecutionNotifications: array(notification) })),
    columnKind: oneOf('utf16CodeUnits', 'unicodeCodePoints'),
    results: array(result),
  },
);
const sarifLog = object({ version: oneOf('2.1.0'), runs: array(run) }, { $schema: absoluteUri });

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
  test('the log satisfies the SARIF 2.1.0 schema for every property it holds', () => {
    const { log } = sarifOf({ 'warn.reg': WARNING_REG, 'error.reg': ERROR_REG, 'good.reg': GOOD_REG, 'blob.reg': Buffer.from([0, 1, 0, 0, 0]) });
    assert.deepEqual(sarifLog(log, '$'), []);
  });

  test('the validator catches what the schema forbids', () => {
    assert.deepEqual(sarifLog({ version: '2.0.0', runs: [{ tool: { driver: {} }, extra: 1 }] }, '$'), [
      '$.version: expected one of 2.1.0, got "2.0.0"',
      '$.runs[0].tool.driver: missing required "name"',
      '$.runs[0]: "extra" is not a property the schema allows here',
    ]);
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
