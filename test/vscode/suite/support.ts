// What the extension-host suites share: waiting for pushed diagnostics and describing them in one
// line each, as the unit tests do (code, severity, 1-based range, source).
import * as vscode from 'vscode';

const TIMEOUT_MS = 30_000;

/** Opens a file of the test workspace (a temp copy of test/e2e/workspace) in an editor. */
export async function openWorkspaceFile(name: string): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the test instance must open test/e2e/workspace');
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, name));
  await vscode.window.showTextDocument(document);
  return document;
}

/** Resolves with the file's diagnostics once `accept` holds for them; VS Code pushes them later. */
export function diagnosticsWhen(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
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

/**
 * The quick fix titled `title` for `range`, asked for again until it is offered. On a loaded
 * machine the first request right after the diagnostics arrive has come back empty once; the
 * editor's light bulb asks again too, so only a fix that never comes is a failure.
 */
export async function quickFixWhen(uri: vscode.Uri, range: vscode.Range, title: string): Promise<vscode.CodeAction> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((action) => action.title === title);
    if (fix) return fix;
    if (Date.now() > deadline) throw new Error(`no "${title}" among: ${actions.map((action) => action.title).join(' | ')}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `static-port-out-of-range warning 5:15-5:29 (exchange-ports)` */
export function describeDiagnostic(diagnostic: vscode.Diagnostic): string {
  const { start, end } = diagnostic.range;
  const severity = vscode.DiagnosticSeverity[diagnostic.severity].toLowerCase();
  // With a documentation link the code arrives as { value, target }.
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return `${String(code)} ${severity} ${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} (${diagnostic.source})`;
}

/** The whole document, for providers that take a range. */
export function wholeOf(document: vscode.TextDocument): vscode.Range {
  return new vscode.Range(0, 0, document.lineCount, 0);
}
