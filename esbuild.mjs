// One script bundles the three entry points: the VS Code client (vscode stays external),
// the language server and the CLI. All CommonJS for Node 20 and VS Code's extension host.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // jsonc-parser's `main` is a UMD build that esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  // The workspace indexer's worker thread, started by the server from beside it.
  { entryPoints: ['server/src/lsp/indexWorker.ts'], outfile: 'dist/indexWorker.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

if (watch) {
  for (const options of builds) {
    const context = await esbuild.context({ ...common, ...options });
    await context.watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build({ ...common, ...options })));
}
