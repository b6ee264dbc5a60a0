// Request handlers: find the open document and its settings, delegate to the language service,
// return its answer. Documents in languages the service does not analyse (the config file) get
// empty answers.
import type { Connection, TextDocuments } from 'vscode-languageserver';
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
  const analysable = (uri: string) => {
    const document = documents.get(uri);
    return document && isSupportedLanguage(document.languageId) ? document : undefined;
  };

  connection.onHover(
    guard(log, 'Hover', null, async ({ textDocument, position }) => {
      const document = analysable(textDocument.uri);
      return document ? service.hover(document, position, await settingsFor(document.uri)) : null;
    }),
  );

  connection.onCompletion(
    guard(log, 'Completion', [], async ({ textDocument, position }) => {
      const document = analysable(textDocument.uri);
      return document ? service.completion(document, position, await settingsFor(document.uri)) : [];
    }),
  );

  connection.onCodeAction(
    guard(log, 'Code actions', [], async ({ textDocument, range, context }) => {
      const document = analysable(textDocument.uri);
      return document ? service.codeActions(document, range, context.diagnostics, await settingsFor(document.uri)) : [];
    }),
  );

  connection.languages.inlayHint.on(
    guard(log, 'Inlay hints', [], async ({ textDocument, range }) => {
      const document = analysable(textDocument.uri);
      return document ? service.inlayHints(document, range, await settingsFor(document.uri)) : [];
    }),
  );

  connection.onCodeLens(
    guard(log, 'Code lenses', [], async ({ textDocument }) => {
      const document = analysable(textDocument.uri);
      return document ? service.codeLenses(document, await settingsFor(document.uri)) : [];
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
