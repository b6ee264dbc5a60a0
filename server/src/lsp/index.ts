// Wires the language service to an LSP connection: capabilities, document sync, settings,
// config files and diagnostics. The only place (with its siblings) that knows the protocol.
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'node:path';
import { CONFIG_FILE_GLOB, REQUESTS, SETTINGS_SECTION, type InitializationOptions, type PortMapParams } from '../protocol';
import { isSupportedLanguage } from '../service/analyze';
import { CONFIG_FILE_NAME, mergeSettings } from '../service/config';
import { createLanguageService } from '../service/languageService';
import { fileNameGlobs, WorkspaceIndex } from '../service/workspace';
import { initializeResult } from './capabilities';
import { ConfigFiles } from './configFiles';
import { DiagnosticsScheduler } from './diagnostics';
import { registerFeatures } from './features';
import { guard } from './guard';
import { isInside, pathToUri, uriToPath } from './paths';
import { DocumentSettings } from './settings';
import { canonicalFileUri, WorkspaceIndexer } from './workspaceIndexer';

export function registerLanguageServer(connection: Connection): void {
  const log = (message: string) => connection.console.error(message);
  const documents = new TextDocuments(TextDocument);
  let workspaceFolders: string[] = [];
  let clientWatchesFiles = false;
  let clientRefreshesInlayHints = false;
  let clientAcceptsConfigurationRegistration = false;
  let clientSendsFolderChanges = false;
  const configFiles = new ConfigFiles({
    documents,
    workspaceFolders: () => workspaceFolders,
    publish: (uri, diagnostics) => connection.sendDiagnostics({ uri, diagnostics }),
  });
  // Created at `initialize`, which the protocol guarantees comes before any other request.
  let settings!: DocumentSettings;
  let scheduler!: DiagnosticsScheduler;
  let indexer!: WorkspaceIndexer;

  const folderPaths = (uris: readonly string[]) => uris.map(uriToPath).filter((folder): folder is string => folder !== undefined);

  const revalidateAll = () => {
    scheduler.all((document) => isSupportedLanguage(document.languageId));
    if (clientRefreshesInlayHints) connection.languages.inlayHint.refresh().catch((error: unknown) => log(`Inlay hint refresh failed: ${String(error)}`));
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    const capabilities = params.capabilities;
    const canAskClient = capabilities.workspace?.configuration === true;
    clientWatchesFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    clientRefreshesInlayHints = capabilities.workspace?.inlayHint?.refreshSupport === true;
    clientAcceptsConfigurationRegistration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    clientSendsFolderChanges = capabilities.workspace?.workspaceFolders === true;
    workspaceFolders = folderPaths(params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []));

    const workspace = new WorkspaceIndex({ displayName: workspaceRelativeName, canonicalUri: canonicalFileUri });
    const service = createLanguageService({ log, rulesDocumentationUri: options.rulesDocumentationUri, workspace });
    settings = new DocumentSettings(connection, configFiles, canAskClient, options.settings, log);
    const settingsFor = (uri: string) => settings.forDocument(uri);
    scheduler = new DiagnosticsScheduler(
      connection,
      documents,
      {
        analyze: (document) => service.analyzeChange(document),
        validate: async (document) => service.diagnostics(document, await settingsFor(document.uri)),
      },
      log,
    );
    registerFeatures({ connection, documents, service, settingsFor, log });
    indexer = new WorkspaceIndexer({
      connection,
      documents,
      index: workspace,
      analyze: (document) => service.analyze(document),
      log,
      // Another file's ports changed: the open documents' cross-file findings may change with them.
      factsChanged: (uris) => scheduler.all((document) => isSupportedLanguage(document.languageId) && !uris.includes(document.uri)),
    });
    connection.onRequest(
      REQUESTS.portMap,
      guard(log, 'Port map', '', async (params: PortMapParams | undefined) => {
        // Settings as for a file at the root of the first folder, unless the client names a document.
        const uri = params?.uri ?? (workspaceFolders[0] ? pathToUri(path.join(workspaceFolders[0], CONFIG_FILE_NAME)) : undefined);
        return service.portMap(uri ? await settingsFor(uri) : mergeSettings());
      }),
    );

    documents.onDidClose(
      guard(log, 'Closing a document', undefined, ({ document }) => {
        service.forget(document.uri);
        settings.forget(document.uri);
        openedVersions.delete(document.uri);
        void indexer.documentClosed(document.uri);
        if (ConfigFiles.isConfigUri(document.uri)) {
          // The buffer is gone: the file on disk (saved or not) applies again.
          configFiles.load(uriToPath(document.uri) ?? '');
          revalidateAll();
        } else {
          scheduler.clear(document.uri);
        }
      }),
    );

    // Over stdio and IPC the entry point has sent this answer already and this copy is dropped
    // (lsp/startup.ts); over a socket or a pipe it is the answer.
    return initializeResult();
  });

  connection.onInitialized(
    guard(log, 'Initialized', undefined, () => {
      configFiles.loadWorkspaceRoots();
      const register = (what: string, registration: Promise<unknown>) => registration.catch((error: unknown) => log(`Registering ${what} failed: ${String(error)}`));
      if (clientWatchesFiles) {
        const globs = [CONFIG_FILE_GLOB, ...fileNameGlobs()];
        void register('the file watcher', connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: globs.map((globPattern) => ({ globPattern })) }));
      }
      // VS Code sends didChangeConfiguration only to servers that registered for it.
      if (clientAcceptsConfigurationRegistration) {
        void register('settings changes', connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }));
      }
      if (clientSendsFolderChanges) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guard(log, 'Workspace folders change', undefined, ({ added, removed }) => {
            const removedPaths = folderPaths(removed.map((folder) => folder.uri));
            const addedPaths = folderPaths(added.map((folder) => folder.uri));
            workspaceFolders = [...workspaceFolders.filter((folder) => !removedPaths.includes(folder)), ...addedPaths];
            configFiles.loadWorkspaceRoots();
            for (const folder of removedPaths) indexer.removeFolder(folder);
            void indexer.indexFolders(addedPaths);
            revalidateAll();
          }),
        );
      }
      // In the background: diagnostics of open documents come first and are refreshed when it ends.
      void indexer.indexFolders(workspaceFolders);
    }),
  );

  documents.onDidChangeContent(
    guard(log, 'Document change', undefined, ({ document }) => {
      indexer.documentChanged(document);
      if (ConfigFiles.isConfigUri(document.uri)) {
        configFiles.load(uriToPath(document.uri) ?? '');
        revalidateAll();
      } else if (!isSupportedLanguage(document.languageId)) {
        return;
      } else if (document.version === openedVersions.get(document.uri)) {
        openedVersions.delete(document.uri);
        scheduler.now(document);
      } else {
        scheduler.changed(document);
      }
    }),
  );
  // didOpen fires onDidOpen and then onDidChangeContent: remember which content event is the open.
  const openedVersions = new Map<string, number>();
  documents.onDidOpen(({ document }) => {
    if (isSupportedLanguage(document.languageId)) openedVersions.set(document.uri, document.version);
  });

  connection.onDidChangeConfiguration(
    guard(log, 'Configuration change', undefined, ({ settings: pushed }) => {
      settings.editorChanged(pushed);
      revalidateAll();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard(log, 'Watched files change', undefined, ({ changes }) => {
      void indexer.filesChanged(changes.filter((change) => !ConfigFiles.isConfigUri(change.uri)));
      const configChanges = changes.filter((change) => ConfigFiles.isConfigUri(change.uri));
      if (configChanges.length === 0) return;
      // load() re-reads a changed file, parses a created one and forgets a deleted one.
      for (const change of configChanges) configFiles.load(uriToPath(change.uri) ?? '');
      revalidateAll();
    }),
  );

  connection.onShutdown(() => {
    scheduler?.dispose();
    indexer?.dispose();
  });

  documents.listen(connection);

  /** A path relative to the innermost workspace folder holding the file, with `/`; else the URI's base name. */
  function workspaceRelativeName(uri: string): string {
    const filePath = uriToPath(uri);
    if (!filePath) return uri.slice(uri.lastIndexOf('/') + 1);
    const folder = workspaceFolders.filter((candidate) => isInside(filePath, candidate)).sort((a, b) => b.length - a.length)[0];
    return (folder ? path.relative(folder, filePath) : path.basename(filePath)).split(path.sep).join('/');
  }
}
