// What the server answers to `initialize`. It does not depend on the client, so the entry point
// (server.ts) can send it before the language server is loaded, and the language server's own
// answer is the same by construction. Types only from vscode-languageserver: nothing is loaded.
import type { CodeActionKind, InitializeResult, TextDocumentSyncKind } from 'vscode-languageserver';

export const SERVER_NAME = 'exchange-ports';

/** Characters after which a client asks for completions unprompted: key paths, value names, data. */
const COMPLETION_TRIGGERS = ['[', '\\', '"', '='];

const INCREMENTAL: typeof TextDocumentSyncKind.Incremental = 2;
const QUICK_FIX: typeof CodeActionKind.QuickFix = 'quickfix';
const REFACTOR_REWRITE: typeof CodeActionKind.RefactorRewrite = 'refactor.rewrite';

/** A new object each time: vscode-languageserver completes the one it is given in place. */
export function initializeResult(): InitializeResult {
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: INCREMENTAL },
      hoverProvider: true,
      completionProvider: { triggerCharacters: [...COMPLETION_TRIGGERS] },
      codeActionProvider: { codeActionKinds: [QUICK_FIX, REFACTOR_REWRITE] },
      codeLensProvider: { resolveProvider: false },
      inlayHintProvider: true,
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: SERVER_NAME },
  };
}
