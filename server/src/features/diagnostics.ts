// Runs the rules over an analysed document and turns findings into LSP diagnostics. Severity is
// resolved here and nowhere else: rule default < finding's own level < user setting; `off` drops it.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { RULES } from '../rules';
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
        findings.push({ ...finding, severity: configured ?? finding.severity ?? rule.defaultSeverity });
      }
    } catch (error) {
      log(`Rule ${rule.id} failed on ${doc.textDocument.uri}: ${describeError(error)}`);
    }
  }
  return findings.sort(byPosition);
}

/** Document order; at one place, by rule id. */
export function byPosition(a: Finding, b: Finding): number {
  return a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId);
}

export function toDiagnostic(doc: AnalyzedDocument, finding: ResolvedFinding, docsUri: string | undefined): Diagnostic {
  return {
    range: { start: doc.textDocument.positionAt(finding.start), end: doc.textDocument.positionAt(finding.end) },
    severity: LSP_SEVERITY[finding.severity],
    code: finding.ruleId,
    ...(docsUri ? { codeDescription: { href: `${docsUri}#${finding.ruleId}` } } : {}),
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
}
