// The language server's entry point: one connection (stdio, IPC or socket, chosen by the command
// line), everything else registered by lsp/.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { registerLanguageServer } from './lsp';

const connection = createConnection(ProposedFeatures.all);
registerLanguageServer(connection);
connection.listen();
