// A perimeter firewall over the protocol: the role comes from `.exchange-ports.json` (`roles`
// globs, relative to that file's folder), the audit reports on the directive-less file, and the
// code lens summarises the role's required ports.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileUri, LspTestClient } from './support/lspClient';

const EDGE_RULES = [
  '*filter',
  ':INPUT DROP [0:0]',
  ':FORWARD DROP [0:0]',
  ':OUTPUT ACCEPT [0:0]',
  '-A INPUT -p tcp -m tcp --dport 25 -j ACCEPT',
  'COMMIT',
  '',
].join('\n');

const WITH_DIRECTIVE = ['# exchange-ports: role=edge-transport version=2016', EDGE_RULES].join('\n');

describe('protocol: firewall role audit', () => {
  let folder: string;
  let client: LspTestClient;

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'exchange-ports-firewall-'));
    fs.writeFileSync(
      path.join(folder, '.exchange-ports.json'),
      JSON.stringify({ roles: [{ files: 'perimeter/*.rules.v4', role: 'edge-transport', version: '2016' }] }),
    );
    ({ client } = await LspTestClient.start({ configuration: { exchangePorts: {} }, workspaceFolders: [folder] }));
  });
  after(() => client.kill());

  test('a file matched by a roles glob is audited for that role', async () => {
    const uri = fileUri(path.join(folder, 'perimeter', 'edge.rules.v4'));
    const { diagnostics } = await client.open(uri, 'iptables', EDGE_RULES);
    const missing = diagnostics.filter((diagnostic) => diagnostic.code === 'missing-required-port');
    assert.equal(missing.length, 1);
    assert.match(missing[0].message, /50636/);
  });

  test('the same file outside the glob is not audited', async () => {
    const uri = fileUri(path.join(folder, 'elsewhere', 'edge.rules.v4'));
    const { diagnostics } = await client.open(uri, 'iptables', EDGE_RULES);
    assert.deepEqual(diagnostics.filter((diagnostic) => diagnostic.code === 'missing-required-port'), []);
  });

  test('the code lens above the directive counts the required ports', async () => {
    const uri = fileUri(path.join(folder, 'other', 'directive.rules.v4'));
    await client.open(uri, 'iptables', WITH_DIRECTIVE);
    const lenses = await client.request<{ range: { start: { line: number } }; command?: { title: string } }[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].range.start.line, 0);
    assert.match(lenses[0].command?.title ?? '', /^\d+ required ports?: \d+ open, 1 missing$/);
  });
});
