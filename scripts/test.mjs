// Runs the unit, grammar, protocol, editor-client and robustness suites with Node's own test runner.
// Node 20 expands no globs for `node --test` and cannot strip TypeScript, hence this script
// (files found here, `--import tsx` for the .ts tests). Extra arguments go to the runner. The
// property tests' seed is fixed by test/support/propertySeed.mjs.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const suites = ['test/unit', 'test/grammar', 'test/protocol', 'test/nvim', 'test/robustness'];

function testFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = suites.flatMap(testFiles).sort();
const result = spawnSync(process.execPath, ['--import', './test/support/propertySeed.mjs', '--import', 'tsx', '--test', '--test-reporter=spec', ...process.argv.slice(2), ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
