import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { supportedFileNames } from '../../../server/src/cli/languages';
import { AB_KEY, cli, crlf, ERROR_REG, GOOD_REG, HEADER, tree, utf16be, utf16le, utf8, WARNING_REG } from './helpers';

const WARNING_LINE =
  'warn.reg:4:15: warning static-port-out-of-range RPC Client Access static port 50000 is outside the recommended range 59531–60554.';
const ERROR_LINE =
  'error.reg:4:14: error static-port-wrong-type `RpcTcpPort` must be a REG_SZ (a quoted string), not REG_DWORD: Address Book ignores it and keeps a dynamic port.';

describe('check: text output', () => {
  test('one line per finding, path:line:col, then a summary; sorted by path', () => {
    const root = tree({ 'warn.reg': WARNING_REG, 'error.reg': ERROR_REG, 'good.reg': GOOD_REG });
    assert.deepEqual(cli(['check', '.'], root), {
      code: 1,
      stdout: `${ERROR_LINE}\n${WARNING_LINE}\n\n1 error, 1 warning in 2 files (3 files checked)\n`,
      stderr: '',
    });
  });

  test('no findings: says how many files were read', () => {
    const root = tree({ 'good.reg': GOOD_REG });
    assert.deepEqual(cli(['check', 'good.reg'], root), { code: 0, stdout: 'No problems (1 file checked)\n', stderr: '' });
  });

  test('a directory without .reg files says so instead of "no problems"', () => {
    const root = tree({ 'notes.txt': 'hello' });
    assert.deepEqual(cli(['check', '.'], root), { code: 0, stdout: `No files to check (looked for ${supportedFileNames().join(', ')})\n`, stderr: '' });
  });

  test('colors only on a terminal, and never with NO_COLOR', () => {
    const root = tree({ 'warn.reg': WARNING_REG });
    const colored = cli(['check', '.'], root, {}, true).stdout;
    assert.equal(colored.split('\n')[0], 'warn.reg:4:15: \u001b[33mwarning\u001b[0m \u001b[2mstatic-port-out-of-range\u001b[0m RPC Client Access static port 50000 is outside the recommended range 59531–60554.');
    assert.equal(cli(['check', '.'], root, { NO_COLOR: '1' }, true).stdout.split('\n')[0], WARNING_LINE);
    assert.equal(cli(['check', '.'], root, { FORCE_COLOR: '1' }, false).stdout, colored);
  });
});

describe('check: JSON output', () => {
  test('an array of findings with 1-based positions and paths relative to the working directory', () => {
    const root = tree({ 'sub/warn.reg': WARNING_REG });
    const { code, stdout } = cli(['check', '--format', 'json', '.'], root);
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(stdout), [
      {
        file: 'sub/warn.reg',
        line: 4,
        column: 15,
        endLine: 4,
        endColumn: 29,
        severity: 'warning',
        code: 'static-port-out-of-range',
        message: 'RPC Client Access static port 50000 is outside the recommended range 59531–60554.',
      },
    ]);
  });

  test('an empty array when all is well (stdout stays parseable)', () => {
    const root = tree({ 'good.reg': GOOD_REG });
    assert.deepEqual(cli(['check', '--format=json', '.'], root), { code: 0, stdout: '[]\n', stderr: '' });
  });
});

describe('check: exit codes', () => {
  test('0 with warnings only, 1 with an error', () => {
    const root = tree({ 'warn.reg': WARNING_REG, 'error.reg': ERROR_REG });
    assert.equal(cli(['check', 'warn.reg'], root).code, 0);
    assert.equal(cli(['check', 'error.reg'], root).code, 1);
  });

  test('--max-warnings: 1 only when warnings exceed the limit', () => {
    const root = tree({ 'a/warn.reg': WARNING_REG, 'b/warn.reg': WARNING_REG });
    assert.equal(cli(['check', '--max-warnings', '2', '.'], root).code, 0);
    const over = cli(['check', '--max-warnings', '1', '.'], root);
    assert.equal(over.code, 1);
    assert.equal(over.stderr, 'exchange-ports: too many warnings (2, --max-warnings 1)\n');
    assert.equal(cli(['check', '--max-warnings', '0', 'a'], root).code, 1);
  });

  test('2 for a missing path, with one line on stderr, after checking the rest', () => {
    const root = tree({ 'error.reg': ERROR_REG });
    const result = cli(['check', 'missing.reg', 'error.reg'], root);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, "exchange-ports: cannot read 'missing.reg': ENOENT: no such file or directory\n");
    assert.match(result.stdout, /^error\.reg:4:14: error static-port-wrong-type/);
    assert.match(result.stdout, /1 error, 0 warnings in 1 file \(1 file checked, 1 not checked\)\n$/);
  });

  test('2 for a file named on the command line that the checker cannot read as a format it knows', () => {
    const root = tree({ 'notes.txt': 'hello' });
    assert.deepEqual(cli(['check', 'notes.txt'], root), {
      code: 2,
      stdout: 'No problems (0 files checked, 1 not checked)\n',
      stderr: `exchange-ports: cannot check 'notes.txt': not a supported file type (supported: ${supportedFileNames().join(', ')})\n`,
    });
  });

  test('2 for usage mistakes, with one line on stderr and nothing on stdout', () => {
    const root = tree({});
    assert.deepEqual(cli(['check'], root), {
      code: 2,
      stdout: '',
      stderr: "exchange-ports: check needs at least one PATH (use '.' for the current directory)\n",
    });
    assert.deepEqual(cli(['check', '--format', 'xml', '.'], root), {
      code: 2,
      stdout: '',
      stderr: "exchange-ports: unknown format 'xml' for 'check' (choose text, json, sarif)\n",
    });
    assert.equal(cli(['check', '--max-warnings', '-1', '.'], root).code, 2);
    assert.equal(cli(['lint', '.'], root).code, 2);
  });
});

describe('check: walking directories', () => {
  test('finds .reg files at any depth in name order, skipping node_modules and .git', () => {
    const root = tree({
      'b/warn.reg': WARNING_REG,
      'a/deeper/WARN.REG': WARNING_REG,
      'a/readme.txt': 'not checked',
      'node_modules/pkg/warn.reg': WARNING_REG,
      '.git/warn.reg': WARNING_REG,
      'z.reg': WARNING_REG,
    });
    const files = (JSON.parse(cli(['check', '--format', 'json', '.'], root).stdout) as { file: string }[]).map((finding) => finding.file);
    assert.deepEqual(files, ['a/deeper/WARN.REG', 'b/warn.reg', 'z.reg']);
  });

  test('a symlink loop is entered once, and a file reached twice is checked once', () => {
    const root = tree({ 'sub/warn.reg': WARNING_REG });
    symlinkSync('..', join(root, 'sub', 'up'));
    const { code, stdout } = cli(['check', '.', 'sub/warn.reg'], root);
    assert.equal(code, 0);
    assert.equal(stdout, `sub/${WARNING_LINE}\n\n0 errors, 1 warning in 1 file (1 file checked)\n`);
  });

  test('paths outside the working directory are shown relative to it', () => {
    const root = tree({ 'project/x': 'placeholder', 'shared/warn.reg': WARNING_REG });
    const result = cli(['check', '../shared'], join(root, 'project'));
    assert.equal(result.stdout.split('\n')[0], `../shared/${WARNING_LINE}`);
  });
});

describe('check: encodings', () => {
  // The same document, stored the ways regedit, Notepad and other tools write it.
  const text = crlf(HEADER, '', '; Zürich CAS 😀', AB_KEY, '"RpcTcpPort"=dword:0000e88d');
  const encodings: Record<string, Uint8Array> = {
    'utf16le-bom.reg': utf16le(text),
    'utf16be-bom.reg': utf16be(text),
    'utf16le.reg': utf16le(text, false),
    'utf16be.reg': utf16be(text, false),
    'utf8-bom.reg': utf8(text, true),
    'utf8.reg': utf8(text),
  };

  test('every encoding yields the same findings at the same positions', () => {
    const root = tree(encodings);
    const { code, stdout } = cli(['check', '--format', 'json', '.'], root);
    assert.equal(code, 1);
    const findings = JSON.parse(stdout) as { file: string; line: number; column: number; endColumn: number; code: string }[];
    assert.deepEqual(
      findings.map(({ file, line, column, endColumn, code: ruleId }) => `${file} ${ruleId} ${line}:${column}-${endColumn}`),
      Object.keys(encodings)
        .sort()
        .map((file) => `${file} static-port-wrong-type 5:14-28`),
    );
  });

  test('a binary file is skipped with a message and does not fail the run', () => {
    const root = tree({ 'blob.reg': Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00]), 'good.reg': GOOD_REG });
    assert.deepEqual(cli(['check', '.'], root), {
      code: 0,
      stdout: 'No problems (1 file checked, 1 not checked)\n',
      stderr: 'exchange-ports: blob.reg: skipped: binary content\n',
    });
  });
});

describe('check: configuration', () => {
  const RAISE_WARNINGS = '{ "rules": { "static-port-out-of-range": "error" } }';

  test('the nearest .exchange-ports.json above each file applies to it', () => {
    const root = tree({
      '.exchange-ports.json': RAISE_WARNINGS,
      'strict/warn.reg': WARNING_REG,
      'relaxed/.exchange-ports.json': '{ "rules": { "static-port-out-of-range": "off" } }',
      'relaxed/warn.reg': WARNING_REG,
    });
    assert.deepEqual(cli(['check', '.'], root), {
      code: 1,
      stdout:
        'strict/warn.reg:4:15: error static-port-out-of-range RPC Client Access static port 50000 is outside the recommended range 59531–60554.\n\n1 error, 0 warnings in 1 file (2 files checked)\n',
      stderr: '',
    });
  });

  test('a file outside the working directory without its own config uses the one above the working directory', () => {
    const root = tree({ 'project/.exchange-ports.json': RAISE_WARNINGS, 'elsewhere/warn.reg': WARNING_REG });
    assert.equal(cli(['check', '../elsewhere'], join(root, 'project')).code, 1);
  });

  test('--config replaces the search', () => {
    const root = tree({ '.exchange-ports.json': RAISE_WARNINGS, 'ci.json': '{ "rules": { "static-port-out-of-range": "off" } }', 'warn.reg': WARNING_REG });
    assert.deepEqual(cli(['check', '--config', 'ci.json', 'warn.reg'], root), { code: 0, stdout: 'No problems (1 file checked)\n', stderr: '' });
  });

  test('problems inside a valid config are findings on the config file, code "config"', () => {
    const root = tree({
      '.exchange-ports.json': '{\n  "rules": { "static-port-out-of-range": "loud" },\n  "colour": true\n}\n',
      'warn.reg': WARNING_REG,
    });
    assert.deepEqual(cli(['check', '.'], root), {
      code: 1,
      stdout: [
        '.exchange-ports.json:2:42: error config Rule "static-port-out-of-range" takes "error", "warning", "information", "hint" or "off".',
        '.exchange-ports.json:3:3: warning config Unknown setting "colour"; known settings: rules, staticPortRange, targetVersion, inlayHints, inlayHintsPowerShell, inlayHintsCmd, roles, maxFileSize.',
        WARNING_LINE,
        '',
        '1 error, 2 warnings in 2 files (1 file checked)',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  test('a config that is not JSON stops the run with exit 2 and one line, before any output', () => {
    const root = tree({ '.exchange-ports.json': '{ "rules": { ', 'warn.reg': WARNING_REG });
    assert.deepEqual(cli(['check', '.'], root), {
      code: 2,
      stdout: '',
      stderr: "exchange-ports: config '.exchange-ports.json' is not valid JSON: CloseBraceExpected at line 1, column 14\n",
    });
  });

  test('a missing --config file is exit 2 with one line', () => {
    const root = tree({ 'warn.reg': WARNING_REG });
    assert.deepEqual(cli(['check', '--config', 'nope.json', '.'], root), {
      code: 2,
      stdout: '',
      stderr: "exchange-ports: cannot read config 'nope.json': ENOENT: no such file or directory\n",
    });
  });

  test('a config in a directory named like a .reg file is no problem', () => {
    const root = tree({ 'warn.reg': WARNING_REG });
    mkdirSync(join(root, 'folder.reg'));
    assert.equal(cli(['check', '.'], root).code, 0);
  });
});
