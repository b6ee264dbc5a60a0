// Output of the look-up commands `port` and `rules`: the catalog and the rule registry, as text
// for people and as JSON for scripts.
import { sourceTitle, type PortEntry, type PortRange } from '../../catalog';
import type { Rule } from '../../service/types';
import { plural } from '../report';

const KIND_LABEL: Record<PortEntry['kind'], string> = {
  service: '',
  'dynamic-range': ' [dynamic range]',
  'recommended-range': ' [recommended range]',
};

export function formatPortText(port: number, entries: readonly PortEntry[]): string {
  if (entries.length === 0) return `No Exchange use known for port ${port}.\n`;
  const blocks = entries.map((entry, index) => {
    const rows: [string, string][] = [
      ['ports', `${entry.ports.map(rangeText).join(', ')} (${entry.transport})`],
      ['versions', entry.versions.join(', ')],
      ['roles', entry.roles.join(', ')],
      ['direction', entry.direction],
      ['encryption', entry.encryption],
    ];
    if (entry.encryptedCounterpart !== undefined) rows.push(['encrypted', `use ${entry.encryptedCounterpart} instead`]);
    if (entry.disabledByDefault) rows.push(['default', `off: ${entry.disabledByDefault}`]);
    if (entry.note) rows.push(['note', entry.note]);
    rows.push(['status', entry.status === 'unverified' ? 'unverified (a hint, not seen in a source)' : entry.status]);
    entry.sources.forEach((key, sourceIndex) => rows.push([sourceIndex === 0 ? 'sources' : '', sourceLine(key)]));
    const heading = `${index + 1}. ${entry.service}${KIND_LABEL[entry.kind]}  (${entry.id})`;
    return [heading, ...rows.map(([label, value]) => `   ${label.padEnd(12)}${value}`)].join('\n');
  });
  return `Port ${port}: ${plural(entries.length, 'known use')}, most specific first\n\n${blocks.join('\n\n')}\n`;
}

export function formatPortJson(entries: readonly PortEntry[]): string {
  return `${JSON.stringify(entries, null, 2)}\n`;
}

type RuleSummary = Pick<Rule, 'id' | 'defaultSeverity' | 'appliesTo' | 'description'>;

export function formatRulesText(rules: readonly RuleSummary[]): string {
  const idWidth = Math.max(...rules.map((rule) => rule.id.length)) + 2;
  const severityWidth = Math.max(...rules.map((rule) => rule.defaultSeverity.length)) + 2;
  const lines = rules.map((rule) => `${rule.id.padEnd(idWidth)}${rule.defaultSeverity.padEnd(severityWidth)}${rule.description}`);
  return `${lines.join('\n')}\n\n${plural(rules.length, 'rule')}. Change a severity in .exchange-ports.json: { "rules": { "<rule-id>": "error" | "warning" | "information" | "hint" | "off" } }\n`;
}

export function formatRulesJson(rules: readonly RuleSummary[]): string {
  const summaries = rules.map(({ id, defaultSeverity, appliesTo, description }) => ({ id, defaultSeverity, appliesTo, description }));
  return `${JSON.stringify(summaries, null, 2)}\n`;
}

function rangeText({ from, to }: PortRange): string {
  return from === to ? String(from) : `${from}–${to}`;
}

function sourceLine(key: string): string {
  const title = sourceTitle(key);
  return title ? `${key}: ${title}` : key;
}
