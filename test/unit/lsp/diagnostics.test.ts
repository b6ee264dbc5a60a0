// The diagnostics scheduler: a change is analysed at once, each change; the rules run and the push
// goes out once edits pause, for the newest version only; an analysis that throws is logged and
// costs nothing else. Time is Node's mock clock, never waited on.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import type { Connection, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DEBOUNCE_MS, DiagnosticsScheduler, type Checks } from '../../../server/src/lsp/diagnostics';

const URI = 'file:///a.ps1';

interface Harness {
  scheduler: DiagnosticsScheduler;
  document: TextDocument;
  /** Replaces the text, as TextDocuments does on didChange (the same object, a new version). */
  edit(text: string): TextDocument;
  analysed: number[];
  validated: number[];
  published: (number | undefined)[];
  logs: string[];
}

function harness(checks: Partial<Checks> = {}): Harness {
  let document = TextDocument.create(URI, 'powershell', 1, 'Get-Service');
  const result: Harness = {
    scheduler: undefined as unknown as DiagnosticsScheduler,
    get document() {
      return document;
    },
    edit(text) {
      document = TextDocument.update(document, [{ text }], document.version + 1);
      return document;
    },
    analysed: [],
    validated: [],
    published: [],
    logs: [],
  };
  const connection = { sendDiagnostics: ({ version }: { version?: number }) => result.published.push(version) } as unknown as Connection;
  const documents = { get: (uri: string) => (uri === URI ? document : undefined), all: () => [document] } as unknown as TextDocuments<TextDocument>;
  result.scheduler = new DiagnosticsScheduler(
    connection,
    documents,
    {
      analyze: checks.analyze ?? ((changed) => void result.analysed.push(changed.version)),
      validate:
        checks.validate ??
        ((checked) => {
          result.validated.push(checked.version);
          return Promise.resolve<Diagnostic[]>([]);
        }),
    },
    (message) => result.logs.push(message),
  );
  return result;
}

/** Lets the promises of a check settle (setImmediate is not mocked). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('diagnostics scheduler', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());

  test('a change is analysed at once; the rules and the push wait for the debounce', async () => {
    const h = harness();
    h.scheduler.changed(h.edit('Get-Service MSExchangeRPC'));
    assert.deepEqual(h.analysed, [2]);
    mock.timers.tick(DEBOUNCE_MS - 1);
    await settle();
    assert.deepEqual(h.validated, []);
    assert.deepEqual(h.published, []);
    mock.timers.tick(1);
    await settle();
    assert.deepEqual(h.validated, [2]);
    assert.deepEqual(h.published, [2]);
  });

  test('every change is analysed; only the last one is checked and pushed', async () => {
    const h = harness();
    for (const text of ['a', 'ab', 'abc']) {
      h.scheduler.changed(h.edit(text));
      mock.timers.tick(DEBOUNCE_MS / 2);
    }
    assert.deepEqual(h.analysed, [2, 3, 4]);
    mock.timers.tick(DEBOUNCE_MS);
    await settle();
    assert.deepEqual(h.validated, [4]);
    assert.deepEqual(h.published, [4]);
  });

  test('an analysis that throws is logged, and the change is still checked and pushed', async () => {
    const h = harness({
      analyze: () => {
        throw new Error('parser bug');
      },
    });
    h.scheduler.changed(h.edit('Get-Service MSExchangeRPC'));
    await settle();
    assert.equal(h.logs.length, 1);
    assert.match(h.logs[0], /^Analysing a change failed: .*parser bug/);
    mock.timers.tick(DEBOUNCE_MS);
    await settle();
    assert.deepEqual(h.published, [2]);
  });

  test('a check that finishes after a newer change is never pushed', async () => {
    const pending: { version: number; finish: () => void }[] = [];
    const h = harness({
      validate: (checked) => {
        const version = checked.version;
        return new Promise<Diagnostic[]>((resolve) => pending.push({ version, finish: () => resolve([]) }));
      },
    });
    h.scheduler.changed(h.edit('a'));
    mock.timers.tick(DEBOUNCE_MS);
    h.scheduler.changed(h.edit('ab'));
    mock.timers.tick(DEBOUNCE_MS);
    assert.deepEqual(
      pending.map((check) => check.version),
      [2, 3],
    );
    pending[1].finish();
    await settle();
    pending[0].finish();
    await settle();
    assert.deepEqual(h.published, [3]);
  });
});
