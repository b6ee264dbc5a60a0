// Runs the extension-host suite (test/vscode/suite) inside code-server, where @vscode/test-electron
// cannot download VS Code: code-server's smoke-test driver reads the extension-development payload
// from the URL, runs the suite in its extension host and reports the exit code to the page.
import path from 'node:path';
import { format } from 'node:util';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, step, type Session } from './browser';
import { startCodeServer, type CodeServer } from './codeServer';
import { missingTools, repoRoot } from './env';
import { buildSuite, suiteIndex } from '../vscode/build.mjs';

const missing = missingTools();
const SUITE_TIMEOUT_MS = 180_000;

let server: CodeServer | undefined;
let session: Session | undefined;

before(async () => {
  if (missing.length > 0) return;
  await buildSuite();
  server = await startCodeServer({
    workspaceFixture: path.join(import.meta.dirname, 'workspace'),
    vscodeOptions: ['enable-smoke-test-driver'],
  });
  session = await openBrowser();
});

after(async () => {
  await session?.close();
  await server?.stop();
});

test(
  'the extension-host suite passes in code-server',
  { skip: missing.length > 0 ? `missing ${missing.join(', ')}: run scripts/e2e-setup.sh` : false, timeout: SUITE_TIMEOUT_MS + 30_000 },
  async () => {
    const { page, blocked } = session!;
    const log: string[] = [];
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    // The suite's console output arrives as console.log arguments: a format string and its values.
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => log.push(format(...args)));
    const remote = (file: string) => `vscode-remote://127.0.0.1:${server!.port}${file}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['extensionTestsPath', remote(suiteIndex)],
    ]);
    await page.goto(server!.url({ payload }));
    const code = await step(page, 'vscode-suite', () =>
      Promise.race([
        exitCode,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`no result within ${SUITE_TIMEOUT_MS} ms`)), SUITE_TIMEOUT_MS).unref(),
        ),
      ]),
    );
    const output = log.join('\n');
    // The workbench logs plenty of its own; mocha's report starts at the suite's title.
    const report = output.slice(output.indexOf('Exchange Ports in the extension host')).split('\n');
    console.log(report.filter((line) => !/^(Ignoring fetching|Updating) additional builtin extensions/.test(line)).join('\n'));
    assert.equal(code, 0, `the extension-host suite failed:\n${output}\n${server!.logs()}`);
    assert.match(output, /13 passing/);
    assert.deepEqual(blocked, [], 'the editor tried to reach hosts other than 127.0.0.1');
  },
);
