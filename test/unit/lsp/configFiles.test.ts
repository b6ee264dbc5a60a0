// Which `.exchange-ports.json` applies to a document: the nearest one from the document's folder up
// to its workspace folder; outside every workspace folder, only one in the document's own folder.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigFiles } from '../../../server/src/lsp/configFiles';

describe('ConfigFiles.forDocument', () => {
  // root/.exchange-ports.json          (outside the workspace folder)
  // root/ws/.exchange-ports.json       (workspace folder)
  // root/ws/site-a/.exchange-ports.json
  // root/ws/site-a/cas/x.reg  → site-a      root/ws/site-b/x.reg → ws
  // root/loose/x.reg          → none        root/x.reg           → root (its own folder)
  let root: string;
  let published: string[];
  let configFiles: ConfigFiles;
  const uriOf = (...parts: string[]) => pathToFileURL(path.join(root, ...parts)).toString();
  const found = (...parts: string[]) => {
    const entry = configFiles.forDocument(uriOf(...parts));
    return entry ? path.relative(root, entry.path) : undefined;
  };

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'exchange-ports-config-'));
    for (const folder of ['ws/site-a/cas', 'ws/site-b', 'loose']) fs.mkdirSync(path.join(root, folder), { recursive: true });
    fs.writeFileSync(path.join(root, '.exchange-ports.json'), '{}');
    fs.writeFileSync(path.join(root, 'ws', '.exchange-ports.json'), '{ "inlayHints": false }');
    fs.writeFileSync(path.join(root, 'ws', 'site-a', '.exchange-ports.json'), '{ "inlayHints": "no" }');
    published = [];
    configFiles = new ConfigFiles({
      documents: new TextDocuments(TextDocument),
      workspaceFolders: () => [path.join(root, 'ws')],
      publish: (uri, diagnostics) => published.push(`${path.relative(root, fileURLToPath(uri))} ${diagnostics.length}`),
    });
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  test('the nearest file above the document wins', () => {
    assert.equal(found('ws', 'site-a', 'cas', 'x.reg'), path.join('ws', 'site-a', '.exchange-ports.json'));
    assert.equal(found('ws', 'site-b', 'x.reg'), path.join('ws', '.exchange-ports.json'));
  });

  test('the search stops at the workspace folder', () => {
    assert.equal(found('loose', 'x.reg'), undefined);
    assert.equal(found('x.reg'), '.exchange-ports.json');
  });

  test('each file is parsed once and its problems published once', () => {
    found('ws', 'site-a', 'cas', 'x.reg');
    assert.deepEqual(published, [`${path.join('ws', 'site-a', '.exchange-ports.json')} 1`, `${path.join('ws', '.exchange-ports.json')} 0`, '.exchange-ports.json 0']);
  });

  test('the parsed settings come with the entry', () => {
    assert.deepEqual(configFiles.forDocument(uriOf('ws', 'site-b', 'x.reg'))?.parsed.settings, { inlayHints: false });
  });

  test('untitled buffers have no config file', () => {
    assert.equal(configFiles.forDocument('untitled:Untitled-1'), undefined);
  });

  test('a deleted file stops applying and its problems are cleared', () => {
    fs.rmSync(path.join(root, 'ws', 'site-a', '.exchange-ports.json'));
    assert.equal(found('ws', 'site-a', 'cas', 'x.reg'), path.join('ws', '.exchange-ports.json'));
    assert.equal(published.at(-1), `${path.join('ws', 'site-a', '.exchange-ports.json')} 0`);
  });
});
