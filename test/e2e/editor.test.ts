// The packaged extension (exchange-ports.vsix, built by `npm run package`) installed into a fresh
// code-server, used through Chromium as a person would: squiggles, the Problems panel, hovers,
// inlay hints, code lenses, the quick-fix menu and snippets. Each format is a row of cases.ts.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, step, type Session } from './browser';
import { editorCases, noSnippetCases, snippetCases } from './cases';
import { startCodeServer, type CodeServer } from './codeServer';
import { missingTools, repoRoot, vsixPath } from './env';
import { expandSnippet } from '../grammar/snippetExpansion';
import * as workbench from './workbench';

const missing = missingTools();
const skip = missing.length > 0 ? `missing ${missing.join(', ')}: run scripts/e2e-setup.sh` : false;
const fixtures = path.join(import.meta.dirname, 'workspace');

/** Text as the editor shows it: inlay hint labels are padded with non-breaking spaces. */
const shown = (text: string) => text.replace(/\u00a0/g, ' ').trim();

describe('VS Code (code-server 4.139) with the packaged extension', { skip }, () => {
  let server: CodeServer;
  let session: Session;

  before(async () => {
    assert.ok(existsSync(vsixPath), `${vsixPath} is missing: npm run test:e2e packages it first`);
    server = await startCodeServer({ vsix: vsixPath, workspaceFixture: fixtures });
    session = await openBrowser();
    await session.page.goto(server.url());
    await step(session.page, 'workbench', () => workbench.waitForWorkbench(session.page));
  });

  after(async () => {
    const blocked = session?.blocked ?? [];
    await session?.close();
    await server?.stop();
    assert.deepEqual(blocked, [], 'the editor tried to reach hosts other than 127.0.0.1');
  });

  for (const c of editorCases) {
    describe(c.name, () => {
      const original = readFileSync(path.join(fixtures, c.file), 'utf8');
      const at = (needle: string) => {
        const start = workbench.locate(original, needle);
        // Inside the token, not on its first character's edge; in screen columns for Go to Line.
        return { line: start.line, column: workbench.screenColumn(original, { line: start.line, column: start.column + 2 }) };
      };

      test(`${c.diagnostic.rule}: a ${c.diagnostic.severity} squiggle and a Problems row`, async () => {
        const { page } = session;
        await step(page, `${c.file}-open`, () => workbench.openFile(page, c.file));
        const squiggle = page.locator(workbench.selectors.squiggle(c.diagnostic.severity)).first();
        await step(page, `${c.file}-squiggle`, () => squiggle.waitFor({ state: 'visible', timeout: workbench.timeouts.startup }));
        await step(page, `${c.file}-problems`, async () => {
          await workbench.showProblems(page);
          const row = page.locator(workbench.selectors.problemsRow, { hasText: c.diagnostic.rule }).first();
          await row.waitFor({ state: 'visible', timeout: workbench.timeouts.ui });
          const text = await row.innerText();
          assert.ok(text.includes(c.diagnostic.message), `the row reads:\n${text}`);
          const position = workbench.locate(original, c.diagnostic.on);
          assert.ok(text.includes(`[Ln ${position.line}, Col ${position.column}]`), `the row reads:\n${text}`);
          await workbench.closePanel(page);
          await workbench.focusEditor(page);
        });
      });

      test(`hovering ${c.hover.on} shows the catalog text`, async () => {
        const { page } = session;
        const hover = await step(page, `${c.file}-hover`, () => workbench.hoverAt(page, at(c.hover.on)));
        await step(page, `${c.file}-hover-text`, async () => {
          for (const expected of c.hover.shows) {
            await hover.getByText(expected, { exact: false }).first().waitFor({ state: 'visible', timeout: workbench.timeouts.ui });
          }
        });
        await page.mouse.move(1, 1);
        await page.keyboard.press('Escape');
      });

      const hint = c.inlayHint;
      if ('none' in hint) {
        // Runs after the squiggle and the hover: by now the editor has asked for the file's hints.
        test(`no inlay hint: ${hint.none}`, async () => {
          const { page } = session;
          assert.equal(await page.locator(workbench.selectors.inlayHint).count(), 0, `${c.file} shows inlay hints`);
        });
      } else {
        test(`an inlay hint shows ${hint.before}`, async () => {
          const { page } = session;
          const label = page.locator(workbench.selectors.inlayHint).filter({ hasText: shown(hint.before) });
          await step(page, `${c.file}-inlay-hint`, () => label.first().waitFor({ state: 'visible', timeout: workbench.timeouts.ui }));
          assert.equal(shown(await label.first().innerText()), hint.before);
        });
      }

      const lens = c.codeLens;
      if ('none' in lens) {
        test(`no code lens: ${lens.none}`, async () => {
          const { page } = session;
          assert.equal(await page.locator(workbench.selectors.codeLens).count(), 0, `${c.file} shows a code lens`);
        });
      } else {
        test(`a code lens above the role directive reads "${lens.before}"`, async () => {
          const { page } = session;
          const shownLens = page.locator(workbench.selectors.codeLens).filter({ hasText: lens.before });
          await step(page, `${c.file}-code-lens`, () => shownLens.first().waitFor({ state: 'visible', timeout: workbench.timeouts.ui }));
          assert.equal(shown(await shownLens.first().innerText()), lens.before);
        });
      }

      test(`quick fix "${c.fix.title}" rewrites the file and clears the ${c.diagnostic.severity}`, async () => {
        const { page } = session;
        await step(page, `${c.file}-quick-fix-applied`, async () => {
          await workbench.applyQuickFix(page, at(c.diagnostic.on), c.fix.title);
          await workbench.save(page);
        });
        const expected = original.replace(c.fix.replaces, c.fix.with);
        await step(page, `${c.file}-fixed-text`, () =>
          workbench.waitForFile(path.join(server.workspace, c.file), (text) => text === expected, 'after the quick fix'),
        );
        await step(page, `${c.file}-diagnostic-cleared`, async () => {
          await page.locator(workbench.selectors.squiggle(c.diagnostic.severity)).first().waitFor({ state: 'detached', timeout: workbench.timeouts.ui });
          await workbench.showProblems(page);
          await page.locator(workbench.selectors.problemsRow, { hasText: c.diagnostic.rule }).first().waitFor({ state: 'detached', timeout: workbench.timeouts.ui });
          await workbench.closePanel(page);
        });
        if ('after' in hint) {
          const after = page.locator(workbench.selectors.inlayHint).filter({ hasText: shown(hint.after) });
          await step(page, `${c.file}-inlay-hint-after-fix`, () => after.first().waitFor({ state: 'visible', timeout: workbench.timeouts.ui }));
        }
        if ('after' in lens) {
          const after = page.locator(workbench.selectors.codeLens).filter({ hasText: lens.after });
          await step(page, `${c.file}-code-lens-after-fix`, () => after.first().waitFor({ state: 'visible', timeout: workbench.timeouts.ui }));
        }
      });
    });
  }

  for (const c of noSnippetCases) {
    test(`no snippets for ${c.language}: ${c.none}`, () => {
      const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { contributes: { snippets: { language: string }[] } };
      assert.deepEqual(manifest.contributes.snippets.filter((contributed) => contributed.language === c.language), []);
    });
  }

  for (const c of snippetCases) {
    test(`snippet ${c.prefix} (${c.name}) inserts its body`, async () => {
      const { page } = session;
      const snippets = JSON.parse(readFileSync(path.join(repoRoot, c.snippets), 'utf8')) as Record<string, { prefix: string | string[]; body: string | string[] }>;
      const snippet = Object.values(snippets).find((candidate) => [candidate.prefix].flat().includes(c.prefix));
      assert.ok(snippet, `${c.snippets} has no snippet with prefix ${c.prefix}`);
      await step(page, `${c.file}-open`, () => workbench.openFile(page, c.file));
      await step(page, `${c.file}-suggest-${c.prefix}`, async () => {
        await page.keyboard.type(c.prefix);
        await page.keyboard.press('Control+Space');
        const row = page
          .locator(workbench.selectors.suggestRow)
          .filter({ has: page.locator('.codicon-symbol-snippet') })
          .filter({ hasText: c.prefix })
          .first();
        await row.waitFor({ state: 'visible', timeout: workbench.timeouts.ui });
        await row.click();
        await page.locator('.suggest-widget').waitFor({ state: 'hidden', timeout: workbench.timeouts.ui });
        // Leave snippet mode, then save what was inserted.
        await page.keyboard.press('Escape');
        await workbench.save(page);
      });
      const expected = expandSnippet(snippet.body);
      await step(page, `${c.file}-snippet-text`, () =>
        workbench.waitForFile(path.join(server.workspace, c.file), (text) => text === expected, `after inserting ${c.prefix}`),
      );
    });
  }
});
