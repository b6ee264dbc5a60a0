// Runs inside VS Code's extension host with the extension under development loaded, against the
// fixture workspace test/e2e/workspace (a temp copy). What a user sees, through VS Code's own API:
// the diagnostics, the hover, the inlay hint and the quick fix, all provided by the real server.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { describeDiagnostic, diagnosticsWhen, openWorkspaceFile, quickFixWhen, wholeOf } from './support';

const FIX_TITLE = 'Set the RPC Client Access port to 59532';

function markdownOf(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

suite('Exchange Ports in the extension host', () => {
  let document: vscode.TextDocument;
  // `"TCP/IP Port"=dword:000004d2` on line 5: the data starts at character 14.
  const portData = new vscode.Position(4, 16);

  suiteSetup(async () => {
    document = await openWorkspaceFile('static-port.reg');
  });

  test('a .reg file opens in the reg language', () => {
    assert.equal(document.languageId, 'reg');
  });

  test('the out-of-range RPC Client Access port is reported on its data', async () => {
    const diagnostics = await diagnosticsWhen(document.uri, (all) => all.length > 0);
    assert.deepEqual(diagnostics.map(describeDiagnostic), ['static-port-out-of-range warning 5:15-5:29 (exchange-ports)']);
    assert.equal(diagnostics[0].message, 'RPC Client Access static port 1234 is outside the recommended range 59531–60554.');
  });

  test('hovering the port data shows the catalog entry and the verdict', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, portData);
    const text = markdownOf(hovers);
    assert.match(text, /`0x000004d2` = \*\*1234\*\* \(REG_DWORD\)/);
    assert.match(text, /RPC Client Access \(MSExchangeRPC\)/);
    assert.match(text, /Recommended range: 59531–60554 \(suggested: 59532\)/);
    assert.match(text, /⚠ 1234 is outside the recommended range 59531–60554\./);
  });

  test('an inlay hint shows the dword in decimal', async () => {
    const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, wholeOf(document));
    const labels = hints.map((hint) => `${hint.position.line + 1}:${hint.position.character + 1} ${String(hint.label)}`);
    assert.deepEqual(labels, ['5:29 = 1234']);
  });

  test('the quick fix sets the port to 59532 and the warning goes away', async () => {
    const [diagnostic] = await diagnosticsWhen(document.uri, (all) => all.length > 0);
    const fix = await quickFixWhen(document.uri, diagnostic.range, FIX_TITLE);
    assert.ok(fix.edit, `"${FIX_TITLE}" has no edit`);
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.lineAt(4).text, '"TCP/IP Port"=dword:0000e88c');
    await diagnosticsWhen(document.uri, (all) => all.length === 0);
  });
});
