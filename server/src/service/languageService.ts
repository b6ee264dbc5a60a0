// The language service: pure functions over a TextDocument (plus settings) that return LSP types.
// The LSP server and the CLI both call it; it knows nothing of connections, files or VS Code.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CodeLens,
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  Position,
  Range,
} from 'vscode-languageserver-types';
import { codeActions } from '../features/codeActions';
import { codeLenses } from '../features/codeLens';
import { completion } from '../features/completion';
import { byPosition, computeFindings, toDiagnostic, type ResolvedFinding } from '../features/diagnostics';
import { foldingRanges } from '../features/folding';
import { hover } from '../features/hover';
import { inlayHints } from '../features/inlayHints';
import { portMap } from '../features/portMap';
import { documentSymbols } from '../features/symbols';
import { RULES } from '../rules';
import { BINARY_CONTENT, isBinary } from '../rules/binary-content';
import { FILE_TOO_LARGE, isTooLarge } from '../rules/file-too-large';
import { analyzeDocument } from './analyze';
import { DocumentCache } from './documentCache';
import { analysedIncrementally } from './incremental';
import type { AnalyzedDocument, Finding, Settings } from './types';
import { factsOf, type WorkspaceIndex } from './workspace';

export interface LanguageServiceOptions {
  /** Where rule failures and parser bugs are reported (the server's output channel, the CLI's stderr). */
  log?: (message: string) => void;
  /** Base URI of docs/rules.md; diagnostics link to `<uri>#<rule-id>`. */
  rulesDocumentationUri?: string;
  /** The other files of the workspace (kept current by the caller); without it, cross-file rules stay silent. */
  workspace?: WorkspaceIndex;
}

export interface LanguageService {
  analyze(document: TextDocument): AnalyzedDocument;
  /**
   * A new version of an open document, analysed at once where that is incremental (.reg,
   * PowerShell: a re-parse of what the edit reaches), with the facts the workspace index keeps of
   * it; other formats wait until something asks.
   */
  analyzeChange(document: TextDocument): void;
  findings(document: TextDocument, settings: Settings): ResolvedFinding[];
  diagnostics(document: TextDocument, settings: Settings): Diagnostic[];
  hover(document: TextDocument, position: Position, settings: Settings): Hover | null;
  completion(document: TextDocument, position: Position, settings: Settings): CompletionItem[];
  codeActions(document: TextDocument, range: Range, diagnostics: Diagnostic[], settings: Settings): CodeAction[];
  inlayHints(document: TextDocument, range: Range, settings: Settings): InlayHint[];
  /** Above a firewall file's role directive: how many of the role's required ports are open. */
  codeLenses(document: TextDocument, settings: Settings): CodeLens[];
  documentSymbols(document: TextDocument): DocumentSymbol[];
  foldingRanges(document: TextDocument): FoldingRange[];
  /** Markdown: every static port of the workspace, the files that set it, the firewall files that let it in, the gaps. */
  portMap(settings: Settings): string;
  /** Drops what is cached for a closed document. */
  forget(uri: string): void;
}

/**
 * What a file over `maxFileSize` is checked for: what its parse finds (syntax, malformed data,
 * impossible ports), none of the analyses across keys, commands or firewall rules.
 */
const SYNTAX_LEVEL_RULES: ReadonlySet<string> = new Set(['reg-syntax', 'reg-dword-format', 'ps-syntax', 'cmd-syntax', 'firewall-syntax', 'invalid-port', FILE_TOO_LARGE]);

/**
 * Two lists each in `byPosition` order as one, as sorting them together would give (the sort is
 * stable: at a tie, `first`'s finding comes first), in one pass instead of a sort of both.
 */
export function mergeByPosition<T extends Finding>(first: readonly T[], second: readonly T[]): T[] {
  const merged: T[] = [];
  let i = 0;
  let j = 0;
  while (i < first.length && j < second.length) merged.push(byPosition(first[i], second[j]) <= 0 ? first[i++] : second[j++]);
  while (i < first.length) merged.push(first[i++]);
  while (j < second.length) merged.push(second[j++]);
  return merged;
}

export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const log = options.log ?? (() => undefined);
  const cache = new DocumentCache();
  const analyze = (document: TextDocument) => cache.analysis(document, () => analyzeDocument(document, log));
  const singleFileRules = RULES.filter((rule) => !rule.crossFile);
  const crossFileRules = RULES.filter((rule) => rule.crossFile);
  const binaryRules = RULES.filter((rule) => rule.id === BINARY_CONTENT);
  const syntaxRules = RULES.filter((rule) => SYNTAX_LEVEL_RULES.has(rule.id));
  const findings = (document: TextDocument, settings: Settings): ResolvedFinding[] => {
    const doc = analyze(document);
    const limited = isBinary(doc.text) ? binaryRules : isTooLarge(doc.text, settings) ? syntaxRules : undefined;
    const own = cache.findings(document, settings, () => computeFindings(doc, settings, log, limited ?? singleFileRules));
    const { workspace } = options;
    if (!workspace || limited) return own;
    // Other files change without this document changing: never cached, and cheap (index look-ups).
    const crossFile = computeFindings(doc, settings, log, crossFileRules, workspace.view(doc));
    return crossFile.length === 0 ? own : mergeByPosition(own, crossFile);
  };
  const offsets = (document: TextDocument, range: Range) => ({ start: document.offsetAt(range.start), end: document.offsetAt(range.end) });

  return {
    analyze,
    analyzeChange(document) {
      if (!analysedIncrementally(document.languageId)) return;
      const doc = analyze(document);
      // What the workspace index and the cross-file rules read of the document is kept on its
      // analysis too (about a millisecond for 10,000 lines), so the debounced check finds it made.
      if (options.workspace) factsOf(doc);
    },
    findings,
    diagnostics(document, settings) {
      const doc = analyze(document);
      return findings(document, settings).map((finding) => toDiagnostic(doc, finding, options.rulesDocumentationUri));
    },
    hover: (document, position, settings) => hover(analyze(document), document.offsetAt(position), settings),
    completion: (document, position, settings) => completion(analyze(document), document.offsetAt(position), settings),
    codeActions: (document, range, diagnostics, settings) =>
      codeActions(analyze(document), offsets(document, range), findings(document, settings), diagnostics),
    inlayHints: (document, range, settings) => inlayHints(analyze(document), offsets(document, range), settings),
    codeLenses: (document, settings) => codeLenses(analyze(document), settings),
    documentSymbols: (document) => documentSymbols(analyze(document)),
    foldingRanges: (document) => foldingRanges(analyze(document)),
    portMap: (settings) => portMap(options.workspace?.view(), settings),
    forget: (uri) => cache.forget(uri),
  };
}
