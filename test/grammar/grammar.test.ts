// The .reg grammar. Most cases are assertion files (`test/grammar/*.test.reg`, `; ^^^ scope` lines
// under the line they check) run by vscode-tmgrammar-test, one Node test per file so a failure
// names the file. The rest tokenizes directly: lines that still end in CR, and a whole export.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { IGrammar } from 'vscode-textmate';
import { invalidTokens, loadRegGrammar, REG_GRAMMAR_PATH, REPO_ROOT, tokenizeLines } from './textmate';

const ASSERTION_FILES = [
  'comments.test.reg',
  'crlf.test.reg',
  'dword.test.reg',
  'header-invalid.test.reg',
  'header-missing.test.reg',
  'header-regedit4.test.reg',
  'header-v5.test.reg',
  'hex.test.reg',
  'keys.test.reg',
  'values.test.reg',
];

function grammarTestCli(): string {
  const manifestPath = require.resolve('vscode-tmgrammar-test/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: Record<string, string> };
  return join(dirname(manifestPath), manifest.bin['vscode-tmgrammar-test']);
}

/** Exit status and output of vscode-tmgrammar-test on one file. */
function runAssertionFile(cli: string, file: string): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    // Run through node rather than the .bin shim, which is a .cmd file on Windows.
    execFile(process.execPath, [cli, '--compact', '--grammar', REG_GRAMMAR_PATH, join('test', 'grammar', file)], { cwd: REPO_ROOT }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, output: stdout + stderr });
    });
  });
}

// Each file starts its own Oniguruma, so the files run side by side.
describe('reg grammar assertion files', { concurrency: true }, () => {
  test('every assertion file is listed here', () => {
    const found = readdirSync(__dirname).filter((file) => file.endsWith('.test.reg')).sort();
    assert.deepEqual(found, ASSERTION_FILES);
  });

  const cli = grammarTestCli();
  for (const file of ASSERTION_FILES) {
    test(file, async () => {
      const run = await runAssertionFile(cli, file);
      assert.equal(run.status, 0, `${file} failed:\n${run.output}`);
    });
  }
});

describe('reg grammar on raw text', () => {
  let grammar: IGrammar;
  before(async () => {
    grammar = await loadRegGrammar();
  });

  const exported = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'grammar', 'exchange-ports.reg'), 'utf8');

  test('a regedit export has no invalid token', () => {
    assert.deepEqual(invalidTokens(tokenizeLines(grammar, exported.split(/\r?\n/))), []);
  });

  // VS Code strips the CR before tokenizing; other hosts hand it over with the line.
  test('lines that keep their CR get the same scopes', () => {
    const withoutCr = tokenizeLines(grammar, exported.split(/\r?\n/));
    const withCr = tokenizeLines(grammar, exported.split('\n'));
    assert.deepEqual(invalidTokens(withCr), []);
    const visible = (lines: typeof withCr) =>
      lines.map((line) => line.filter((token) => token.text.trim() !== '').map((token) => `${token.text.trimEnd()} ${token.scopes.join(' ')}`));
    assert.deepEqual(visible(withCr), visible(withoutCr));
  });

  test('a hex list continued over a CR LF keeps its scopes on the next line', () => {
    const lines = tokenizeLines(grammar, ['Windows Registry Editor Version 5.00\r', '"Ports"=hex(7):35,00,\\\r', '  00,00\r']);
    assert.deepEqual(lines[1].at(-2), { text: '\\', scopes: ['meta.value.reg', 'meta.data.hex.reg', 'punctuation.separator.continuation.line.reg'] });
    assert.deepEqual(
      lines[2].map((token) => [token.text, token.scopes.at(-1)]),
      [
        ['  ', 'meta.data.hex.reg'],
        ['00', 'constant.numeric.hex.reg'],
        [',', 'punctuation.separator.sequence.reg'],
        ['00', 'constant.numeric.hex.reg'],
        ['\r', 'meta.data.hex.reg'],
      ],
    );
  });

  test('a byte order mark left in the first line still reads as the header', () => {
    const [header] = tokenizeLines(grammar, ['\uFEFFWindows Registry Editor Version 5.00']);
    assert.deepEqual(header.at(-1), { text: 'Windows Registry Editor Version 5.00', scopes: ['meta.header.reg', 'keyword.other.header.reg'] });
  });
});
