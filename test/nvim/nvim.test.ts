// Neovim 0.7 as a real LSP client of the bundled server (dist/server.js --stdio): it speaks UTF-16
// without saying so, debounces didChange and applies edits with its own code. probe.lua does the
// editor side and reports what Neovim saw; this file states what it must have seen.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

const repoRoot = path.resolve(import.meta.dirname, '../..');
// E2E_SERVER tries another build of the server (the default is what `npm run build` bundles).
const server = process.env.E2E_SERVER ?? path.join(repoRoot, 'dist/server.js');
const nvim = findNvim();

// Line 5 (0-based 4) sets the RPC Client Access port to 1234, below the recommended range.
// Line 7 puts ü (2 UTF-8 bytes, 1 UTF-16 unit) and 😀 (4 bytes, 2 units, 1 code point) before
// a malformed dword, so its range is right only when counted in UTF-16 units:
// `e86c` starts at UTF-16 column 19, code point 18, byte 23.
const document = [
  'Windows Registry Editor Version 5.00',
  '',
  '; Static RPC ports: Grüße 😀',
  '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]',
  '"TCP/IP Port"=dword:000004d2',
  '',
  '"Ünïcode 😀"=dword:e86c',
  '',
].join('\r\n');

interface NeovimDiagnostic {
  code: string;
  source: string;
  severity: number;
  lnum: number;
  col: number;
  end_col: number;
  text: string;
}

interface LspDiagnostic {
  code: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

interface ProbeResult {
  error?: string;
  offset_encoding: string;
  publishes: { version?: number; diagnostics: LspDiagnostic[] }[];
  diagnostics_before: NeovimDiagnostic[];
  hovers: ({ text: string; range?: LspDiagnostic['range'] } | null)[];
  action_titles: string[];
  lines_after: string[];
  diagnostics_after: NeovimDiagnostic[];
}

function findNvim(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v nvim'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

const WARNING = 2;
const ERROR = 1;

describe('Neovim 0.7 with the bundled server', { skip: nvim ? false : 'nvim is not installed (scripts/e2e-setup.sh installs it)' }, () => {
  let dir: string;
  let result: ProbeResult;

  before(() => {
    assert.ok(existsSync(server), `${server} is missing: run npm run build first`);
    dir = mkdtempSync(path.join(os.tmpdir(), 'exchange-ports-nvim-'));
    const file = path.join(dir, 'static-port.reg');
    writeFileSync(file, document);
    const input = {
      server: [process.execPath, server, '--stdio'],
      file,
      root: dir,
      filetype: 'reg',
      timeout_ms: 10_000,
      hovers: [
        { line: 4, character: 16 }, // inside dword:000004d2
        { line: 6, character: 20 }, // inside e86c, after 😀
      ],
      fix: { line: 6, character: 20, title: 'Write it as 8 hex digits: 0000e86c (= 59500)' },
    };
    writeFileSync(path.join(dir, 'input.json'), JSON.stringify(input));
    const run = spawnSync(
      nvim!,
      ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(import.meta.dirname, 'probe.lua')}`, '-c', 'cquit 2'],
      {
        cwd: dir,
        env: {
          ...process.env,
          // Neovim writes lsp.log (the server's stderr among it) under XDG_CACHE_HOME.
          XDG_CACHE_HOME: dir,
          XDG_STATE_HOME: dir,
          NVIM_PROBE_INPUT: path.join(dir, 'input.json'),
          NVIM_PROBE_OUTPUT: path.join(dir, 'output.json'),
        },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    const output = path.join(dir, 'output.json');
    assert.ok(existsSync(output), `nvim wrote no result (exit ${run.status}, signal ${run.signal}):\n${run.stdout}\n${run.stderr}`);
    result = JSON.parse(readFileSync(output, 'utf8')) as ProbeResult;
    const lspLog = path.join(dir, 'nvim/lsp.log');
    const log = existsSync(lspLog) ? readFileSync(lspLog, 'utf8') : '(no lsp.log)';
    assert.equal(result.error, undefined, `probe.lua failed:\n${result.error}\nlsp.log:\n${log}`);
    assert.equal(run.status, 0);
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('Neovim talks UTF-16, having announced no position encoding', () => {
    assert.equal(result.offset_encoding, 'utf-16');
  });

  test('the server publishes UTF-16 ranges for the line with astral characters', () => {
    const first = result.publishes[0].diagnostics.map(({ code, range }) => ({ code, range }));
    assert.deepEqual(first, [
      { code: 'static-port-out-of-range', range: { start: { line: 4, character: 14 }, end: { line: 4, character: 28 } } },
      { code: 'reg-dword-format', range: { start: { line: 6, character: 19 }, end: { line: 6, character: 23 } } },
    ]);
  });

  test('Neovim places each diagnostic on the text it is about', () => {
    assert.deepEqual(result.diagnostics_before, [
      { code: 'static-port-out-of-range', source: 'exchange-ports', severity: WARNING, lnum: 4, col: 14, end_col: 28, text: 'dword:000004d2' },
      // Byte columns: `"Ünïcode 😀"=dword:` is 23 bytes.
      { code: 'reg-dword-format', source: 'exchange-ports', severity: ERROR, lnum: 6, col: 23, end_col: 27, text: 'e86c' },
    ]);
  });

  test('hover on the port data names the service and the recommended range', () => {
    const text = result.hovers[0]?.text ?? '';
    assert.match(text, /`0x000004d2` = \*\*1234\*\* \(REG_DWORD\)/);
    assert.match(text, /RPC Client Access/);
    assert.match(text, /1234 is outside the recommended range 59531–60554/);
  });

  test('hover after the astral character finds the value under the cursor', () => {
    assert.match(result.hovers[1]?.text ?? '', /`0x0000e86c` = \*\*59500\*\*/);
    // `dword:e86c`, in UTF-16 columns.
    assert.deepEqual(result.hovers[1]?.range, { start: { line: 6, character: 13 }, end: { line: 6, character: 23 } });
  });

  test('the quick fix offered there is applied by Neovim at the right columns', () => {
    assert.ok(result.action_titles.includes('Write it as 8 hex digits: 0000e86c (= 59500)'), result.action_titles.join('\n'));
    // Neovim reads the CRLF file as fileformat=dos: its lines carry no \r.
    assert.equal(result.lines_after[6], '"Ünïcode 😀"=dword:0000e86c');
  });

  test('after the edit the server re-publishes without the fixed diagnostic', () => {
    assert.deepEqual(
      result.diagnostics_after.map(({ code, lnum }) => ({ code, lnum })),
      [{ code: 'static-port-out-of-range', lnum: 4 }],
    );
  });
});
