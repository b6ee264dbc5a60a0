// `npm run test:vscode`: the extension-host suite in a VS Code that @vscode/test-electron downloads,
// for machines that can reach the VS Code download site. Where they cannot (this project's own
// machines), test/e2e/vscodeSuite.test.ts runs the same suite inside code-server.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildSuite, suiteIndex } from './build.mjs';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'exchange-ports-vscode-'));
// A copy: the suite edits the fixture, and a test run must leave the repository as it was.
const workspace = path.join(scratch, 'workspace');
cpSync(path.join(repoRoot, 'test/e2e/workspace'), workspace, { recursive: true });

try {
  await buildSuite();
  await runTests({
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: suiteIndex,
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      `--user-data-dir=${path.join(scratch, 'user-data')}`,
    ],
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
