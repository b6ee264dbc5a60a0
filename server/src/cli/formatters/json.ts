// `--format json`: one array of findings, for scripts (`jq`) and dashboards.
import type { CheckReport } from '../report';

export function formatJson(report: CheckReport): string {
  const findings = report.findings.map(({ file, line, column, endLine, endColumn, severity, code, message }) => ({
    file,
    line,
    column,
    endLine,
    endColumn,
    severity,
    code,
    message,
  }));
  return `${JSON.stringify(findings, null, 2)}\n`;
}
