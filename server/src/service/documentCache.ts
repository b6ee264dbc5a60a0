// One analysis per (uri, version) and one set of findings per (uri, version, settings): hovers,
// inlay hints and code actions reuse the parse instead of re-reading the document.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ResolvedFinding } from '../features/diagnostics';
import type { AnalyzedDocument, Settings } from './types';

interface Entry {
  version: number;
  /** The text the analysis was made from: the CLI and tests reuse version numbers freely. */
  text: string;
  analysis: AnalyzedDocument;
  findings?: { settings: Settings; value: ResolvedFinding[] };
}

export class DocumentCache {
  private readonly entries = new Map<string, Entry>();

  analysis(document: TextDocument, compute: () => AnalyzedDocument): AnalyzedDocument {
    const entry = this.current(document);
    if (entry) return entry.analysis;
    const analysis = compute();
    this.entries.set(document.uri, { version: document.version, text: analysis.text, analysis });
    return analysis;
  }

  findings(document: TextDocument, settings: Settings, compute: () => ResolvedFinding[]): ResolvedFinding[] {
    const entry = this.current(document);
    if (entry?.findings && entry.findings.settings === settings) return entry.findings.value;
    const value = compute();
    const fresh = this.current(document);
    if (fresh) fresh.findings = { settings, value };
    return value;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }

  private current(document: TextDocument): Entry | undefined {
    const entry = this.entries.get(document.uri);
    if (!entry || entry.version !== document.version) return undefined;
    // Same version, other text: only possible outside an editor; comparing keeps it correct.
    return entry.analysis.textDocument === document || entry.text === document.getText() ? entry : undefined;
  }
}
