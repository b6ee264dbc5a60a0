// The outline: one symbol per key with its values as children. One branch per format that has a
// structure worth outlining; formats without one return nothing.
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import type { Span } from '../parsers/common/model';
import type { RegFile } from '../parsers/reg/ast';
import type { AnalyzedDocument } from '../service/types';
import { describeValue } from './format/registryData';

export function documentSymbols(doc: AnalyzedDocument): DocumentSymbol[] {
  switch (doc.syntax.format) {
    case 'reg':
      return regSymbols(doc, doc.syntax.tree);
    default:
      return [];
  }
}

function regSymbols(doc: AnalyzedDocument, tree: RegFile): DocumentSymbol[] {
  const range = (span: Span): Range => ({ start: doc.textDocument.positionAt(span.start), end: doc.textDocument.positionAt(span.end) });
  return tree.keys.map((key) => ({
    // VS Code rejects symbols with an empty name.
    name: key.path.trim() === '' ? '(empty key)' : key.path,
    ...(key.deleted ? { detail: 'deleted' } : {}),
    kind: SymbolKind.Namespace,
    range: range(key.span),
    selectionRange: range(key.pathSpan),
    children: key.values.map((value) => ({
      name: value.name === '' ? '(Default)' : value.name,
      detail: describeValue(value.type, value.data, value.deleted),
      kind: SymbolKind.Property,
      range: range(value.span),
      selectionRange: range(value.nameSpan),
    })),
  }));
}
