// Folding: runs of whole-line comments in every format (from the neutral model), plus each
// format's own blocks (for .reg: keys with their values, and hex data continued over lines; for
// PowerShell: script blocks, hashtables, here-strings and `<# #>` comments). cmd's parenthesised
// blocks are not in its tree, so cmd folds comment runs only.
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { Span } from '../parsers/common/model';
import type { PsScript, PsStatement, PsValue } from '../parsers/powershell/ast';
import type { RegFile } from '../parsers/reg/ast';
import type { AnalyzedDocument } from '../service/types';

export function foldingRanges(doc: AnalyzedDocument): FoldingRange[] {
  const ranges = commentRuns(doc);
  switch (doc.syntax.format) {
    case 'reg':
      for (const item of regBlocks(doc, doc.syntax.tree)) ranges.push(item);
      break;
    case 'powershell':
      for (const item of powerShellBlocks(doc, doc.syntax.tree)) ranges.push(item);
      break;
    default:
      break;
  }
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

function lineOf(doc: AnalyzedDocument, offset: number): number {
  return doc.textDocument.positionAt(offset).line;
}

/** A range for a span over two lines or more; a one-line block has nothing to fold. */
function spanRange(doc: AnalyzedDocument, span: Span, kind?: FoldingRangeKind): FoldingRange[] {
  const startLine = lineOf(doc, span.start);
  const endLine = lineOf(doc, span.end);
  if (endLine <= startLine) return [];
  return [{ startLine, endLine, ...(kind ? { kind } : {}) }];
}

/** Two or more consecutive lines that hold nothing but a comment. */
function commentRuns(doc: AnalyzedDocument): FoldingRange[] {
  const runs: FoldingRange[] = [];
  let run: { startLine: number; endLine: number } | undefined;
  const close = () => {
    if (run && run.endLine > run.startLine) runs.push({ ...run, kind: FoldingRangeKind.Comment });
    run = undefined;
  };
  for (const comment of doc.model.comments) {
    const line = lineOf(doc, comment.span.start);
    const lineStart = doc.textDocument.offsetAt({ line, character: 0 });
    // A comment after a key or value on the same line is part of that line, not of a comment block.
    if (doc.text.slice(lineStart, comment.span.start).trim() !== '') {
      close();
      continue;
    }
    if (run && line === run.endLine + 1) {
      run.endLine = line;
    } else if (!run || line !== run.endLine) {
      close();
      run = { startLine: line, endLine: line };
    }
  }
  close();
  return runs;
}

function regBlocks(doc: AnalyzedDocument, tree: RegFile): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  for (const key of tree.keys) {
    ranges.push(...spanRange(doc, key.span));
    for (const value of key.values) ranges.push(...spanRange(doc, value.span));
  }
  return ranges;
}

/** A `{ }` block folds up to the line before its closing brace, which stays visible. */
function braceRange(doc: AnalyzedDocument, span: Span): FoldingRange[] {
  const startLine = lineOf(doc, span.start);
  const endLine = lineOf(doc, span.end) - 1;
  return endLine > startLine ? [{ startLine, endLine }] : [];
}

function powerShellBlocks(doc: AnalyzedDocument, script: PsScript): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const visitValue = (value: PsValue | undefined): void => {
    switch (value?.kind) {
      case 'scriptblock':
        ranges.push(...braceRange(doc, value.span));
        value.statements.forEach(visitStatement);
        break;
      case 'hashtable':
        ranges.push(...braceRange(doc, value.span));
        for (const entry of value.entries) {
          visitValue(entry.value);
          if (entry.statement) visitStatement(entry.statement);
        }
        break;
      case 'string':
        if (value.quote === 'hereSingle' || value.quote === 'hereDouble') ranges.push(...spanRange(doc, value.span));
        for (const part of value.parts) if (part.kind === 'expression') visitValue(part.value);
        break;
      case 'subexpression':
        value.statements.forEach(visitStatement);
        break;
      case 'array':
        value.items.forEach(visitValue);
        break;
      case 'other':
        value.children.forEach(visitValue);
        break;
      default:
        break;
    }
  };
  const visitStatement = (statement: PsStatement): void => {
    if (statement.kind === 'block') {
      for (const child of statement.children) {
        if (child.kind === 'pipeline' || child.kind === 'assignment' || child.kind === 'block') visitStatement(child);
        else visitValue(child);
      }
    } else if (statement.kind === 'assignment') {
      if (statement.value) visitStatement(statement.value);
    } else {
      for (const element of statement.elements) {
        if (element.kind === 'expression') visitValue(element.value);
        else for (const part of element.elements) if (part.kind !== 'splat') visitValue(part.value);
      }
    }
  };
  script.statements.forEach(visitStatement);
  for (const comment of script.comments) ranges.push(...spanRange(doc, comment.span, FoldingRangeKind.Comment));
  return ranges;
}
