// `npm run screenshots`: pictures for the README from the real editor (code-server with the
// packaged extension), written to docs/images/. Each picture waits for what it must show, so a
// broken feature fails the run instead of producing an empty picture.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { openBrowser, step } from './browser';
import { startCodeServer } from './codeServer';
import { missingTools, repoRoot, vsixPath } from './env';
import * as workbench from './workbench';

const imagesDir = path.join(repoRoot, 'docs/images');

/** The smallest rectangle holding every element, with a margin, inside the page. */
async function clipAround(page: Page, parts: Locator[], margin = 8) {
  const boxes = (await Promise.all(parts.map((part) => part.boundingBox()))).filter((box) => box !== null);
  if (boxes.length === 0) throw new Error('nothing to photograph');
  const viewport = page.viewportSize()!;
  const x = Math.max(0, Math.min(...boxes.map((box) => box.x)) - margin);
  const y = Math.max(0, Math.min(...boxes.map((box) => box.y)) - margin);
  const right = Math.min(viewport.width, Math.max(...boxes.map((box) => box.x + box.width)) + margin);
  const bottom = Math.min(viewport.height, Math.max(...boxes.map((box) => box.y + box.height)) + margin);
  return { x, y, width: right - x, height: bottom - y };
}

async function shoot(page: Page, name: string, parts: Locator[]): Promise<void> {
  const file = path.join(imagesDir, name);
  await page.screenshot({ path: file, clip: await clipAround(page, parts) });
  console.log(`wrote ${path.relative(repoRoot, file)}`);
}

async function main(): Promise<void> {
  const missing = missingTools();
  if (missing.length > 0) throw new Error(`missing ${missing.join(', ')}: run scripts/e2e-setup.sh`);
  mkdirSync(imagesDir, { recursive: true });
  const server = await startCodeServer({
    vsix: vsixPath,
    workspaceFixture: path.join(import.meta.dirname, 'workspace'),
    // Pictures, not timing: a slower hover does not matter, a larger font does.
    settings: { 'editor.fontSize': 15, 'workbench.colorTheme': 'Default Light Modern' },
  });
  const session = await openBrowser({ width: 1400, height: 900 });
  const { page } = session;
  try {
    await page.goto(server.url());
    await step(page, 'shots-workbench', () => workbench.waitForWorkbench(page));
    // The editor gets the whole width in the pictures: the Explorer closes once a file is open.
    const open = async (name: string) => {
      await workbench.openFile(page, name);
      await workbench.hideSideBar(page);
    };
    const editorPart = page.locator('.part.editor');
    // The top-left corner of the editor: pictures span from there to what they show.
    const corner = page.locator('.part.editor .tab').first();

    await step(page, 'shots-hover', async () => {
      await open('static-port.reg');
      await page.locator(workbench.selectors.squiggle('warning')).first().waitFor({ timeout: workbench.timeouts.startup });
      // Line 5 is `"TCP/IP Port"=dword:000004d2`: column 17 is inside the data.
      const hover = await workbench.hoverAt(page, { line: 5, column: 17 });
      await hover.getByText('Recommended range: 59531–60554', { exact: false }).first().waitFor({ timeout: workbench.timeouts.ui });
      await shoot(page, 'hover.png', [corner, hover]);
      await page.mouse.move(1, 1);
      await page.keyboard.press('Escape');
    });

    await step(page, 'shots-quick-fix', async () => {
      const row = await workbench.openQuickFix(page, { line: 5, column: 17 }, 'Set the RPC Client Access port to 59532');
      await row.hover();
      await shoot(page, 'quick-fix.png', [corner, page.locator('.view-line').nth(8), page.locator(workbench.selectors.actionWidget).first()]);
      await page.keyboard.press('Escape');
    });

    await step(page, 'shots-problems', async () => {
      await open('several-problems.reg');
      await page.locator(workbench.selectors.squiggle('error')).first().waitFor({ timeout: workbench.timeouts.startup });
      const panel = await workbench.showProblems(page);
      await page.locator(workbench.selectors.problemsRow, { hasText: 'reg-dword-format' }).first().waitFor({ timeout: workbench.timeouts.ui });
      await shoot(page, 'problems.png', [editorPart, panel]);
      await workbench.closePanel(page);
    });

    await step(page, 'shots-firewall', async () => {
      await open('edge-transport.rules.v4');
      await page.locator(workbench.selectors.codeLens, { hasText: '2 required ports: 1 open, 1 missing' }).first().waitFor({ timeout: workbench.timeouts.startup });
      await page.locator(workbench.selectors.squiggle('warning')).first().waitFor({ timeout: workbench.timeouts.ui });
      const panel = await workbench.showProblems(page);
      // Only this file's problems: the .reg files' rows would fill the panel otherwise.
      const filter = panel.page().getByPlaceholder(/^Filter \(e\.g\. text/);
      await filter.fill('**/edge-transport.rules.v4');
      await page.locator(workbench.selectors.problemsRow, { hasText: 'static-port-out-of-range' }).first().waitFor({ state: 'detached', timeout: workbench.timeouts.ui });
      for (const rule of ['missing-required-port', 'plaintext-protocol-exposed']) {
        await page.locator(workbench.selectors.problemsRow, { hasText: rule }).first().waitFor({ timeout: workbench.timeouts.ui });
      }
      await shoot(page, 'firewall.png', [editorPart, panel]);
      await filter.fill('');
      await workbench.closePanel(page);
    });

    await step(page, 'shots-snippet', async () => {
      await open('new-file.reg');
      await page.keyboard.type('exchange-static-rpc');
      await page.keyboard.press('Control+Space');
      const row = page.locator(workbench.selectors.suggestRow).filter({ hasText: 'exchange-static-rpc' }).first();
      await row.waitFor({ timeout: workbench.timeouts.ui });
      // Details beside the list show the body the snippet inserts.
      const details = page.locator('.suggest-details-container .suggest-details');
      if (!(await details.isVisible())) await page.keyboard.press('Control+Space');
      await details.waitFor({ state: 'visible', timeout: workbench.timeouts.ui });
      await shoot(page, 'snippet.png', [corner, page.locator('.suggest-widget'), details]);
      await row.click();
      // The first placeholder (the RPC port) is selected, and the inlay hint reads it in decimal.
      await page.locator(workbench.selectors.inlayHint, { hasText: '59532' }).first().waitFor({ timeout: workbench.timeouts.ui });
      await shoot(page, 'snippet-inserted.png', [corner, page.locator('.view-line').filter({ hasText: 'Restart-Service' })]);
      await page.keyboard.press('Escape');
    });
  } finally {
    await session.close();
    await server.stop();
  }
  if (session.blocked.length > 0) throw new Error(`the editor tried to reach other hosts: ${session.blocked.join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
