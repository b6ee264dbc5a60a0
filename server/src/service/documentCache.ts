// One analysis per (uri, version) and one set of findings per (uri, version, settings): hovers,
// inlay hints and code actions reuse the parse instead of re-reading the document. A new version
// is analysed from the previous one where the format allows (service/incremental.ts).
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ResolvedFinding } from '../features/diagnostics';
import { reanalyze } from './incremental';
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
    const previous = this.entries.get(document.uri);
    const analysis = (previous && this.incremental(previous.analysis, document)) ?? compute();
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

  /** Only the newest version is kept, so the older analysis can be consumed by the new one. */
  private incremental(previous: AnalyzedDocument, document: TextDocument): AnalyzedDocument | undefined {
    try {
      return reanalyze(previous, document);
    } catch {
      // Whatever went wrong, a full analysis gives the right answer (and logs a parser bug itself).
      return undefined;
    }
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
