// The shipped command, as CI runs it: `node dist/cli.js`. The bundle is rebuilt first when it is
// missing or older than the sources (so this file also passes when run on its own, not via npm test).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { languageOfFileName } from '../../../server/src/service/workspace';

const BUNDLE = 'dist/cli.js';

function newestSource(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestSource(join(path, name))));
}

function bundleIsStale(): boolean {
  try {
    return statSync(BUNDLE).mtimeMs < Math.max(newestSource('server/src'), newestSource('package.json'), newestSource('esbuild.mjs'));
  } catch {
    return true;
  }
}

function exchangePorts(...args: string[]) {
  const result = spawnSync(process.execPath, [BUNDLE, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dist/cli.js', () => {
  before(() => {
    if (bundleIsStale()) execFileSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
  });

  test('is an executable script with the package version', () => {
    assert.ok(readFileSync(BUNDLE, 'utf8').startsWith('#!/usr/bin/env node\n'));
    const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
    assert.deepEqual(exchangePorts('--version'), { code: 0, stdout: `${version}\n`, stderr: '' });
  });

  test('checks the examples: the broken ones fail the run', () => {
    const { code, stdout, stderr } = exchangePorts('check', 'examples');
    assert.equal(stderr, '');
    assert.equal(code, 1);
    assert.match(stdout, /^examples\/cas-static-ports-broken\.reg:5:2: error reg-hive-abbreviation /);
    assert.doesNotMatch(stdout, /cas-static-ports-good/);
    assert.match(stdout, new RegExp(`\\(${supportedFilesUnder('examples')} files checked\\)\\n$`));
  });

  test('the good example passes on its own, exported by regedit (UTF-16LE) or as UTF-8', () => {
    assert.deepEqual(exchangePorts('check', 'examples/cas-static-ports-good.reg', 'examples/cas-static-ports-good.utf8.reg'), {
      code: 0,
      stdout: 'No problems (2 files checked)\n',
      stderr: '',
    });
  });

  test('writes SARIF that parses as JSON', () => {
    const { code, stdout } = exchangePorts('check', '--format', 'sarif', 'examples');
    assert.equal(code, 1);
    assert.equal(JSON.parse(stdout).version, '2.1.0');
  });

  test('user mistakes: exit 2 and one line on stderr, never a stack trace', () => {
    assert.deepEqual(exchangePorts('port', '70000'), { code: 2, stdout: '', stderr: "exchange-ports: '70000' is not a port number (1–65535)\n" });
    assert.deepEqual(exchangePorts('check', 'no-such-dir'), {
      code: 2,
      stdout: 'No problems (0 files checked, 1 not checked)\n',
      stderr: "exchange-ports: cannot read 'no-such-dir': ENOENT: no such file or directory\n",
    });
  });
});

function supportedFilesUnder(dir: string): number {
  return readdirSync(dir).reduce((count, name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return count + supportedFilesUnder(path);
    return count + (languageOfFileName(name) ? 1 : 0);
  }, 0);
}
