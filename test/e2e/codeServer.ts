// Starts a throw-away code-server on 127.0.0.1: its own HOME, user data, extensions folder and
// settings, no gallery, no telemetry, so each run sees only the extension under test.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { tools } from './env';

export interface CodeServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  /** A copy of the fixture workspace: tests may edit and save its files. */
  workspace: string;
  /** Opens the workspace; `extra` adds query parameters such as the test payload. */
  url(extra?: Record<string, string>): string;
  /** The extension host's and the language client's logs, to explain a failure. */
  logs(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Installed with `--install-extension` before the server starts. */
  vsix?: string;
  /** Copied into a temp folder that becomes the opened workspace. */
  workspaceFixture: string;
  /** Passed through `--vscode-option`, e.g. `enable-smoke-test-driver`. */
  vscodeOptions?: string[];
  settings?: Record<string, unknown>;
}

const quietSettings = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.settings.enableNaturalLanguageSearch': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.enabled': false,
  'npm.fetchOnlinePackageInfo': false,
  'window.restoreWindows': 'none',
  'files.autoSave': 'off',
  'editor.hover.delay': 150,
  'editor.minimap.enabled': false,
  // Go to Line counts screen columns; workbench.ts converts with this tab size.
  'editor.tabSize': 4,
  'editor.inlayHints.enabled': 'on',
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggest.preview': false,
};

export async function startCodeServer(options: StartOptions): Promise<CodeServer> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'exchange-ports-e2e-'));
  const dirs = {
    home: path.join(root, 'home'),
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    workspace: path.join(root, 'workspace'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  cpSync(options.workspaceFixture, dirs.workspace, { recursive: true });
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(
    path.join(dirs.userData, 'User/settings.json'),
    JSON.stringify({ ...quietSettings, ...options.settings }, null, 2),
  );

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: path.join(dirs.home, '.config'),
    XDG_DATA_HOME: path.join(dirs.home, '.local/share'),
    XDG_CACHE_HOME: path.join(dirs.home, '.cache'),
    EXTENSIONS_GALLERY: '{}',
    PATH: `${path.dirname(tools.node)}:${process.env.PATH ?? ''}`,
  };
  delete env.VSCODE_IPC_HOOK_CLI;
  const common = [
    tools.codeServer,
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
  ];

  if (options.vsix) {
    const install = spawn(tools.node, [...common, '--install-extension', options.vsix], { env, stdio: 'pipe' });
    const { code, output } = await finished(install);
    if (code !== 0) throw new Error(`code-server --install-extension failed (${code}):\n${output}`);
  }

  const port = await freePort();
  const server = spawn(
    tools.node,
    [
      ...common,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      ...(options.vscodeOptions ?? []).flatMap((option) => ['--vscode-option', option]),
    ],
    // Its own process group, so stop() also ends the extension host and the language server.
    { env, stdio: 'pipe', detached: true },
  );
  // The server runs in its own process group: end it with this process, even when a runner's
  // timeout kills this process with a signal.
  const endServer = () => killGroup(server);
  const endAndExit = (signal: NodeJS.Signals) => {
    endServer();
    process.kill(process.pid, signal);
  };
  process.once('exit', endServer);
  process.once('SIGINT', endAndExit);
  process.once('SIGTERM', endAndExit);
  const log: string[] = [];
  server.stdout?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForHealthy(origin, server, 30_000);
  } catch (error) {
    killGroup(server);
    throw new Error(`${(error as Error).message}\ncode-server output:\n${log.join('')}`, { cause: error });
  }

  return {
    origin,
    port,
    workspace: dirs.workspace,
    url(extra = {}) {
      const query = new URLSearchParams({ folder: dirs.workspace, ...extra });
      return `${origin}/?${query}`;
    },
    logs() {
      return collectLogs(path.join(dirs.userData, 'logs'));
    },
    async stop() {
      const exited = new Promise<void>((resolve) => {
        if (server.exitCode !== null || server.signalCode !== null) resolve();
        else server.once('exit', () => resolve());
      });
      killGroup(server);
      await exited;
      process.off('exit', endServer);
      process.off('SIGINT', endAndExit);
      process.off('SIGTERM', endAndExit);
      rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

function finished(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output: output.join('') }));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealthy(origin: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`code-server exited with ${server.exitCode}`);
    try {
      const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not answer ${origin}/healthz within ${timeoutMs} ms`);
}

function collectLogs(dir: string): string {
  if (!existsSync(dir)) return '(no logs)';
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /exthost|Exchange Ports/i.test(file) && file.endsWith('.log'))
    .sort();
  return files.map((file) => `--- ${file}\n${readFileSync(path.join(dir, file), 'utf8')}`).join('\n');
}
