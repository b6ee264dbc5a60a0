// The workspace indexer's walk: the facts it records for a folder are those of analysing every
// file on its own; open buffers win over the disk copy; progress runs begin → reports → end.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Connection, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToUri } from '../../../server/src/lsp/paths';
import { WorkspaceIndexer } from '../../../server/src/lsp/workspaceIndexer';
import { analyzeDocument } from '../../../server/src/service/analyze';
import { decodeBytes } from '../../../server/src/service/decode';
import { languageOfFileName, WorkspaceIndex } from '../../../server/src/service/workspace';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const FIXTURES = [path.join(REPO_ROOT, 'test', 'fixtures', 'workspace'), path.join(REPO_ROOT, 'examples')];

function filesUnder(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const entryPath = path.join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(entryPath) : [entryPath];
  });
}

/** The index as analysing each file in this thread makes it. */
function referenceIndex(folder: string, skipped: readonly string[] = []): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const filePath of filesUnder(folder)) {
    const languageId = languageOfFileName(filePath);
    const uri = pathToUri(filePath);
    if (!languageId || skipped.includes(uri)) continue;
    index.update(uri, analyzeDocument(TextDocument.create(uri, languageId, 0, decodeBytes(fs.readFileSync(filePath)).text), () => undefined));
  }
  return index;
}

const snapshot = (index: WorkspaceIndex) => {
  const view = index.view();
  return { uris: index.uris().sort(), staticPorts: view.staticPorts(), openings: view.openings(), firewallFiles: view.firewallFiles() };
};

interface Walk {
  index: WorkspaceIndex;
  progress: string[];
  logs: string[];
  factsChanged: (readonly string[])[];
}

async function walk(folder: string, open: TextDocument[] = []): Promise<Walk> {
  const result: Walk = { index: new WorkspaceIndex(), progress: [], logs: [], factsChanged: [] };
  const connection = {
    window: {
      createWorkDoneProgress: () =>
        Promise.resolve({
          begin: (_title: string, percentage: number, message: string) => result.progress.push(`begin ${percentage} ${message}`),
          report: (percentage: number, message: string) => result.progress.push(`report ${percentage} ${message}`),
          done: () => result.progress.push('done'),
        }),
    },
  } as unknown as Connection;
  const documents = { all: () => open, get: (uri: string) => open.find((document) => document.uri === uri) } as unknown as TextDocuments<TextDocument>;
  const indexer = new WorkspaceIndexer({
    connection,
    documents,
    index: result.index,
    analyze: (document) => analyzeDocument(document, () => undefined),
    log: (message) => result.logs.push(message),
    factsChanged: (uris) => result.factsChanged.push(uris),
  });
  await indexer.indexFolders([folder]);
  indexer.dispose();
  return result;
}

describe('workspace indexer', () => {
  const folders: string[] = [];
  before(() => {
    for (const fixture of FIXTURES) {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'exchange-ports-indexer-'));
      fs.cpSync(fixture, folder, { recursive: true });
      folders.push(folder);
    }
  });
  after(() => {
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  });

  test('the walk records what analysing every file on its own records, with progress from begin to end', async () => {
    for (const folder of folders) {
      const { index, progress, logs, factsChanged } = await walk(folder);
      assert.deepEqual(snapshot(index), snapshot(referenceIndex(folder)));
      assert.ok(index.uris().length > 0);
      assert.deepEqual(logs, []);
      assert.deepEqual(factsChanged, [[]], 'one notice, once the walk is done');
      const count = filesUnder(folder).filter((filePath) => languageOfFileName(filePath)).length;
      assert.equal(progress[0], `begin 0 0/${count} files`);
      assert.equal(progress.at(-2), `report 100 ${count}/${count} files`);
      assert.equal(progress.at(-1), 'done');
    }
  });

  test('an open document is not replaced by its disk copy', async () => {
    const folder = folders[0];
    const cas02 = pathToUri(path.join(folder, 'servers', 'cas02.reg'));
    const buffer = TextDocument.create(cas02, 'reg', 3, 'Windows Registry Editor Version 5.00\r\n');
    const { index } = await walk(folder, [buffer]);
    assert.deepEqual(snapshot(index), snapshot(referenceIndex(folder, [cas02])));
    assert.ok(!index.uris().includes(cas02));
  });
});
