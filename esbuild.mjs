// One script bundles the entry points: the VS Code client (vscode stays external), the language
// server in two parts and the CLI. All CommonJS for Node 20 and VS Code's extension host.
// The server's entry (dist/server.js) answers `initialize` with a few kilobytes of code and then
// loads the rest (dist/service.js): its import of lsp/languageServer stays a require at run time.
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

/** server.ts → dist/server.js requires dist/service.js when it needs it, instead of bundling it. */
const languageServerLoadedLater = {
  name: 'language-server-loaded-later',
  setup(build) {
    build.onResolve({ filter: /^\.\/lsp\/languageServer$/ }, () => ({ path: './service.js', external: true }));
  },
};

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  // `import()` of a CommonJS file goes through the ESM loader, which scans the whole 1 MB bundle
  // for export names first; as a require it loads 60–90 ms sooner.
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', plugins: [languageServerLoadedLater], supported: { 'dynamic-import': false } },
  { entryPoints: ['server/src/lsp/languageServer.ts'], outfile: 'dist/service.js' },
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
