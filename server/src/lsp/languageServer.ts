// The language server proper, bundled on its own (dist/service.js) and loaded by the entry point
// once `initialize` is answered: vscode-languageserver's connection over the entry's transport,
// with everything lsp/ registers, and through it the service, the parsers, the rules and the catalog.
import { format } from 'node:util';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { registerLanguageServer } from './index';
import type { Transport } from './transport';

/** Without a transport, vscode-languageserver opens the one the command line names (`--socket`, `--pipe`). */
export function startLanguageServer(transport?: Transport): void {
  const connection = transport ? createConnection(ProposedFeatures.all, transport.reader, transport.writer) : createConnection(ProposedFeatures.all);
  if (transport?.kind === 'stdio') logConsoleTo(connection);
  registerLanguageServer(connection);
  connection.listen();
}

/** Over stdio, stdout is the protocol: what a library prints goes to the client's log instead. */
function logConsoleTo(connection: Connection): void {
  console.log = (...args: unknown[]) => connection.console.log(format(...args));
  console.info = (...args: unknown[]) => connection.console.info(format(...args));
  console.debug = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
}
