// Limits and encodings: a file over `maxFileSize` gets syntax checks only, with one notice; binary
// content is reported once and not parsed; the CLI skips what it cannot read (FIFOs, symlink loops,
// binary files) and says so in its exit code; positions are UTF-16 code units whatever the
// encoding and line endings, in the service and in the CLI's JSON.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parseConfigFile } from '../../server/src/service/config';
import { decodeBytes } from '../../server/src/service/decode';
import { cli, crlf, HEADER, RPC_KEY, tree, utf16be, utf16le, utf8 } from '../unit/cli/helpers';
import { findingsOf } from '../unit/support/service';

/** One static-port-out-of-range (a rule that reads values across the file) and one reg-syntax. */
const BOTH = crlf(HEADER, '', RPC_KEY, '"TCP/IP Port"=dword:0000c350', '"Broken"=dword:zz');

describe('maxFileSize: syntax checks only above it', () => {
  test('under the limit every rule runs', () => {
    assert.deepEqual(findingsOf('reg', BOTH), ['static-port-out-of-range warning 4:15-4:29', 'reg-dword-format error 5:16-5:18']);
  });

  test('over it, the syntax rules and one notice at the top', () => {
    const limit = 100 / (1024 * 1024);
    assert.ok(BOTH.length > 100);
    assert.deepEqual(findingsOf('reg', BOTH, { maxFileSize: limit }), ['file-too-large information 1:1-1:1', 'reg-dword-format error 5:16-5:18']);
  });

  test('the notice can be turned off like any rule', () => {
    assert.deepEqual(findingsOf('reg', BOTH, { maxFileSize: 0.00001, rules: { 'file-too-large': 'off' } }), ['reg-dword-format error 5:16-5:18']);
  });

  test('firewall files keep firewall-syntax and invalid-port', () => {
    const text = '*filter\n-A INPUT -p tcp --dport 70000 -j ACCEPT\n-A INPUT -p tcp --dport 135 -j ACCEPT\n-A INPUT -p tcp --dport\nCOMMIT\n';
    const findings = findingsOf('iptables', text, { maxFileSize: 0.00001 });
    assert.equal(findings[0], 'file-too-large information 1:1-1:1');
    assert.ok(findings.slice(1).every((finding) => /^(firewall-syntax|invalid-port) /.test(finding)), findings.join('\n'));
    assert.ok(findings.length >= 3, findings.join('\n'));
    assert.ok(findingsOf('iptables', text).some((finding) => finding.startsWith('sensitive-port-any-source')));
  });

  test('the setting is validated', () => {
    assert.deepEqual(parseConfigFile('{ "maxFileSize": 200 }').settings, { maxFileSize: 200 });
    for (const bad of ['0', '-1', '"50"', 'null', '[]']) {
      assert.deepEqual(parseConfigFile(`{ "maxFileSize": ${bad} }`).problems.map((problem) => problem.message), ['"maxFileSize" must be a number of megabytes greater than 0.']);
    }
  });
});

describe('binary content in an editor buffer', () => {
  test('one notice at the first NUL, nothing parsed', () => {
    assert.deepEqual(findingsOf('reg', `${BOTH}\u0000\u0001\u0002`), ['binary-content information 6:1-6:2']);
    assert.deepEqual(findingsOf('powershell', 'MZ\u0000\u0000\u0090'), ['binary-content information 1:3-1:4']);
  });
});

describe('the CLI skips what it cannot read and says so', () => {
  test('a binary file: a warning, the others checked, exit code unchanged', () => {
    const root = tree({ 'a.reg': utf8(BOTH), 'blob.reg': new Uint8Array([0x4d, 0x5a, 0x00, 0x01, 0x00, 0x00, 0x02]) });
    const result = cli(['check', '--format', 'json', '.'], root);
    assert.equal(result.stderr, 'exchange-ports: blob.reg: skipped: binary content\n');
    assert.equal(result.code, 1);
    assert.deepEqual(JSON.parse(result.stdout).map((finding: { file: string; code: string }) => `${finding.file} ${finding.code}`), ['a.reg static-port-out-of-range', 'a.reg reg-dword-format']);
  });

  test('a directory symlink loop is entered once', () => {
    const root = tree({ 'servers/a.reg': utf8(BOTH) });
    fs.symlinkSync('..', path.join(root, 'servers', 'up'));
    const result = cli(['check', '--format', 'json', '.'], root);
    assert.equal(result.stderr, '');
    assert.deepEqual(JSON.parse(result.stdout).map((finding: { file: string }) => finding.file), ['servers/a.reg', 'servers/a.reg']);
  });

  test('a dangling link where a checked file should be, and a FIFO: reported, the rest checked, exit 2', () => {
    const root = tree({ 'a.reg': utf8(BOTH) });
    fs.symlinkSync('missing.reg', path.join(root, 'dangling.reg'));
    // Node has no mkfifo: the system's, where there is one (not on Windows).
    const hasFifo = spawnSync('mkfifo', [path.join(root, 'pipe.reg')]).status === 0;
    const walked = cli(['check', '--format', 'json', '.'], root);
    assert.equal(walked.code, 2);
    assert.match(walked.stderr, /^exchange-ports: cannot read 'dangling\.reg': ENOENT/);
    assert.equal(JSON.parse(walked.stdout).length, 2);
    if (!hasFifo) return;
    // Named on the command line, a FIFO would block reading forever: refused instead.
    const named = cli(['check', '--format', 'json', 'pipe.reg', 'a.reg'], root);
    assert.equal(named.code, 2);
    assert.equal(named.stderr, "exchange-ports: cannot read 'pipe.reg': not a regular file\n");
    assert.equal(JSON.parse(named.stdout).length, 2);
  });

  test('an unreadable directory: skipped with a message, exit 2 (skipped as root, who reads everything)', (context) => {
    if (process.getuid?.() === 0) {
      context.skip('running as root: chmod 000 does not stop root from reading');
      return;
    }
    const root = tree({ 'a.reg': utf8(BOTH), 'locked/b.reg': utf8(BOTH) });
    fs.chmodSync(path.join(root, 'locked'), 0o000);
    try {
      const result = cli(['check', '--format', 'json', '.'], root);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /cannot read directory 'locked': EACCES/);
      assert.equal(JSON.parse(result.stdout).length, 2);
    } finally {
      fs.chmodSync(path.join(root, 'locked'), 0o755);
    }
  });
});

describe('encodings and line endings: positions in UTF-16 code units', () => {
  // 😀 is two UTF-16 code units (one code point): `"😀"=dword:` is 11 units, so the bad data starts
  // at column 12 (1-based), where a code-point count would say 11.
  const text = (eol: string) => [HEADER, '', RPC_KEY, '"😀"=dword:zz', ''].join(eol);

  test('the service counts the surrogate pair as two units', () => {
    assert.deepEqual(findingsOf('reg', text('\r\n')), ['reg-dword-format error 4:12-4:14']);
  });

  for (const [name, encode] of [
    ['UTF-8', (value: string) => utf8(value)],
    ['UTF-8 with BOM', (value: string) => utf8(value, true)],
    ['UTF-16LE with BOM', (value: string) => utf16le(value)],
    ['UTF-16BE with BOM', (value: string) => utf16be(value)],
    ['UTF-16LE without BOM', (value: string) => utf16le(value, false)],
  ] as const) {
    for (const [eolName, eol] of [
      ['CRLF', '\r\n'],
      ['LF', '\n'],
    ] as const) {
      test(`${name}, ${eolName}: the same text, the same CLI columns`, () => {
        const bytes = encode(text(eol));
        assert.equal(decodeBytes(bytes).text, text(eol));
        const result = cli(['check', '--format', 'json', 'x.reg'], tree({ 'x.reg': bytes }));
        const findings = (JSON.parse(result.stdout) as { line: number; column: number; endLine: number; endColumn: number; code: string }[]).map(({ line, column, endLine, endColumn, code }) => ({ line, column, endLine, endColumn, code }));
        assert.deepEqual(findings, [{ line: 4, column: 12, endLine: 4, endColumn: 14, code: 'reg-dword-format' }]);
      });
    }
  }

  test('mixed line endings: lines count CRLF, LF and lone CR as editors do', () => {
    const mixed = `${HEADER}\r\n\n${RPC_KEY}\r"TCP/IP Port"=dword:0000c350\n`;
    assert.deepEqual(findingsOf('reg', mixed), ['static-port-out-of-range warning 4:15-4:29']);
  });
});
