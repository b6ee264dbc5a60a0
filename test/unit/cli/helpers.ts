// Runs the CLI in-process against small file trees written to a temporary directory.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import { run } from '../../../server/src/cli/main';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(argv: string[], cwd: string, env: Record<string, string> = {}, stdoutIsTTY = false): CliResult {
  let stdout = '';
  let stderr = '';
  const code = run(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd,
    env,
    stdoutIsTTY,
  });
  return { code, stdout, stderr };
}

const directories: string[] = [];
after(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

/** Writes `files` (path → text, or bytes for exact encodings) under a fresh temporary directory. */
export function tree(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), 'exchange-ports-cli-'));
  directories.push(root);
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return root;
}

/** Lines joined with CRLF, as regedit writes them. */
export function crlf(...lines: string[]): string {
  return lines.map((line) => `${line}\r\n`).join('');
}

export const HEADER = 'Windows Registry Editor Version 5.00';
export const RPC_KEY = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]';
export const AB_KEY = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters]';

/** RPC Client Access on 50000: one `static-port-out-of-range` warning at 4:15. */
export const WARNING_REG = crlf(HEADER, '', RPC_KEY, '"TCP/IP Port"=dword:0000c350');
/** Address Book port as a DWORD: one `static-port-wrong-type` error at 4:14. */
export const ERROR_REG = crlf(HEADER, '', AB_KEY, '"RpcTcpPort"=dword:0000e88d');
/** Both static ports right. */
export const GOOD_REG = crlf(HEADER, '', RPC_KEY, '"TCP/IP Port"=dword:0000e88c', '', AB_KEY, '"RpcTcpPort"="59533"');

export function utf16le(text: string, bom = true): Uint8Array {
  return Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(text, 'utf16le')]);
}

export function utf16be(text: string, bom = true): Uint8Array {
  const little = Buffer.from(text, 'utf16le');
  return Buffer.concat([Buffer.from(bom ? [0xfe, 0xff] : []), little.swap16()]);
}

export function utf8(text: string, bom = false): Uint8Array {
  return Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text, 'utf8')]);
}
