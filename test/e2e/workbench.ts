// What a person does in the VS Code workbench, as Playwright steps with explicit waits.
// Selectors are those of VS Code 1.139 as served by code-server 4.139.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';

export const timeouts = {
  /** First load of the workbench, extension activation and the first diagnostics. */
  startup: 90_000,
  ui: 15_000,
  /** The Explorer's first listing of the workspace. */
  listing: 30_000,
};

export const selectors = {
  workbench: '.monaco-workbench',
  quickInput: '.quick-input-widget input',
  editor: '.editor-instance .monaco-editor',
  focusedEditor: '.editor-instance .monaco-editor.focused',
  cursor: '.editor-instance .monaco-editor .cursor',
  hover: '.monaco-hover:not(.hidden)',
  problemsStatus: '#status\\.problems',
  problemsRow: '.markers-panel .monaco-list-row',
  actionWidget: '.action-widget',
  dirtyTab: '.tab.active.dirty',
  actionRow: '.action-widget .monaco-list-row',
  suggestRow: '.suggest-widget .monaco-list-row',
  inlayHint: '.editor-instance .monaco-editor .view-lines [class*="dyn-rule"]',
  codeLens: '.editor-instance .monaco-editor .codelens-decoration',
  squiggle: (severity: 'warning' | 'error') => `.editor-instance .monaco-editor .squiggly-${severity}`,
};

export interface Position {
  /** 1-based, as VS Code's "Go to Line" reads it. */
  line: number;
  /**
   * 1-based, in UTF-16 code units, as the Problems panel counts. Go to Line and the status bar
   * count screen columns instead: see `screenColumn`.
   */
  column: number;
}

/** The tab size the test settings pin (codeServer.ts), so screen columns are known in advance. */
export const TAB_SIZE = 4;

/** Where `needle` first starts in `text` (its `occurrence`-th match, 1-based). */
export function locate(text: string, needle: string, occurrence = 1): Position {
  let offset = -1;
  for (let found = 0; found < occurrence; found++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`"${needle}" occurs fewer than ${occurrence} times`);
  }
  const before = text.slice(0, offset).split(/\r?\n/);
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

export async function hideSideBar(page: Page): Promise<void> {
  await page.keyboard.press('Control+B');
  await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: timeouts.ui });
}

/**
 * Waits until the workbench shows the workspace's files. On a loaded machine code-server's
 * remote file service sometimes never answers the first listing; a person would reload the
 * window, and so does this, twice at most.
 */
export async function waitForWorkbench(page: Page): Promise<void> {
  const attempts = 3;
  for (let attempt = 1; ; attempt++) {
    try {
      await page.locator(selectors.workbench).waitFor({ state: 'visible', timeout: timeouts.startup });
      await page.locator(selectors.problemsStatus).waitFor({ state: 'visible', timeout: timeouts.startup });
      // The root folder's row, then at least one file row below it.
      await page.locator('.explorer-folders-view .monaco-list-row').nth(1).waitFor({ state: 'visible', timeout: timeouts.listing });
      return;
    } catch (error) {
      if (attempt === attempts) throw error;
      console.log(`the workbench listed no files in ${timeouts.listing} ms (attempt ${attempt}): reloading`);
      await page.reload();
    }
  }
}

/**
 * Opens a file at the workspace root from the Explorer, as a person would. (Quick Open's file
 * search sometimes stalls for minutes in code-server on a loaded machine; the Explorer lists
 * the folder directly.)
 */
export async function openFile(page: Page, name: string): Promise<void> {
  const explorer = page.locator('.explorer-folders-view');
  if (!(await explorer.isVisible())) await page.keyboard.press('Control+Shift+E');
  const row = explorer.locator('.monaco-list-row', {
    has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
  });
  await row.waitFor({ state: 'visible', timeout: timeouts.startup });
  await row.dblclick();
  await page.locator(`.tab.active[aria-label*="${name}"]`).waitFor({ state: 'visible', timeout: timeouts.ui });
  // The first file read goes through the server's file service, slow on a busy machine.
  await focusEditor(page, timeouts.startup);
}

/**
 * Focuses the active editor with "Focus First Editor Group" (Ctrl+1). A click would need the
 * text area laid out where it lands: on a loaded machine the editor can first render scrolled
 * to its last, empty line, and a click waits there until Playwright's own 30 s limit.
 */
export async function focusEditor(page: Page, timeout = timeouts.ui): Promise<void> {
  await page.locator(selectors.editor).first().waitFor({ state: 'visible', timeout });
  await page.keyboard.press('Control+1');
  await page.locator(selectors.focusedEditor).waitFor({ state: 'visible', timeout: timeouts.ui });
}

/** Where the editor shows `position`: a tab reaches the next tab stop, as in Go to Line and the status bar. */
export function screenColumn(text: string, { line, column }: Position): number {
  const lineText = text.split(/\r?\n/)[line - 1] ?? '';
  let screen = 0;
  for (const char of lineText.slice(0, column - 1)) screen = char === '\t' ? (Math.floor(screen / TAB_SIZE) + 1) * TAB_SIZE : screen + 1;
  return screen + 1;
}

/** Moves the cursor with "Go to Line/Column" (`column` in screen columns) and waits until the status bar shows it there. */
export async function goTo(page: Page, { line, column }: Position): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator(selectors.quickInput);
  await input.waitFor({ state: 'visible', timeout: timeouts.ui });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page
    .locator('#status\\.editor\\.selection', { hasText: `Ln ${line}, Col ${column}` })
    .waitFor({ state: 'visible', timeout: timeouts.ui });
}

/** Hovers the character right after the cursor, the way a person points at a token. */
export async function hoverAt(page: Page, position: Position): Promise<Locator> {
  await goTo(page, position);
  const cursor = page.locator(selectors.cursor).first();
  await cursor.waitFor({ state: 'visible', timeout: timeouts.ui });
  const box = await cursor.boundingBox();
  if (!box) throw new Error('the editor cursor has no bounding box');
  // Leave any hover first so the widget has to be shown anew for this token.
  await page.mouse.move(1, 1);
  await page.mouse.move(box.x + 4, box.y + box.height / 2, { steps: 3 });
  const hover = page.locator(selectors.hover).first();
  await hover.waitFor({ state: 'visible', timeout: timeouts.ui });
  return hover;
}

export async function showProblems(page: Page): Promise<Locator> {
  await page.keyboard.press('Control+Shift+M');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ state: 'visible', timeout: timeouts.ui });
  return panel;
}

export async function closePanel(page: Page): Promise<void> {
  await page.keyboard.press('Control+J');
  await page.locator('.markers-panel').waitFor({ state: 'hidden', timeout: timeouts.ui });
}

/**
 * Opens the quick-fix menu at `position` and waits for the row titled `title`. The shortcut is
 * pressed again (after Escape) when no menu shows within a third of the time allowed: under load
 * the workbench can drop a key press it gets while it is still busy, as a user would see and retry.
 */
export async function openQuickFix(page: Page, position: Position, title: string): Promise<Locator> {
  await goTo(page, position);
  const row = page.locator(selectors.actionRow, { hasText: title }).first();
  const attempts = 3;
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+.');
    try {
      await row.waitFor({ state: 'visible', timeout: timeouts.ui / attempts });
      return row;
    } catch (error) {
      if (attempt === attempts) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

/**
 * Applies the quick fix titled `title` at `position` and waits until it has changed the buffer.
 * In CI the first quick fix after start-up once closed its menu and left the file as it was; a
 * click that changes nothing is tried again from a new menu, as a person would.
 */
export async function applyQuickFix(page: Page, position: Position, title: string): Promise<void> {
  const attempts = 3;
  for (let attempt = 1; ; attempt++) {
    const row = await openQuickFix(page, position, title);
    await row.click();
    try {
      await page.locator(selectors.dirtyTab).waitFor({ state: 'attached', timeout: timeouts.ui / attempts });
      await page.locator(selectors.actionWidget).first().waitFor({ state: 'hidden', timeout: timeouts.ui });
      return;
    } catch (error) {
      if (attempt === attempts) throw new Error(`the quick fix "${title}" left the editor unchanged after ${attempts} clicks`, { cause: error });
      await page.keyboard.press('Escape');
    }
  }
}

/** Saves the active editor, which must have unsaved changes: saving a clean file proves nothing. */
export async function save(page: Page): Promise<void> {
  await page.locator(selectors.dirtyTab).waitFor({ state: 'attached', timeout: timeouts.ui });
  await page.keyboard.press('Control+S');
  await page.locator(selectors.dirtyTab).waitFor({ state: 'detached', timeout: timeouts.ui });
}

/** Polls the file on disk until `predicate` holds; the editor saves asynchronously. */
export async function waitForFile(file: string, predicate: (text: string) => boolean, what: string): Promise<string> {
  const deadline = Date.now() + timeouts.ui;
  let text = '';
  while (Date.now() < deadline) {
    text = readFileSync(file, 'utf8');
    if (predicate(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what}: the file never matched; its text is now:\n${text}`);
}
