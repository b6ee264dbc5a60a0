// `.exchange-ports.json` over the protocol: found by walking up from a document inside a workspace
// folder, its problems published on its own URI (open or not), re-read when the watcher reports a
// change, and read from the editor buffer while it is open.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileUri, LspTestClient, RPC_PORT_8080_REG } from './support/lspClient';

const INVALID_CONFIG = ['{', '  "rules": { "static-port-out-of-range": "loud" }', '}', ''].join('\n');
const ERROR_CONFIG = ['{', '  "rules": { "static-port-out-of-range": "error" }', '}', ''].join('\n');

const CHANGED = 2;
const DELETED = 3;

describe('protocol: .exchange-ports.json in a workspace folder', () => {
  let folder: string;
  let configPath: string;
  let configUri: string;
  let regUri: string;
  let client: LspTestClient;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'exchange-ports-workspace-'));
    configPath = path.join(folder, '.exchange-ports.json');
    configUri = fileUri(configPath);
    // The document need not exist on disk: the server only looks for the config file.
    regUri = fileUri(path.join(folder, 'servers', 'cas01', 'static-ports.reg'));
    fs.writeFileSync(configPath, INVALID_CONFIG);
    ({ client } = await LspTestClient.start({ configuration: { exchangePorts: {} }, workspaceFolders: [folder] }));
  });
  after(() => {
    client.kill();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  test('an invalid config file at the folder root gets a diagnostic on its own URI before anything opens', async () => {
    const { diagnostics } = await client.latestDiagnostics(configUri);
    assert.deepEqual(diagnostics, [
      {
        range: { start: { line: 1, character: 41 }, end: { line: 1, character: 47 } },
        severity: 1,
        source: 'exchange-ports',
        message: 'Rule "static-port-out-of-range" takes "error", "warning", "information", "hint" or "off".',
      },
    ]);
  });

  test('the server keeps serving: a document two folders down is checked, the bad value ignored', async () => {
    const { diagnostics } = await client.open(regUri, 'reg', RPC_PORT_8080_REG);
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity]),
      [['static-port-out-of-range', 2]],
    );
  });

  test('a fixed config file, reported by the watcher, clears its problems and re-checks open documents', async () => {
    const configCleared = client.nextDiagnostics(configUri);
    const recheck = client.nextDiagnostics(regUri, (params) => params.diagnostics[0]?.severity === 1);
    fs.writeFileSync(configPath, ERROR_CONFIG);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: CHANGED }] });
    assert.deepEqual((await configCleared).diagnostics, []);
    assert.deepEqual(
      (await recheck).diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity]),
      [['static-port-out-of-range', 1]],
    );
  });

  test('the config file open in the editor is read from its buffer, problems as you type', async () => {
    const broken = '{ "rules": ';
    const bufferProblems = client.nextDiagnostics(configUri, (params) => params.diagnostics.length > 0);
    await client.notify('textDocument/didOpen', { textDocument: { uri: configUri, languageId: 'json', version: 1, text: broken } });
    const { diagnostics } = await bufferProblems;
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.severity, diagnostic.message]),
      [[1, '.exchange-ports.json is not valid JSON (ValueExpected); its settings are ignored until it is fixed.']],
    );

    // Closed without saving: the file on disk applies again.
    const diskAgain = client.nextDiagnostics(configUri);
    await client.notify('textDocument/didClose', { textDocument: { uri: configUri } });
    assert.deepEqual((await diskAgain).diagnostics, []);
  });

  test('a deleted config file no longer applies', async () => {
    const recheck = client.nextDiagnostics(regUri, (params) => params.diagnostics[0]?.severity === 2);
    fs.rmSync(configPath);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: DELETED }] });
    assert.deepEqual(
      (await recheck).diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity]),
      [['static-port-out-of-range', 2]],
    );
  });

  test('no errors were logged and the server exits cleanly', async () => {
    assert.deepEqual(
      client.logs.filter((log) => log.type === 1),
      [],
    );
    assert.equal(await client.shutdown(), 0);
  });
});
