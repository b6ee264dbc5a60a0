// Runs inside VS Code's extension host with the extension under development loaded, against the
// fixture workspace test/e2e/workspace (a temp copy). What a user sees, through VS Code's own API:
// the diagnostics, the hover, the inlay hint and the quick fix, all provided by the real server.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const TIMEOUT_MS = 30_000;
const FIX_TITLE = 'Set the RPC Client Access port to 59532';

/** Resolves with the file's diagnostics once `accept` holds for them; VS Code pushes them later. */
function diagnosticsWhen(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!accept(diagnostics)) return false;
      listener.dispose();
      clearTimeout(timer);
      resolve(diagnostics);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`diagnostics never matched; now: ${JSON.stringify(vscode.languages.getDiagnostics(uri))}`));
    }, TIMEOUT_MS);
    check();
  });
}

function describe(diagnostic: vscode.Diagnostic): string {
  const { start, end } = diagnostic.range;
  const severity = vscode.DiagnosticSeverity[diagnostic.severity].toLowerCase();
  // With a documentation link the code arrives as { value, target }.
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return `${String(code)} ${severity} ${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} (${diagnostic.source})`;
}

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
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test instance must open test/e2e/workspace');
    document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'static-port.reg'));
    await vscode.window.showTextDocument(document);
  });

  test('a .reg file opens in the reg language', () => {
    assert.equal(document.languageId, 'reg');
  });

  test('the out-of-range RPC Client Access port is reported on its data', async () => {
    const diagnostics = await diagnosticsWhen(document.uri, (all) => all.length > 0);
    assert.deepEqual(diagnostics.map(describe), ['static-port-out-of-range warning 5:15-5:29 (exchange-ports)']);
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
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, whole);
    const labels = hints.map((hint) => `${hint.position.line + 1}:${hint.position.character + 1} ${String(hint.label)}`);
    assert.deepEqual(labels, ['5:29 = 1234']);
  });

  test('the quick fix sets the port to 59532 and the warning goes away', async () => {
    const [diagnostic] = await diagnosticsWhen(document.uri, (all) => all.length > 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((action) => action.title === FIX_TITLE);
    assert.ok(fix?.edit, `no "${FIX_TITLE}" among: ${actions.map((action) => action.title).join(' | ')}`);
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(document.lineAt(4).text, '"TCP/IP Port"=dword:0000e88c');
    await diagnosticsWhen(document.uri, (all) => all.length === 0);
  });
});
