// Runs the rules over an analysed document and turns findings into LSP diagnostics. Severity is
// resolved here and nowhere else: rule default < finding's own level < user setting; `off` drops it.
import { DiagnosticSeverity, type Diagnostic, type Position } from 'vscode-languageserver-types';
import { lineStarts, positionFrom, positionIn, type LinePosition } from '../parsers/common/text';
import { lastKeyBefore } from '../parsers/reg/parser';
import { RULES } from '../rules';
import { documentSlot } from '../rules/support/documentMemo';
import { hasLazyFixes } from '../rules/support/staticPorts';
import { describeError } from '../service/analyze';
import type { AnalyzedDocument, Finding, Rule, Severity, Settings, WorkspaceView } from '../service/types';
import { collectSuppressions } from './suppression';

export const DIAGNOSTIC_SOURCE = 'exchange-ports';

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export interface ResolvedFinding extends Finding {
  severity: Severity;
}

/**
 * Every enabled rule that applies to the document's language, each isolated: a rule that throws is
 * reported through `log` (once per rule and document version, by the caller's cache) and skipped.
 */
export function computeFindings(
  doc: AnalyzedDocument,
  settings: Settings,
  log: (message: string) => void,
  rules: readonly Rule[] = RULES,
  workspace?: WorkspaceView,
): ResolvedFinding[] {
  const suppressions = collectSuppressions(doc.model.comments, doc.textDocument, doc.model.suppressions);
  const findings: ResolvedFinding[] = [];
  for (const rule of rules) {
    if (!rule.appliesTo.includes(doc.languageId)) continue;
    const configured = settings.rules[rule.id];
    if (configured === 'off') continue;
    try {
      for (const finding of rule.check(doc, { settings, workspace })) {
        if (suppressions.isSuppressed(finding)) continue;
        findings.push(resolved(finding, configured ?? finding.severity ?? rule.defaultSeverity));
      }
    } catch (error) {
      log(`Rule ${rule.id} failed on ${doc.textDocument.uri}: ${describeError(error)}`);
    }
  }
  return findings.sort(byPosition);
}

/**
 * `finding` at `severity`: a copy, except for a finding whose fixes are built when read (a getter,
 * see withLazyFixes), which a copy would build. Those are made fresh by each check, so the
 * severity is set on the finding itself.
 */
function resolved(finding: Finding, severity: Severity): ResolvedFinding {
  if (!hasLazyFixes(finding)) return { ...finding, severity };
  const lazy = finding as ResolvedFinding;
  lazy.severity = severity;
  return lazy;
}

/** Document order; at one place, by rule id (code units: the ids are ASCII, and no locale's collation is needed). */
export function byPosition(a: Finding, b: Finding): number {
  return a.start - b.start || a.end - b.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

export function toDiagnostic(doc: AnalyzedDocument, finding: ResolvedFinding, docsUri: string | undefined): Diagnostic {
  const range = { start: positionAt(doc, finding.start), end: positionAt(doc, finding.end) };
  const severity = LSP_SEVERITY[finding.severity];
  if (!docsUri) return { range, severity, code: finding.ruleId, source: DIAGNOSTIC_SOURCE, message: finding.message };
  return { range, severity, code: finding.ruleId, codeDescription: { href: ruleHref(docsUri, finding.ruleId) }, source: DIAGNOSTIC_SOURCE, message: finding.message };
}

/** Links by rule id, for the one documentation URI a server uses: a push has a thousand diagnostics and a dozen rules. */
const hrefs = { docsUri: '', byRule: new Map<string, string>() };

function ruleHref(docsUri: string, ruleId: string): string {
  if (hrefs.docsUri !== docsUri) {
    hrefs.docsUri = docsUri;
    hrefs.byRule.clear();
  }
  let href = hrefs.byRule.get(ruleId);
  if (href === undefined) hrefs.byRule.set(ruleId, (href = `${docsUri}#${ruleId}`));
  return href;
}

/** Per document of another format: where each line starts (see `lineStarts`). */
const lineTables = documentSlot<number[]>('lineStarts');

/** Per .reg document: the last position found, where the next one (findings come sorted) starts counting. */
const lastPositions = documentSlot<LinePosition>('lastPosition');

/**
 * An offset's LSP position. A .reg file counts lines from the nearest key above the offset (the
 * parser keeps each key's line) or from the position found before: the document's own table of
 * every line would cost a pass over the whole of a large export, for the few findings it has.
 */
export function positionAt(doc: AnalyzedDocument, offset: number): Position {
  if (doc.syntax.format !== 'reg') {
    let starts = lineTables.get(doc);
    if (starts === undefined) {
      starts = lineStarts(doc.text);
      lineTables.set(doc, starts);
    }
    return positionIn(doc.text, starts, offset);
  }
  const keys = doc.syntax.tree.keys;
  const index = lastKeyBefore(keys, offset + 1);
  let lineStart = index < 0 ? 0 : keys[index].lineStart;
  let line = index < 0 ? 0 : keys[index].line;
  const last = lastPositions.get(doc);
  if (last && last.lineStart > lineStart && last.lineStart <= offset) {
    lineStart = last.lineStart;
    line = last.line;
  }
  const position = positionFrom(doc.text, lineStart, line, offset);
  lastPositions.set(doc, position);
  return { line: position.line, character: position.character };
}
