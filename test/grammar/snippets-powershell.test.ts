// The PowerShell snippets, expanded with every default accepted, then checked by the language
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

const RPC_KEY = 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem';
const AB_KEY = 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters';

const snippets = JSON.parse(readFileSync(join(REPO_ROOT, 'snippets', 'powershell.json'), 'utf8')) as Record<string, Snippet>;
const service = createLanguageService();

function expanded(name: string): string {
  const snippet = snippets[name];
  assert.ok(snippet, `no snippet ${name}`);
  return expandSnippet(snippet.body);
}

/** The lines that do something: no comments, no blank lines. */
function commandLines(name: string): string[] {
  return expanded(name)
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

describe('powershell snippets', () => {
  test('the snippets on offer, each with its prefix and a description', () => {
    assert.deepEqual(Object.keys(snippets).sort(), ['exchange-client-firewall', 'exchange-edge-firewall', 'exchange-static-rpc', 'outlookcom-send-mail']);
    for (const [name, snippet] of Object.entries(snippets)) {
      assert.equal(snippet.prefix, name);
      assert.ok((snippet.description ?? '').length > 40, `${name} needs a description`);
    }
  });

  for (const name of Object.keys(snippets)) {
    test(`${name}: the checker finds nothing in it`, () => {
      const document = TextDocument.create(`file:///snippets/${name}.ps1`, 'powershell', 1, expanded(name));
      assert.deepEqual(service.diagnostics(document, DEFAULT_SETTINGS), []);
    });
  }

  test('exchange-static-rpc: both ports with their types, 135 and both ports opened, both services restarted', () => {
    assert.deepEqual(commandLines('exchange-static-rpc'), [
      `if (-not (Test-Path '${RPC_KEY}')) { New-Item -Path '${RPC_KEY}' | Out-Null }`,
      `Set-ItemProperty -Path '${RPC_KEY}' -Name 'TCP/IP Port' -Value 59532 -Type DWord`,
      `Set-ItemProperty -Path '${AB_KEY}' -Name 'RpcTcpPort' -Value '59533' -Type String`,
      "New-NetFirewallRule -DisplayName 'Exchange static RPC (TCP-In)' -Direction Inbound -Protocol TCP -LocalPort 135,59532,59533 -Action Allow",
      'Restart-Service MSExchangeRPC, MSExchangeAB',
    ]);
  });

  test('exchange-static-rpc: a changed port is opened as typed (the rule mirrors the placeholders)', () => {
    const body = (snippets['exchange-static-rpc'].body as string[]).join('\n');
    assert.match(body, /-LocalPort 135,\$1,\$2 /);
  });

  test('exchange-edge-firewall: 25 from anywhere, 50636 from a placeholder subnet', () => {
    assert.deepEqual(commandLines('exchange-edge-firewall'), [
      "New-NetFirewallRule -DisplayName 'Exchange Edge SMTP (TCP-In)' -Direction Inbound -Protocol TCP -LocalPort 25 -Action Allow",
      "New-NetFirewallRule -DisplayName 'Exchange EdgeSync LDAPS (TCP-In)' -Direction Inbound -Protocol TCP -LocalPort 50636 -RemoteAddress '10.0.1.0/24' -Action Allow",
    ]);
    assert.match((snippets['exchange-edge-firewall'].body as string[]).join('\n'), /-RemoteAddress '\$\{1:10\.0\.1\.0\/24\}'/);
  });

  test('exchange-client-firewall: one inbound TCP rule for each of 443, 587, 993, 995 and 25', () => {
    const ports = commandLines('exchange-client-firewall').map((line) => {
      assert.match(line, /^New-NetFirewallRule -DisplayName '[^']+' -Direction Inbound -Protocol TCP -LocalPort \d+ -Action Allow$/);
      return Number(/-LocalPort (\d+)/.exec(line)?.[1]);
    });
    assert.deepEqual(ports, [443, 587, 993, 995, 25]);
  });

  test('outlookcom-send-mail: smtp.office365.com on 587 with STARTTLS and a credential', () => {
    assert.deepEqual(commandLines('outlookcom-send-mail'), [
      "Send-MailMessage -SmtpServer smtp.office365.com -Port 587 -UseSsl -Credential (Get-Credential 'user@outlook.com') -From 'user@outlook.com' -To 'recipient@example.com' -Subject 'Subject' -Body 'Body'",
    ]);
  });
});
