// The VS Code client: starts the bundled language server, tells it which documents to check and
// where the rule documentation is, and opens that documentation on request. No checking here.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { COMMANDS, CONFIG_FILE_GLOB, LANGUAGE_IDS, REQUESTS, SETTINGS_SECTION, type InitializationOptions, type PortMapParams } from '../../server/src/protocol';
import { PORT_MAP_URI, PortMapDocument } from './portMap';
import { RestartPolicy } from './restartPolicy';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  // stdio, as every other client and the benchmark start it: the server's own stream reader
  // (server/src/lsp/transport.ts) is what keeps a large document from being held several times.
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const rulesDocument = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules.md');
  const outputChannel = vscode.window.createOutputChannel('Exchange Ports', { log: true });
  const configWatcher = vscode.workspace.createFileSystemWatcher(CONFIG_FILE_GLOB);
  const initializationOptions: InitializationOptions = { rulesDocumentationUri: rulesDocument.toString() };
  const clientOptions: LanguageClientOptions = {
    // Real files, unsaved buffers and virtual workspaces (GitHub Repositories); not diff or git views.
    documentSelector: [
      ...LANGUAGE_IDS.flatMap((language) => ['file', 'untitled', 'vscode-vfs'].map((scheme) => ({ language, scheme }))),
      { scheme: 'file', pattern: CONFIG_FILE_GLOB },
    ],
    synchronize: { fileEvents: configWatcher },
    initializationOptions,
    outputChannel,
    errorHandler: restartABoundedNumberOfTimes(),
  };

  client = new LanguageClient(SETTINGS_SECTION, 'Exchange Ports', serverOptions, clientOptions);
  const portMap = new PortMapDocument();
  context.subscriptions.push(
    outputChannel,
    configWatcher,
    portMap,
    vscode.workspace.registerTextDocumentContentProvider(PORT_MAP_URI.scheme, portMap),
    vscode.commands.registerCommand(COMMANDS.showRuleDocumentation, (ruleId?: unknown) => showRuleDocumentation(rulesDocument, ruleId)),
    vscode.commands.registerCommand(COMMANDS.showPortMap, () => showPortMap(portMap)),
  );
  await client.start();
  // The palette offers the port map only once there is a server to ask.
  await vscode.commands.executeCommand('setContext', 'exchangePorts.active', true);
}

/** Asks the server for the port map and shows it rendered. */
async function showPortMap(portMap: PortMapDocument): Promise<void> {
  if (!client) return;
  const active = vscode.window.activeTextEditor?.document.uri;
  const params: PortMapParams = active?.scheme === 'file' ? { uri: active.toString() } : {};
  portMap.update(await client.sendRequest<string>(REQUESTS.portMap, params));
  await vscode.commands.executeCommand('markdown.showPreview', PORT_MAP_URI);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** `handled` restarts are only logged to the output channel: the user hears once, when it gives up. */
function restartABoundedNumberOfTimes(): ErrorHandler {
  const policy = new RestartPolicy();
  return {
    error: (_error, _message, count) => (policy.keepConnection(count) ? { action: ErrorAction.Continue, handled: true } : { action: ErrorAction.Shutdown }),
    closed: () => {
      const decision = policy.closed();
      return decision.restart ? { action: CloseAction.Restart, message: decision.message, handled: true } : { action: CloseAction.DoNotRestart, message: decision.message };
    },
  };
}

/** Opens docs/rules.md as text with the rule's `## <rule-id>` heading at the top of the editor. */
async function showRuleDocumentation(rulesDocument: vscode.Uri, ruleId: unknown): Promise<void> {
  const document = await vscode.workspace.openTextDocument(rulesDocument);
  const heading = typeof ruleId === 'string' ? `## ${ruleId}` : undefined;
  let line = 0;
  for (let index = 0; heading && index < document.lineCount; index++) {
    if (document.lineAt(index).text.trim() === heading) {
      line = index;
      break;
    }
  }
  const start = new vscode.Position(line, 0);
  const editor = await vscode.window.showTextDocument(document, { preview: true, selection: new vscode.Range(start, start) });
  editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.AtTop);
}
