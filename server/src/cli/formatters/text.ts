// `--format text`: what an admin reads in a CI log. One line per finding in the
// `path:line:col:` form that terminals, editors and CI log viewers turn into links, then a summary
// that says how much was checked, so "no problems" never hides "nothing was read".
import type { Severity } from '../../service/types';
import { supportedFileNames } from '../languages';
import { countSeverities, plural, type CheckReport } from '../report';

export interface TextStyle {
  color: boolean;
}

const SEVERITY_COLOR: Record<Severity, string> = {
  error: '\u001b[31m',
  warning: '\u001b[33m',
  information: '\u001b[34m',
  hint: '\u001b[2m',
};
const DIM = '\u001b[2m';
const BOLD = '\u001b[1m';
const RESET = '\u001b[0m';

export function formatText(report: CheckReport, style: TextStyle): string {
  const paint = (code: string, text: string) => (style.color ? `${code}${text}${RESET}` : text);
  const lines = report.findings.map(
    (finding) =>
      `${finding.file}:${finding.line}:${finding.column}: ${paint(SEVERITY_COLOR[finding.severity], finding.severity)} ${paint(DIM, finding.code)} ${finding.message}`,
  );
  if (lines.length > 0) lines.push('');
  lines.push(paint(BOLD, summary(report)));
  return `${lines.join('\n')}\n`;
}

/** `2 errors, 1 warning in 1 file (3 files checked, 1 skipped)`. */
export function summary(report: CheckReport): string {
  const skipped = report.notices.length;
  const checked = `${plural(report.filesChecked, 'file')} checked${skipped > 0 ? `, ${skipped} not checked` : ''}`;
  if (report.findings.length === 0) {
    return report.filesChecked === 0 && skipped === 0 ? `No files to check (looked for ${supportedFileNames().join(', ')})` : `No problems (${checked})`;
  }
  const counts = countSeverities(report.findings);
  const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning')];
  if (counts.information > 0) parts.push(`${counts.information} information`);
  if (counts.hint > 0) parts.push(plural(counts.hint, 'hint'));
  const filesWithFindings = new Set(report.findings.map((finding) => finding.file)).size;
  return `${parts.join(', ')} in ${plural(filesWithFindings, 'file')} (${checked})`;
}
