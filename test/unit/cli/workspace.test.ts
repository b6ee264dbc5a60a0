// `exchange-ports check DIR` compares the files of one run with each other: the workspace fixture
// (three Client Access servers, one perimeter firewall, a config raising static-port-mismatch to
// error) gives exactly the cross-file findings the editor shows.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { cli, crlf, HEADER, RPC_KEY, tree } from './helpers';

const FIXTURE = path.resolve(__dirname, '..', '..', 'fixtures', 'workspace');

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

const finding = (file: string, line: number, column: number, endColumn: number, severity: string, code: string, message: string): JsonFinding => ({
  file,
  line,
  column,
  endLine: line,
  endColumn,
  severity,
  code,
  message,
});

const AB_NOT_OPENED = 'Address Book static port 59533 is not allowed inbound by any firewall file of the workspace (firewall/perimeter.iptables).';

describe('CLI: cross-file findings', () => {
  test('check DIR over the workspace fixture', () => {
    const { code, stdout, stderr } = cli(['check', FIXTURE, '--format', 'json'], FIXTURE);
    assert.equal(stderr, '');
    assert.equal(code, 1);
    assert.deepEqual(JSON.parse(stdout) as JsonFinding[], [
      finding('firewall/perimeter.iptables', 11, 46, 51, 'information', 'static-port-not-opened', 'Port 59999 in the static RPC range 59531–60554 is opened, but no file of the workspace configures a static port there (configured: 59532, 59533, 59600).'),
      finding('servers/cas01.reg', 5, 15, 29, 'error', 'static-port-mismatch', 'RPC Client Access static port 59532 differs from 59600 in servers/cas02.reg: every server of the array needs the same port.'),
      finding('servers/cas01.reg', 8, 14, 21, 'warning', 'static-port-not-opened', AB_NOT_OPENED),
      finding('servers/cas02.reg', 5, 15, 29, 'error', 'static-port-mismatch', 'RPC Client Access static port 59600 differs from 59532 in servers/cas01.reg, servers/cas03.reg: every server of the array needs the same port.'),
      finding('servers/cas02.reg', 5, 15, 29, 'warning', 'static-port-not-opened', 'RPC Client Access static port 59600 is not allowed inbound by any firewall file of the workspace (firewall/perimeter.iptables).'),
      finding('servers/cas02.reg', 8, 14, 21, 'warning', 'static-port-not-opened', AB_NOT_OPENED),
      finding('servers/cas03.reg', 5, 15, 29, 'error', 'static-port-mismatch', 'RPC Client Access static port 59532 differs from 59600 in servers/cas02.reg: every server of the array needs the same port.'),
      finding('servers/cas03.reg', 8, 14, 21, 'warning', 'static-port-not-opened', AB_NOT_OPENED),
    ]);
  });

  test('the workspace is the files of the run: one file alone has nothing to differ from', () => {
    const { code, stdout } = cli(['check', 'servers/cas02.reg', '--format', 'json'], FIXTURE);
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(stdout), []);
  });

  test('the first file checked already sees the last one', () => {
    const root = tree({
      'a.reg': crlf(HEADER, '', RPC_KEY, '"TCP/IP Port"=dword:0000e88c'),
      'z.reg': crlf(HEADER, '', RPC_KEY, '"TCP/IP Port"=dword:0000e88d'),
    });
    const { stdout } = cli(['check', '.'], root);
    assert.equal(
      stdout,
      [
        'a.reg:4:15: warning static-port-mismatch RPC Client Access static port 59532 differs from 59533 in z.reg: every server of the array needs the same port.',
        'z.reg:4:15: warning static-port-mismatch RPC Client Access static port 59533 differs from 59532 in a.reg: every server of the array needs the same port.',
        '',
        '0 errors, 2 warnings in 2 files (2 files checked)',
        '',
      ].join('\n'),
    );
  });
});
