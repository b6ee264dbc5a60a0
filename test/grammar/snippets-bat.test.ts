// The cmd/batch snippets, expanded with every default accepted, then checked by the language
// service: a snippet the checker flags would teach the mistake it warns about.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/service/types';
import { REPO_ROOT } from './textmate';
import { expandSnippet, type Snippet } from './snippetExpansion';

const snippets = JSON.parse(readFileSync(join(REPO_ROOT, 'snippets', 'bat.json'), 'utf8')) as Record<string, Snippet>;
const service = createLanguageService();

function expanded(name: string): string {
  const snippet = snippets[name];
  assert.ok(snippet, `no snippet ${name}`);
  return expandSnippet(snippet.body);
}

function commandLines(name: string): string[] {
  return expanded(name)
    .split('\n')
    .filter((line) => line.trim() !== '' && !/^REM\b/i.test(line));
}

describe('bat snippets', () => {
  test('the snippets on offer, each with its prefix and a description', () => {
    assert.deepEqual(Object.keys(snippets).sort(), ['exchange-edge-firewall', 'exchange-static-rpc']);
    for (const [name, snippet] of Object.entries(snippets)) {
      assert.equal(snippet.prefix, name);
      assert.ok((snippet.description ?? '').length > 40, `${name} needs a description`);
    }
  });

  for (const name of Object.keys(snippets)) {
    for (const eol of ['\n', '\r\n']) {
      test(`${name} (${eol === '\n' ? 'LF' : 'CRLF'}): the checker finds nothing in it`, () => {
        const document = TextDocument.create(`file:///snippets/${name}.cmd`, 'bat', 1, expanded(name).replace(/\n/g, eol));
        assert.deepEqual(service.diagnostics(document, DEFAULT_SETTINGS), []);
      });
    }
  }

  test('exchange-static-rpc: reg add for both ports, one netsh rule for 135 and both ports, both services restarted', () => {
    assert.deepEqual(commandLines('exchange-static-rpc'), [
      'reg add "HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem" /v "TCP/IP Port" /t REG_DWORD /d 59532 /f',
      'reg add "HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters" /v RpcTcpPort /t REG_SZ /d 59533 /f',
      'netsh advfirewall firewall add rule name="Exchange static RPC (TCP-In)" dir=in action=allow protocol=TCP localport=135,59532,59533',
      'net stop MSExchangeRPC',
      'net start MSExchangeRPC',
      'net stop MSExchangeAB',
      'net start MSExchangeAB',
    ]);
  });

  test('exchange-edge-firewall: 25 from anywhere, 50636 from a placeholder subnet', () => {
    assert.deepEqual(commandLines('exchange-edge-firewall'), [
      'netsh advfirewall firewall add rule name="Exchange Edge SMTP (TCP-In)" dir=in action=allow protocol=TCP localport=25',
      'netsh advfirewall firewall add rule name="Exchange EdgeSync LDAPS (TCP-In)" dir=in action=allow protocol=TCP localport=50636 remoteip=10.0.1.0/24',
    ]);
  });
});
