// The netsh ↔ New-NetFirewallRule refactoring, with the exact text it writes both ways.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CodeActionKind } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageId } from '../../../../server/src/service/types';
import { documentOf, service, settingsWith } from '../../support/service';

const TO_POWERSHELL = 'Convert to New-NetFirewallRule';
const TO_NETSH = 'Convert to netsh advfirewall firewall add rule';

/** The refactorings offered with the cursor at the start of `line`. */
function refactorings(languageId: LanguageId, text: string, line = 0) {
  const document = documentOf(languageId, text);
  const at = { line, character: 0 };
  const actions = service.codeActions(document, { start: at, end: at }, [], settingsWith()).filter((action) => action.kind === CodeActionKind.RefactorRewrite);
  return { document, actions };
}

function convert(text: string, title: string, line = 0): string {
  const { document, actions } = refactorings('powershell', text, line);
  const action = actions.find((candidate) => candidate.title === title);
  assert.ok(action?.edit?.changes, `no "${title}" among ${actions.map((a) => a.title).join(' | ')}`);
  return TextDocument.applyEdits(document, action.edit.changes[document.uri] ?? []);
}

describe('netsh → New-NetFirewallRule', () => {
  test('every mapped argument, indentation and CRLF kept', () => {
    const text = '# open RPC\r\n  netsh advfirewall firewall add rule name="MSExchangeRPC (TCP-In)" dir=in action=allow protocol=TCP localport=135,59532 remoteport=any remoteip=10.0.0.0/8,localsubnet program="C:\\Program Files\\x.exe" enable=yes profile=domain,private\r\nRestart-Service MSExchangeRPC\r\n';
    assert.equal(
      convert(text, TO_POWERSHELL, 1),
      "# open RPC\r\n  New-NetFirewallRule -DisplayName \"MSExchangeRPC (TCP-In)\" -Direction Inbound -Action Allow -Protocol TCP -LocalPort 135,59532 -RemotePort Any -RemoteAddress '10.0.0.0/8',LocalSubnet -Program \"C:\\Program Files\\x.exe\" -Profile Domain,Private -Enabled True\r\nRestart-Service MSExchangeRPC\r\n",
    );
  });

  test('port ranges and RPC keywords', () => {
    assert.equal(
      convert('netsh advfirewall firewall add rule name=RPC dir=out action=block protocol=tcp localport=rpc-epmap,59531-60554', TO_POWERSHELL),
      "New-NetFirewallRule -DisplayName \"RPC\" -Direction Outbound -Action Block -Protocol TCP -LocalPort RPCEPMap,'59531-60554'",
    );
  });

  test('a name with a $ is single-quoted, so PowerShell does not expand it', () => {
    assert.equal(convert('netsh advfirewall firewall add rule name="Cost $5" dir=in action=allow', TO_POWERSHELL), "New-NetFirewallRule -DisplayName 'Cost $5' -Direction Inbound -Action Allow");
  });

  test('not offered when an argument has no counterpart, nor for other netsh commands', () => {
    assert.deepEqual(refactorings('powershell', 'netsh advfirewall firewall add rule name=X dir=in action=allow security=authenticate').actions, []);
    assert.deepEqual(refactorings('powershell', 'netsh advfirewall firewall delete rule name=X').actions, []);
    assert.deepEqual(refactorings('powershell', 'netsh int ipv4 set dynamicport tcp start=10000 num=1000').actions, []);
  });

  test('not offered in a cmd file, where a PowerShell command does not run', () => {
    assert.deepEqual(refactorings('bat', 'netsh advfirewall firewall add rule name=X dir=in action=allow').actions, []);
  });
});

describe('New-NetFirewallRule → netsh', () => {
  test('every mapped parameter; lists quoted so PowerShell passes them as one argument', () => {
    const text = "    New-NetFirewallRule -DisplayName 'MSExchangeRPC (GFW) (TCP-In)' -Direction Inbound -Protocol TCP -LocalPort 135,59532 -RemoteAddress 10.0.0.0/8 -Action Allow -Enabled True -Profile Domain,Private -Program 'C:\\x.exe'\n";
    assert.equal(
      convert(text, TO_NETSH),
      '    netsh advfirewall firewall add rule name="MSExchangeRPC (GFW) (TCP-In)" dir=in action=allow protocol=TCP localport="135,59532" remoteip=10.0.0.0/8 program=C:\\x.exe profile="domain,private" enable=yes\n',
    );
  });

  test('New-NetFirewallRule defaults (inbound, allow) are written out, as netsh needs them', () => {
    assert.equal(convert('New-NetFirewallRule -DisplayName Edge -LocalPort 25 -Protocol TCP -Enabled $false', TO_NETSH), 'netsh advfirewall firewall add rule name=Edge dir=in action=allow protocol=TCP localport=25 enable=no');
  });

  test('a command over several lines becomes one line', () => {
    assert.equal(
      convert('New-NetFirewallRule -DisplayName "EdgeSync" `\n  -LocalPort 50636 -Protocol TCP\n', TO_NETSH),
      'netsh advfirewall firewall add rule name=EdgeSync dir=in action=allow protocol=TCP localport=50636\n',
    );
  });

  test('round trip: back to the same netsh line', () => {
    const netsh = 'netsh advfirewall firewall add rule name="Exchange static RPC" dir=in action=allow protocol=TCP localport="135,59532,59533"';
    assert.equal(convert(convert(netsh, TO_POWERSHELL), TO_NETSH), netsh);
  });

  test('not offered for parameters netsh has no word for, variables it cannot see, or splatting', () => {
    assert.deepEqual(refactorings('powershell', 'New-NetFirewallRule -DisplayName X -Group Exchange').actions, []);
    assert.deepEqual(refactorings('powershell', 'New-NetFirewallRule -DisplayName X -LocalPort $port').actions, []);
    assert.deepEqual(refactorings('powershell', '$rule = @{ DisplayName = "X" }\nNew-NetFirewallRule @rule', 1).actions, []);
  });
});
