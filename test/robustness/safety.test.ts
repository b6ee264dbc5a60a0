// Nothing in a workspace can make the extension run code: no process is spawned, nothing is
// evaluated, settings and `.exchange-ports.json` are read by a hand-written validator, and the
// extension declares what it supports in untrusted and virtual workspaces.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { mergeSettings, parseConfigFile, settingsFromEditor } from '../../server/src/service/config';
import { REPO_ROOT } from './support/fuzz';

function sources(relative: string): string[] {
  const full = path.join(REPO_ROOT, relative);
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const child = path.join(relative, entry.name);
    return entry.isDirectory() ? sources(child) : entry.name.endsWith('.ts') ? [child] : [];
  });
}

/** What would run code: a process, an evaluator, a dynamic import of a computed path. */
const FORBIDDEN: { what: string; pattern: RegExp }[] = [
  { what: 'child_process', pattern: /child_process/ },
  { what: 'worker_threads', pattern: /worker_threads/ },
  { what: 'the vm module', pattern: /['"](?:node:)?vm['"]/ },
  { what: 'eval', pattern: /\beval\s*\(/ },
  { what: 'new Function', pattern: /\bnew\s+Function\b/ },
  { what: 'a dynamic import or require', pattern: /\b(?:import|require)\s*\(\s*[^'"\s)]/ },
  { what: 'process.binding / dlopen', pattern: /process\.(?:binding|dlopen)\b/ },
];

describe('the extension never runs anything', () => {
  const files = [...sources('server/src'), ...sources('client/src')];

  test(`no spawn, eval, Function or vm in server/src and client/src (${files.length} files)`, () => {
    assert.ok(files.length > 50);
    const found: string[] = [];
    for (const file of files) {
      const lines = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8').split('\n');
      lines.forEach((line, index) => {
        for (const { what, pattern } of FORBIDDEN) if (pattern.test(line)) found.push(`${file}:${index + 1}: ${what}`);
      });
    }
    assert.deepEqual(found, []);
  });

  test('the scan finds what it looks for', () => {
    const samples = ["import { spawn } from 'node:child_process';", 'eval(text)', 'new Function("x")', "import * as vm from 'node:vm';", 'require(name)', 'await import(modulePath)'];
    for (const sample of samples) assert.ok(FORBIDDEN.some(({ pattern }) => pattern.test(sample)), sample);
    assert.ok(!FORBIDDEN.some(({ pattern }) => pattern.test("import packageJson from '../../../package.json';")));
  });

  test('untrusted workspaces are supported (nothing runs), virtual ones with editor settings only', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces, { supported: true });
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, 'limited');
    assert.match(manifest.capabilities.virtualWorkspaces.description, /\.exchange-ports\.json/);
  });
});

describe('.exchange-ports.json and editor settings are validated, never trusted', () => {
  test('unknown keys are warned about and ignored', () => {
    const parsed = parseConfigFile('{ "rulez": {}, "rules": { "no-such-rule": "error" } }');
    assert.deepEqual(
      parsed.problems.map((problem) => [problem.severity, problem.message.split(';')[0]]),
      [
        ['warning', 'Unknown setting "rulez"'],
        ['warning', 'Unknown rule "no-such-rule".'],
      ],
    );
    assert.deepEqual(parsed.settings, { rules: {} });
  });

  test('wrong types are errors and fall back to the defaults', () => {
    const parsed = parseConfigFile('{ "rules": [], "staticPortRange": { "min": "1", "max": 2 }, "targetVersion": 2016, "inlayHints": "yes", "roles": {} }');
    assert.deepEqual(
      parsed.problems.map((problem) => problem.severity),
      ['error', 'error', 'error', 'error', 'error'],
    );
    assert.deepEqual(parsed.settings, { rules: undefined, roles: undefined });
    assert.deepEqual(mergeSettings(parsed.settings), mergeSettings());
  });

  test('__proto__ and constructor keys pollute nothing', () => {
    const text = '{ "__proto__": { "polluted": true }, "constructor": { "prototype": { "polluted": true } }, "rules": { "__proto__": "off", "constructor": "off", "toString": "off" }, "staticPortRange": { "__proto__": { "min": 1 }, "min": 59531, "max": 60554 } }';
    const parsed = parseConfigFile(text);
    assert.deepEqual(parsed.problems.map((problem) => problem.message.split(';')[0]), [
      'Unknown setting "__proto__"',
      'Unknown setting "constructor"',
      'Unknown rule "__proto__".',
      'Unknown rule "constructor".',
      'Unknown rule "toString".',
    ]);
    const settings = mergeSettings(parsed.settings);
    assert.equal(Object.getPrototypeOf(settings.rules), Object.prototype);
    assert.deepEqual(Object.keys(settings.rules), []);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
    const fromEditor = settingsFromEditor(JSON.parse(text));
    assert.deepEqual(fromEditor.rules, {});
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('deep nesting is a syntax error, not a stack overflow', () => {
    for (const depth of [65, 10_000, 1_000_000]) {
      const parsed = parseConfigFile(`{ "rules": ${'['.repeat(depth)}${']'.repeat(depth)} }`);
      // The object is level 1: the 64th `[` (offset 11 + 63) is level 65.
      assert.deepEqual(parsed.syntaxError, { reason: 'nested deeper than 64 levels', offset: 11 + 63 });
      assert.equal(parsed.problems.length, 1);
    }
    // Brackets in strings and comments do not count.
    const quoted = parseConfigFile(`{ "rules": { "static-port-conflict": "off" }, // ${'['.repeat(100)}\n "$schema": "${'{'.repeat(100)}" }`);
    assert.equal(quoted.syntaxError, undefined);
  });

  test('a huge file is read once, linearly', () => {
    const rules = Array.from({ length: 200_000 }, (_, index) => `"rule-${index}": "off"`).join(',');
    const parsed = parseConfigFile(`{ "rules": { ${rules} } }`);
    assert.equal(parsed.problems.length, 200_000);
    assert.deepEqual(parsed.settings.rules, {});
  });
});
