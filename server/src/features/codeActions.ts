// Code actions for the findings under the cursor: the rule's own fixes, then "disable for this
// line" (a suppression comment in the format's comment syntax) and "show documentation".
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { OffsetEdit, Span } from '../parsers/common/model';
import { trimEnd } from '../parsers/common/text';
import { COMMANDS } from '../protocol';
import type { AnalyzedDocument, LanguageId } from '../service/types';
import { convertFirewallRuleActions } from './convertFirewallRule';
import type { ResolvedFinding } from './diagnostics';

const COMMENT_MARKER: Record<LanguageId, string> = {
  reg: ';',
  powershell: '#',
  iptables: '#',
  nftables: '#',
  bat: 'REM',
};

const DISABLE_NEXT_LINE = 'exchange-ports-disable-next-line';

export function codeActions(doc: AnalyzedDocument, range: Span, findings: ResolvedFinding[], diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  const disabledLines = new Set<string>();
  const documented = new Set<string>();
  for (const finding of findings) {
    if (finding.end < range.start || finding.start > range.end) continue;
    const diagnostic = diagnostics.find((candidate) => reportsFinding(doc, candidate, finding));
    if (!diagnostic) continue;
    for (const fix of finding.fixes ?? []) {
      const edits = fix.edits.map((edit) => textEdit(doc, edit));
      // Two rules on one value often propose the same change: offer it once, for both diagnostics.
      const same = actions.find((action) => action.title === fix.title && JSON.stringify(action.edit?.changes?.[doc.textDocument.uri]) === JSON.stringify(edits));
      if (same) {
        same.diagnostics?.push(diagnostic);
        if (fix.preferred) same.isPreferred = true;
        continue;
      }
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        ...(fix.preferred ? { isPreferred: true } : {}),
        edit: { changes: { [doc.textDocument.uri]: edits } },
      });
    }
    const line = doc.textDocument.positionAt(finding.start).line;
    const lineKey = `${finding.ruleId}@${line}`;
    const disable = disabledLines.has(lineKey) ? undefined : disableForLine(doc, finding, line);
    if (disable) {
      disabledLines.add(lineKey);
      actions.push({
        title: `Disable ${finding.ruleId} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [doc.textDocument.uri]: [textEdit(doc, disable)] } },
      });
    }
    if (!documented.has(finding.ruleId)) {
      documented.add(finding.ruleId);
      const title = `Show documentation for ${finding.ruleId}`;
      actions.push({
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title, command: COMMANDS.showRuleDocumentation, arguments: [finding.ruleId] },
      });
    }
  }
  actions.push(...convertFirewallRuleActions(doc, range));
  return actions;
}

function reportsFinding(doc: AnalyzedDocument, diagnostic: Diagnostic, finding: ResolvedFinding): boolean {
  return (
    diagnostic.code === finding.ruleId &&
    doc.textDocument.offsetAt(diagnostic.range.start) === finding.start &&
    doc.textDocument.offsetAt(diagnostic.range.end) === finding.end
  );
}

/** Fixes are written with `\n` or the document's EOL; the file keeps its own line endings either way. */
function textEdit(doc: AnalyzedDocument, edit: OffsetEdit): TextEdit {
  return {
    range: { start: doc.textDocument.positionAt(edit.start), end: doc.textDocument.positionAt(edit.end) },
    newText: edit.newText.replace(/\r\n|\r|\n/g, doc.eol),
  };
}

/**
 * A suppression comment above the finding's line, indented like it; or the rule id added to a
 * `disable-next-line` comment already there. None inside a value continued over lines, where a
 * comment line would cut the value in two, nor above a header that must come first.
 */
function disableForLine(doc: AnalyzedDocument, finding: ResolvedFinding, line: number): OffsetEdit | undefined {
  const lineStart = doc.textDocument.offsetAt({ line, character: 0 });
  if (continuesStatement(doc, lineStart) || mustStayFirst(doc, line)) return undefined;
  const existing = line > 0 ? disableCommentOnLine(doc, line - 1) : undefined;
  if (existing) return { start: existing.end, end: existing.end, newText: `, ${finding.ruleId}` };
  const indent = /^[ \t]*/.exec(doc.text.slice(lineStart, finding.start))?.[0] ?? '';
  const marker = COMMENT_MARKER[doc.languageId] ?? '#';
  return { start: lineStart, end: lineStart, newText: `${indent}${marker} ${DISABLE_NEXT_LINE} ${finding.ruleId}${doc.eol}` };
}

function continuesStatement(doc: AnalyzedDocument, lineStart: number): boolean {
  return doc.model.registryWrites.some(({ statementSpan }) => statementSpan.start < lineStart && lineStart <= statementSpan.end);
}

/** Regedit reads the header only on the first line: nothing may go above it. */
function mustStayFirst(doc: AnalyzedDocument, line: number): boolean {
  if (doc.syntax.format !== 'reg') return false;
  const header = doc.syntax.tree.header;
  return header !== undefined && line <= doc.textDocument.positionAt(header.span.start).line;
}

/** A whole-line `disable-next-line` comment naming at least one rule: where another id can join. */
function disableCommentOnLine(doc: AnalyzedDocument, line: number): Span | undefined {
  const lineStart = doc.textDocument.offsetAt({ line, character: 0 });
  const lineEnd = doc.textDocument.offsetAt({ line: line + 1, character: 0 });
  for (const comment of doc.model.comments) {
    if (comment.span.start < lineStart || comment.span.start >= lineEnd) continue;
    if (doc.text.slice(lineStart, comment.span.start).trim() !== '') return undefined;
    const match = new RegExp(`^\\s*${DISABLE_NEXT_LINE}\\s+[a-z0-9-]+(?:\\s*,\\s*[a-z0-9-]+)*\\s*$`).exec(comment.text);
    if (!match) return undefined;
    return { start: comment.span.start, end: trimEnd(doc.text, comment.span.start, comment.span.end) };
  }
  return undefined;
}

