// Hover in PowerShell scripts: ports, registry keys and values, Exchange services and the firewall
// rules Exchange Setup creates. The cursor is marked with `|`.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Hover } from 'vscode-languageserver-types';
import { service, settingsWith, withCursor } from '../../support/service';

const RPC_KEY = 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem';

function hoverAt(marked: string): Hover | null {
  const { document, position } = withCursor('powershell', marked);
  return service.hover(document, position, settingsWith());
}

/** The hover's Markdown and the 0-based `line:start-end` it covers. */
function shown(marked: string): { text: string; at: string } {
  const hover = hoverAt(marked);
  assert.ok(hover?.range, 'no hover');
  const { start, end } = hover.range;
  assert.equal(start.line, end.line);
  return { text: (hover.contents as { value: string }).value, at: `${start.line}:${start.character}-${end.character}` };
}

describe('powershell hover', () => {
  test('a port of -LocalPort shows its catalog entries', () => {
    const { text, at } = shown('New-NetFirewallRule -DisplayName "Exchange RPC" -LocalPort 13|5,59532 -Protocol TCP');
    assert.equal(at, '0:59-62');
    assert.match(text, /^\*\*Port 135\*\* — 8 catalog entries, most specific first:/);
  });

  test('a port of a binding (`[::]:993`) is found inside the string', () => {
    const { text, at } = shown("Set-ImapSettings -SSLBindings '[::]:99|3','0.0.0.0:993'");
    assert.equal(at, '0:36-39');
    assert.match(text, /^\*\*Port 993\*\*/);
  });

  test('a static port the script sets reads as that service in a firewall rule', () => {
    const { text } = shown(`Set-ItemProperty -Path '${RPC_KEY}' -Name 'TCP/IP Port' -Value 59532 -Type DWord\nNew-NetFirewallRule -LocalPort 135,5953|2`);
    assert.match(text, /^\*\*59532\*\* is the RPC Client Access static port this file sets \(`TCP\/IP Port`, line 1\)\./);
  });

  test('a static port the script sets many times: one note, a few lines named and the rest counted', () => {
    const write = `Set-ItemProperty -Path '${RPC_KEY}' -Name 'TCP/IP Port' -Value 59532 -Type DWord`;
    const { text } = shown(`${[write, write, write, write, write].join('\n')}\nNew-NetFirewallRule -LocalPort 135,5953|2`);
    assert.match(text, /^\*\*59532\*\* is the RPC Client Access static port this file sets \(`TCP\/IP Port`, lines 1, 2, 3 and 2 more\)\.\n\n---/);
  });

  test('a registry path shows the values the catalog knows under it, also outside a write', () => {
    const { text, at } = shown(`Test-Path '${RPC_KEY.replace('Services', 'Serv|ices')}'`);
    assert.equal(at, '0:11-81');
    assert.equal(
      text.split('\n\n')[0],
      '**Registry key** `HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem`',
    );
    assert.match(text, /- `TCP\/IP Port` \(REG_DWORD\): Static TCP port of the Exchange 2010 RPC Client Access service/);
  });

  test('a value name read with Get-ItemProperty shows the setting', () => {
    const { text, at } = shown(`Get-ItemProperty -Path '${RPC_KEY}' -Name 'TCP/IP| Port'`);
    assert.equal(at, '0:103-114');
    assert.match(text, /^\*\*TCP\/IP Port\*\* — `REG_DWORD` · RPC Client Access \(MSExchangeRPC\)/);
  });

  test('an Exchange service in Restart-Service, with the static port setting it reads', () => {
    const { text, at } = shown('Restart-Service MSExchangeRPC, MSExc|hangeAB');
    assert.equal(at, '0:31-43');
    assert.equal(
      text.split('\n\n---\n\n')[0],
      [
        '**MSExchangeAB** — Microsoft Exchange Address Book (Windows service)',
        '',
        'Serves the address book (NSPI/RFR) to Outlook. In 2010 SP1+ its static port is MSExchangeAB\\\\Parameters\\\\RpcTcpPort; restart it after changing that value.',
        '',
        '- Static port: `RpcTcpPort` (REG_SZ) under `HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters`; restart the service after changing it',
        '- Versions: 2010',
        '- Status: verified',
      ].join('\n'),
    );
  });

  test('the service hover says which port the script gives it', () => {
    const { text } = shown(`Set-ItemProperty -Path '${RPC_KEY}' -Name 'TCP/IP Port' -Value 59540 -Type DWord\nRestart-Service -Name MSExchange|RPC`);
    assert.match(text, /- This file sets it to \*\*59540\*\* \(line 1\)/);
  });

  test('a port set many times: a few lines named, the rest counted; past three ports, the others counted', () => {
    const line = (port: number) => `Set-ItemProperty -Path '${RPC_KEY}' -Name 'TCP/IP Port' -Value ${port} -Type DWord`;
    const script = [59540, 59541, 59540, 59540, 59540, 59541, 59542, 59543, 59544].map(line).join('\n');
    const facts = shown(`${script}\nRestart-Service -Name MSExchange|RPC`).text.split('\n').filter((fact) => fact.startsWith('- This file'));
    assert.deepEqual(facts, [
      '- This file sets it to **59540** (lines 1, 3, 4 and 1 more)',
      '- This file sets it to **59541** (lines 2, 6)',
      '- This file sets it to **59542** (line 7)',
      '- This file also sets it to 2 other ports',
    ]);
  });

  test('net stop inside a PowerShell script names the service too', () => {
    assert.match(shown('net stop MSExchange|IS').text, /^\*\*MSExchangeIS\*\* — Microsoft Exchange Information Store/);
  });

  test('a firewall rule Exchange Setup creates: ports, program, roles, status', () => {
    const { text, at } = shown('New-NetFirewallRule -DisplayName "MSExchangeRPC (GFW|) (TCP-In)" -LocalPort 135');
    assert.equal(at, '0:34-62');
    assert.equal(
      text.split('\n\n---\n\n')[0],
      [
        '**Firewall rule** `MSExchangeRPC (GFW) (TCP-In)` — created by Exchange Setup',
        '',
        '- Ports: Dynamic RPC',
        '- Program: Any',
        '- Roles: client-access, hub-transport, mailbox, unified-messaging',
        '- Versions: 2010',
        '- Status: verified',
      ].join('\n'),
    );
  });

  test('a netsh rule name in a PowerShell script; a partial entry says so', () => {
    const { text } = shown('netsh advfirewall firewall add rule name="MSExchangeRPC (TCP|-In)" dir=in action=allow');
    assert.match(text, /- Ports: 6001\n- Program: `Bin\\Microsoft\.Exchange\.RpcClientAccess\.Service\.exe`/);
    assert.match(text, /- Status: ⚠ partial/);
  });

  test('names the catalog does not know have no hover', () => {
    assert.equal(hoverAt('Restart-Service Spo|oler'), null);
    assert.equal(hoverAt('New-NetFirewallRule -DisplayName "My ru|le"'), null);
  });
});
