// What a `check` run produced, in the shape every output format reads: positions already 1-based
// (as editors and CI annotations count), paths relative to the working directory with `/`.
import type { Severity } from '../service/types';

/** The code of findings about `.exchange-ports.json` itself (not a rule: it cannot be turned off). */
export const CONFIG_CODE = 'config';

export interface CliFinding {
  file: string;
  line: number;
  /** In UTF-16 code units, like VS Code's columns and SARIF's `utf16CodeUnits`. */
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

/** A file that was not checked: not a finding, but CI must not pass it over in silence. */
export interface Notice {
  file: string;
  message: string;
  /** `error` when the run could not do what it was asked (exit 2); `warning` for a skipped file. */
  level: 'error' | 'warning';
}

export interface CheckReport {
  findings: CliFinding[];
  notices: Notice[];
  filesChecked: number;
}

export type SeverityCounts = Record<Severity, number>;

export function countSeverities(findings: readonly CliFinding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
