// The outline: one symbol per key with its values as children. One branch per format that has a
// structure worth outlining; formats without one return nothing. Scripts (PowerShell, cmd) outline
// what they do to Exchange: registry values written and firewall rules named, under the function
// (PowerShell) or label (cmd) that holds them.
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import type { Span } from '../parsers/common/model';
import type { PsStatement } from '../parsers/powershell/ast';
import type { RegFile } from '../parsers/reg/ast';
import type { AnalyzedDocument } from '../service/types';
import { describeValue } from './format/registryData';
import { scriptNames, type ScriptName } from './scriptNames';

export function documentSymbols(doc: AnalyzedDocument): DocumentSymbol[] {
  switch (doc.syntax.format) {
    case 'reg':
      return regSymbols(doc, doc.syntax.tree);
    case 'powershell':
      return nest([...functionSymbols(doc, doc.syntax.tree.statements), ...scriptSymbols(doc)]);
    case 'bat':
      return underLabels(labelSymbols(doc), scriptSymbols(doc));
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

// ---------------------------------------------------------------------------------------------
// PowerShell and cmd

function symbolRange(doc: AnalyzedDocument, span: Span): Range {
  return { start: doc.textDocument.positionAt(span.start), end: doc.textDocument.positionAt(span.end) };
}

/**
 * LSP requires the selection inside the symbol's range (VS Code rejects the whole outline
 * otherwise). A name written elsewhere — a splatted hashtable, a variable set earlier — selects the
 * statement itself.
 */
function selectionWithin(name: Span, statement: Span): Span {
  return name.start >= statement.start && name.end <= statement.end ? name : statement;
}

/** `…\MSExchangeRPC\ParametersSystem`: the last two segments say which key. */
function shortKey(keyPath: string): string {
  const segments = keyPath.split('\\');
  return segments.length > 2 ? `…\\${segments.slice(-2).join('\\')}` : keyPath;
}

/** The registry values written and the firewall rules named, in source order. */
function scriptSymbols(doc: AnalyzedDocument): DocumentSymbol[] {
  const writes = doc.model.registryWrites.map((write) => ({
    start: write.statementSpan.start,
    symbol: {
      name: write.valueName === '' ? '(Default)' : write.valueName,
      detail: `${describeValue(write.type, write.data, write.deleted)} · ${shortKey(write.keyPath)}`,
      kind: SymbolKind.Property,
      range: symbolRange(doc, write.statementSpan),
      selectionRange: symbolRange(doc, selectionWithin(write.nameSpan, write.statementSpan)),
    },
  }));
  const rules = scriptNames(doc)
    .filter((name): name is Extract<ScriptName, { kind: 'firewallRule' }> => name.kind === 'firewallRule' && name.name.trim() !== '')
    .map((name) => ({
      start: name.statement.start,
      symbol: {
        name: name.name,
        detail: doc.text.slice(name.statement.start, name.statement.end).split(/\s/, 1)[0],
        kind: SymbolKind.Event,
        range: symbolRange(doc, name.statement),
        selectionRange: symbolRange(doc, selectionWithin(name.span, name.statement)),
      },
    }));
  return [...writes, ...rules].sort((a, b) => a.start - b.start).map((entry) => entry.symbol);
}

function functionSymbols(doc: AnalyzedDocument, statements: PsStatement[]): DocumentSymbol[] {
  const found: DocumentSymbol[] = [];
  const visit = (statement: PsStatement): void => {
    if (statement.kind !== 'block') return;
    if ((statement.keyword === 'function' || statement.keyword === 'filter') && statement.name) {
      const nameStart = doc.text.indexOf(statement.name, statement.span.start);
      const nameSpan = nameStart >= 0 && nameStart < statement.span.end ? { start: nameStart, end: nameStart + statement.name.length } : statement.span;
      found.push({ name: statement.name, kind: SymbolKind.Function, range: symbolRange(doc, statement.span), selectionRange: symbolRange(doc, nameSpan), children: [] });
    }
    for (const child of statement.children) {
      if (child.kind === 'block') visit(child);
      else if (child.kind === 'scriptblock') child.statements.forEach(visit);
    }
  };
  statements.forEach(visit);
  return found;
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** Each symbol under the innermost function that contains it. */
function nest(symbols: DocumentSymbol[]): DocumentSymbol[] {
  const sorted = [...symbols].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.kind === SymbolKind.Function ? -1 : 1));
  const roots: DocumentSymbol[] = [];
  const open: DocumentSymbol[] = [];
  for (const symbol of sorted) {
    while (open.length > 0 && !contains(open[open.length - 1].range, symbol.range)) open.pop();
    const parent = open[open.length - 1];
    if (parent) parent.children?.push(symbol);
    else roots.push(symbol);
    if (symbol.kind === SymbolKind.Function) open.push(symbol);
  }
  return roots;
}

/** `:label` lines (not `::` comments): where `goto` and `call :label` go. */
function labelSymbols(doc: AnalyzedDocument): DocumentSymbol[] {
  const labels: DocumentSymbol[] = [];
  const lines = doc.textDocument.lineCount;
  for (let line = 0; line < lines; line++) {
    const start = doc.textDocument.offsetAt({ line, character: 0 });
    const end = doc.textDocument.offsetAt({ line: line + 1, character: 0 });
    let at = start;
    while (at < end && (doc.text[at] === ' ' || doc.text[at] === '\t')) at++;
    if (doc.text[at] !== ':' || doc.text[at + 1] === ':') continue;
    let nameEnd = at + 1;
    while (nameEnd < end && !/[\s+:;,=]/.test(doc.text[nameEnd])) nameEnd++;
    if (nameEnd === at + 1) continue;
    const range = symbolRange(doc, { start: at, end: nameEnd });
    labels.push({ name: doc.text.slice(at + 1, nameEnd), kind: SymbolKind.Function, range, selectionRange: range, children: [] });
  }
  return labels;
}

/** A label's section runs to the next label: the symbols there become its children, its range grows over them. */
function underLabels(labels: DocumentSymbol[], symbols: DocumentSymbol[]): DocumentSymbol[] {
  const roots: DocumentSymbol[] = [];
  let label = -1;
  for (const symbol of symbols) {
    while (label + 1 < labels.length && labels[label + 1].range.start.line <= symbol.range.start.line) label++;
    if (label < 0) roots.push(symbol);
    else {
      const owner = labels[label];
      owner.children?.push(symbol);
      owner.range = { start: owner.range.start, end: symbol.range.end };
    }
  }
  return [...roots, ...labels].sort((a, b) => a.range.start.line - b.range.start.line);
}
