// Request handlers: find the open document and its settings, delegate to the language service,
// return its answer. Documents in languages the service does not analyse (the config file) get
// empty answers. A request the client cancels while its settings are being fetched (the one
// await) is answered RequestCancelled instead of being computed: the service's work is synchronous,
// so that is the one moment a cancellation can be seen.
import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Settings } from '../service/types';
import { isSupportedLanguage } from '../service/analyze';
import type { LanguageService } from '../service/languageService';
import { guard, type Log } from './guard';

export interface FeatureContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: LanguageService;
  settingsFor: (uri: string) => Promise<Settings>;
  log: Log;
}

export function registerFeatures({ connection, documents, service, settingsFor, log }: FeatureContext): void {
  const settingsUnlessCancelled = async (uri: string, token: CancellationToken) => {
    const settings = await settingsFor(uri);
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
    return settings;
  };
  const analysable = (uri: string) => {
    const document = documents.get(uri);
    return document && isSupportedLanguage(document.languageId) ? document : undefined;
  };

  connection.onHover(
    guard(log, 'Hover', null, async ({ textDocument, position }, token: CancellationToken) => {
      const document = analysable(textDocument.uri);
      return document ? service.hover(document, position, await settingsUnlessCancelled(document.uri, token)) : null;
    }),
  );

  connection.onCompletion(
    guard(log, 'Completion', [], async ({ textDocument, position }, token: CancellationToken) => {
      const document = analysable(textDocument.uri);
      return document ? service.completion(document, position, await settingsUnlessCancelled(document.uri, token)) : [];
    }),
  );

  connection.onCodeAction(
    guard(log, 'Code actions', [], async ({ textDocument, range, context }, token: CancellationToken) => {
      const document = analysable(textDocument.uri);
      return document ? service.codeActions(document, range, context.diagnostics, await settingsUnlessCancelled(document.uri, token)) : [];
    }),
  );

  connection.languages.inlayHint.on(
    guard(log, 'Inlay hints', [], async ({ textDocument, range }, token: CancellationToken) => {
      const document = analysable(textDocument.uri);
      return document ? service.inlayHints(document, range, await settingsUnlessCancelled(document.uri, token)) : [];
    }),
  );

  connection.onCodeLens(
    guard(log, 'Code lenses', [], async ({ textDocument }, token: CancellationToken) => {
      const document = analysable(textDocument.uri);
      return document ? service.codeLenses(document, await settingsUnlessCancelled(document.uri, token)) : [];
    }),
  );

  connection.onDocumentSymbol(
    guard(log, 'Document symbols', [], ({ textDocument }) => {
      const document = analysable(textDocument.uri);
      return document ? service.documentSymbols(document) : [];
    }),
  );

  connection.onFoldingRanges(
    guard(log, 'Folding ranges', [], ({ textDocument }) => {
      const document = analysable(textDocument.uri);
      return document ? service.foldingRanges(document) : [];
    }),
  );
}
