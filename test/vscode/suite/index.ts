// The entry VS Code calls in the extension host (`extensionTestsPath`): runs the bundled mocha
// suites beside this file and resolves or rejects with the outcome. Both launchers use it:
// test/vscode/runTest.mjs (@vscode/test-electron) and test/e2e/vscodeSuite.test.ts (code-server).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()));
  });
}
