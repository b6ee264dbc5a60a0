// Debian's Chromium driven by playwright-core, fenced to 127.0.0.1: every other HTTP request is
// aborted and remembered, every other host name resolves to nothing, and WebSockets to other
// hosts are remembered too, so a test can fail when the editor tried to reach the network.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { resultsDir, tools } from './env';

export interface Session {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** URLs of requests and WebSockets that left 127.0.0.1 (all failed). */
  blocked: string[];
  close(): Promise<void>;
}

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // WebSockets are fenced here, not by routing them: Playwright's WebSocket routing replaces the
  // page's WebSocket with a mock that relays every frame of code-server's connection in
  // JavaScript; with it, runs on a loaded machine stalled: file reads and writes went unanswered
  // while code-server sat idle.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:') return true;
  return hostname === '127.0.0.1';
}

export async function openBrowser(viewport = { width: 1280, height: 800 }): Promise<Session> {
  const browser = await chromium.launch({ executablePath: tools.chromium, args: chromiumArgs, headless: true });
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('websocket', (socket) => {
    if (!isLocal(socket.url().replace(/^ws/, 'http'))) blocked.push(socket.url());
  });
  return {
    browser,
    context,
    page,
    blocked,
    async close() {
      await context.close();
      await browser.close();
    },
  };
}

/**
 * Runs one awaited step; when it throws (a timed-out wait, a wrong text), saves a screenshot
 * named after the step and rethrows with the step's name and the picture's path.
 */
export async function step<T>(page: Page, name: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
    await page.screenshot({ path: file }).catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${name} failed (screenshot: ${path.relative(process.cwd(), file)})\n${reason}`, { cause: error });
  }
}
