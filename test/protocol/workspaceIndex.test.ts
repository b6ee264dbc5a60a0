// The workspace index over the protocol: the server reads the workspace folder in the background
// and publishes cross-file findings for open documents; an edit in one open document, or a file
// created on disk and reported by the watcher, re-publishes the OTHER document's diagnostics.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodeBytes } from '../../server/src/service/decode';
import { fileUri, LspTestClient, REPO_ROOT, type Diagnostic, type PublishDiagnosticsParams } from './support/lspClient';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace');
const CREATED = 1;

const codes = (params: PublishDiagnosticsParams) => params.diagnostics.map((diagnostic) => `${String(diagnostic.code)} ${diagnostic.range.start.line}:${diagnostic.range.start.character}`);
const mismatchOf = (params: PublishDiagnosticsParams) => params.diagnostics.find((diagnostic) => diagnostic.code === 'static-port-mismatch');

describe('protocol: cross-file findings from the workspace index', () => {
  let folder: string;
  let client: LspTestClient;
  const uriOf = (relative: string) => fileUri(path.join(folder, relative));
  const textOf = (relative: string) => decodeBytes(fs.readFileSync(path.join(folder, relative))).text;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'exchange-ports-index-'));
    fs.cpSync(FIXTURE, folder, { recursive: true });
    ({ client } = await LspTestClient.start({ configuration: { exchangePorts: {} }, workspaceFolders: [folder] }));
  });
  after(() => {
    client.kill();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  test('indexing reports work-done progress: begin, reports with a percentage, end', async () => {
    await client.progressEnded();
    const kinds = client.progress.map((value) => value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds.at(-1), 'end');
    assert.equal(client.progress[0].title, 'Exchange Ports: indexing the workspace');
    assert.match(client.progress[0].message ?? '', /^0\/\d+ files$/);
    assert.ok(new Set(client.progress.map((value) => value.token)).size === 1, 'one token for the whole indexing');
  });

  test('an open .reg file gets the findings that need the closed files of the folder', async () => {
    const uri = uriOf('servers/cas01.reg');
    await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'reg', version: 1, text: textOf('servers/cas01.reg') } });
    // Published at open and again once indexing ends: wait for the one that knows cas02.
    const published = await client.latestDiagnostics(uri, (params) => mismatchOf(params) !== undefined);
    assert.deepEqual(published.diagnostics, [
      {
        range: { start: { line: 4, character: 14 }, end: { line: 4, character: 28 } },
        severity: 1, // the folder's .exchange-ports.json raises static-port-mismatch to error
        code: 'static-port-mismatch',
        source: 'exchange-ports',
        message: 'RPC Client Access static port 59532 differs from 59600 in servers/cas02.reg: every server of the array needs the same port.',
      },
      {
        range: { start: { line: 7, character: 13 }, end: { line: 7, character: 20 } },
        severity: 2,
        code: 'static-port-not-opened',
        source: 'exchange-ports',
        message: 'Address Book static port 59533 is not allowed inbound by any firewall file of the workspace (firewall/perimeter.iptables).',
      },
    ] satisfies Diagnostic[]);
  });

  test('editing another open document re-publishes this one: the buffer wins over the disk copy', async () => {
    const cas01 = uriOf('servers/cas01.reg');
    const cas02 = uriOf('servers/cas02.reg');
    const opened = await client.open(cas02, 'reg', textOf('servers/cas02.reg'));
    assert.deepEqual(codes(opened), ['static-port-mismatch 4:14', 'static-port-not-opened 4:14', 'static-port-not-opened 7:13']);

    const updated = client.nextDiagnostics(cas01, (params) => mismatchOf(params) === undefined);
    // cas02 now uses cas01's port (dword:0000e88c = 59532): nothing differs any more.
    const edited = await client.change(cas02, 2, [{ range: { start: { line: 4, character: 20 }, end: { line: 4, character: 28 } }, text: '0000e88c' }]);
    assert.deepEqual(codes(edited), ['static-port-not-opened 7:13']);
    assert.deepEqual(codes(await updated), ['static-port-not-opened 7:13']);
    assert.equal((await updated).version, 1);
  });

  test('a file created on disk and reported by the watcher joins the workspace', async () => {
    const cas01 = uriOf('servers/cas01.reg');
    const created = path.join(folder, 'servers', 'cas04.reg');
    fs.writeFileSync(created, textOf('servers/cas03.reg').replace('dword:0000e88c', 'dword:0000e88e'));
    const updated = client.nextDiagnostics(cas01, (params) => mismatchOf(params) !== undefined);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(created), type: CREATED }] });
    assert.equal(mismatchOf(await updated)?.message, 'RPC Client Access static port 59532 differs from 59534 in servers/cas04.reg: every server of the array needs the same port.');
  });

  test('the port map request answers Markdown over the whole workspace', async () => {
    const markdown = await client.request<string>('exchangePorts/portMap', {});
    assert.match(markdown, /^# Exchange port map\n/);
    assert.match(markdown, /\| RPC Client Access \| 59534 \| \[servers\/cas04\.reg:5\]\(<file:[^>]+\/servers\/cas04\.reg#L5>\) \| \*\*none\*\* \|\n/);
    assert.match(markdown, /- \*\*59999\*\* is opened in \[firewall\/perimeter\.iptables:11\]/);
  });
});
