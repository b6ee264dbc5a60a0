// The server's entry point, kept to a few kilobytes so that `initialize` is answered as soon as
// Node has started: it opens the transport the command line names, answers `initialize` with the
// constant capabilities, and only then loads the language server (dist/service.js, with
// vscode-languageserver, the service and the catalog), which reads every message from the first.
import { EarlyInitialize } from './lsp/startup';
import { transportFromArguments } from './lsp/transport';

const transport = transportFromArguments(process.argv.slice(2));
if (transport) {
  const early = new EarlyInitialize(transport);
  void early.firstMessageHandled.then(async () => (await import('./lsp/languageServer')).startLanguageServer(early));
} else {
  void import('./lsp/languageServer').then(({ startLanguageServer }) => startLanguageServer());
}
