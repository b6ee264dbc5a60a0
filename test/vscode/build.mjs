// Bundles the extension-host suite into out/vscode-suite/ (CommonJS, `vscode` external): the
// extension host loads plain JavaScript, and one bundle per file lets mocha load each suite.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';

const here = import.meta.dirname;
export const suiteDir = path.resolve(here, '../../out/vscode-suite');
export const suiteIndex = path.join(suiteDir, 'index.js');

export async function buildSuite() {
  const sources = path.join(here, 'suite');
  const entryPoints = readdirSync(sources)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(sources, name));
  await esbuild.build({
    entryPoints,
    outdir: suiteDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    // mocha's package entry is ESM re-exporting lib/mocha.cjs; the CommonJS build bundles cleanly.
    alias: { mocha: 'mocha/lib/mocha.cjs' },
    sourcemap: 'inline',
    // Mocha's parallel mode (worker files found by require.resolve) is never used here.
    logOverride: { 'require-resolve-not-external': 'silent' },
    logLevel: 'warning',
  });
}

// No top-level await: the node:test launcher loads this file through tsx as CommonJS.
if (process.argv[1] === import.meta.filename) {
  buildSuite().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
