// Firewall files in the extension host: an iptables-save file with a role directive (its code
// lens counts the role's required ports) and an nftables file, through VS Code's own API.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describeDiagnostic, diagnosticsWhen, openWorkspaceFile, quickFixWhen, wholeOf } from './support';

/** `3:1 2 required ports: 1 open, 1 missing → exchangePorts.showRuleDocumentation missing-required-port` */
async function codeLensesOf(document: vscode.TextDocument): Promise<string[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 10);
  return lenses.map(({ range, command }) => `${range.start.line + 1}:${range.start.character + 1} ${command?.title} → ${command?.command} ${(command?.arguments ?? []).join(' ')}`);
}

async function inlayHintsOf(document: vscode.TextDocument): Promise<vscode.InlayHint[]> {
  return vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, wholeOf(document));
}

suite('Firewall files in the extension host', () => {
  suite('iptables-save: the Edge Transport perimeter (edge-transport.rules.v4)', () => {
    let document: vscode.TextDocument;

    suiteSetup(async () => {
      document = await openWorkspaceFile('edge-transport.rules.v4');
    });

    test('a *.rules.v4 file opens in the iptables language', () => {
      assert.equal(document.languageId, 'iptables');
    });

    test('the missing EdgeSync port and the plaintext LDAP port are reported', async () => {
      const diagnostics = await diagnosticsWhen(document.uri, (all) => all.length > 0);
      assert.deepEqual(diagnostics.map(describeDiagnostic), [
        'missing-required-port warning 3:1-3:51 (exchange-ports)',
        'plaintext-protocol-exposed warning 10:51-10:56 (exchange-ports)',
      ]);
      assert.deepEqual(
        diagnostics.map((diagnostic) => diagnostic.message),
        [
          'Edge Transport 2016 needs inbound EdgeSync (LDAP over SSL to AD LDS) 50636/TCP (Hub Transport (2010) / Mailbox (2013+) → Edge), but no rule opens it.',
          'AD LDS LDAP without SSL on the Edge server on 50389/TCP is open to any source and carries passwords and data readable on the wire: open 50636 (EdgeSync (LDAP over SSL to AD LDS)) instead, or allow 50389 only from the hosts that need it.',
        ],
      );
    });

    test('a code lens above the role directive counts the required ports', async () => {
      assert.deepEqual(await codeLensesOf(document), [
        '3:1 2 required ports: 1 open, 1 missing → exchangePorts.showRuleDocumentation missing-required-port',
      ]);
    });

    test('firewall files get no inlay hints', async () => {
      assert.deepEqual(await inlayHintsOf(document), []);
    });

    test('opening 50636 instead of 50389 clears both warnings and completes the code lens', async () => {
      const diagnostics = await diagnosticsWhen(document.uri, (all) => all.length === 2);
      const plaintext = diagnostics.find((diagnostic) => describeDiagnostic(diagnostic).startsWith('plaintext-protocol-exposed'));
      assert.ok(plaintext);
      const fix = await quickFixWhen(document.uri, plaintext.range, 'Open 50636 instead of 50389');
      assert.ok(fix.edit, 'the fix has no edit');
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.equal(document.lineAt(9).text, '-A FORWARD -d 192.0.2.25/32 -p tcp -m tcp --dport 50636 -j ACCEPT');
      await diagnosticsWhen(document.uri, (all) => all.length === 0);
      assert.deepEqual(await codeLensesOf(document), [
        '3:1 2 required ports: 2 open, 0 missing → exchangePorts.showRuleDocumentation missing-required-port',
      ]);
    });
  });

  suite('nftables: the whole dynamic RPC range open (rpc-range.nft)', () => {
    let document: vscode.TextDocument;

    suiteSetup(async () => {
      document = await openWorkspaceFile('rpc-range.nft');
    });

    test('a .nft file opens in the nftables language', () => {
      assert.equal(document.languageId, 'nftables');
    });

    test('the open dynamic range is reported on its ports', async () => {
      const diagnostics = await diagnosticsWhen(document.uri, (all) => all.length > 0);
      assert.deepEqual(diagnostics.map(describeDiagnostic), ['dynamic-rpc-range-open warning 12:55-12:66 (exchange-ports)']);
      assert.equal(
        diagnostics[0].message,
        'This rule opens 49152-65535/TCP, which covers most of 49152–65535, the Windows dynamic (ephemeral and RPC) port range. That is a sieve for every RPC service on the host: open the endpoint mapper 135 and the static RPC ports instead (59532 and 59533 as recommended, or your configured static ports).',
      );
    });

    test('without a role directive there is no code lens, and no inlay hints', async () => {
      assert.deepEqual(await codeLensesOf(document), []);
      assert.deepEqual(await inlayHintsOf(document), []);
    });
  });
});
