// Code lens above the role directive: how many of the ports the role needs this file opens.
// Clicking it opens the documentation of missing-required-port, which explains the count.
import type { CodeLens } from 'vscode-languageserver-types';
import { COMMANDS } from '../protocol';
import { FIREWALL_LANGUAGES } from '../rules/support/firewall';
import { documentRole, requiredPorts } from '../rules/support/firewallRole';
import type { AnalyzedDocument, Settings } from '../service/types';

export function codeLenses(doc: AnalyzedDocument, settings: Settings): CodeLens[] {
  if (!FIREWALL_LANGUAGES.includes(doc.languageId)) return [];
  const { role } = documentRole(doc, settings);
  if (!role) return [];
  const required = requiredPorts(doc, role);
  const open = required.filter((port) => port.open).length;
  const missing = required.length - open;
  const title = `${required.length} required port${required.length === 1 ? '' : 's'}: ${open} open, ${missing} missing`;
  const line = doc.textDocument.positionAt(role.span.start).line;
  return [
    {
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      command: { title, command: COMMANDS.showRuleDocumentation, arguments: ['missing-required-port'] },
    },
  ];
}
