// `--format sarif`: SARIF 2.1.0, the format GitHub code scanning and Azure DevOps read. Only the
// subset below is emitted; test/unit/cli/sarif.test.ts checks it against the schema's rules for
// exactly these properties.
import type { Rule, Severity } from '../../service/types';
import { CONFIG_CODE, type CheckReport } from '../report';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export interface SarifTool {
  version: string;
  informationUri: string;
  /** docs/rules.md; a rule's help is `<rulesDocumentationUri>#<rule-id>`. */
  rulesDocumentationUri: string;
  rules: readonly Pick<Rule, 'id' | 'description' | 'defaultSeverity'>[];
}

/** Findings about `.exchange-ports.json` need a descriptor too: SARIF results point at one. */
const CONFIG_DESCRIPTOR = {
  id: CONFIG_CODE,
  description: 'Problems in .exchange-ports.json (unknown settings, invalid values)',
  defaultSeverity: 'error',
} as const;

export function formatSarif(report: CheckReport, tool: SarifTool): string {
  const descriptors = [...tool.rules, CONFIG_DESCRIPTOR];
  const ruleIndex = new Map(descriptors.map((rule, index) => [rule.id, index]));
  const sarif = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'exchange-ports',
            version: tool.version,
            informationUri: tool.informationUri,
            rules: descriptors.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              helpUri: `${tool.rulesDocumentationUri}#${rule.id}`,
              defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
            })),
          },
        },
        invocations: [
          {
            // False when a file could not be read: the results are then incomplete.
            executionSuccessful: !report.notices.some((notice) => notice.level === 'error'),
            toolExecutionNotifications: report.notices.map((notice) => ({
              level: notice.level,
              message: { text: notice.message },
              locations: [{ physicalLocation: { artifactLocation: artifactLocation(notice.file) } }],
            })),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results: report.findings.map((finding) => ({
          ruleId: finding.code,
          ruleIndex: ruleIndex.get(finding.code) ?? -1,
          level: LEVEL[finding.severity],
          message: { text: finding.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifactLocation(finding.file),
                region: {
                  startLine: finding.line,
                  startColumn: finding.column,
                  endLine: finding.endLine,
                  endColumn: finding.endColumn,
                },
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** Relative paths resolve against %SRCROOT%, which CI sets to the repository checkout. */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  return isAbsolute(file) ? { uri: fileUri(file) } : { uri: encodePath(file), uriBaseId: '%SRCROOT%' };
}

function isAbsolute(file: string): boolean {
  return file.startsWith('/') || /^[A-Za-z]:\//.test(file);
}

/** Percent-encodes what a URI reference cannot hold raw (spaces, `#`, `%`, non-ASCII); keeps `/` and `C:`. */
function encodePath(file: string): string {
  return file
    .split('/')
    .map((segment) => (/^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment)))
    .join('/');
}

function fileUri(file: string): string {
  return `file://${file.startsWith('/') ? '' : '/'}${encodePath(file)}`;
}
