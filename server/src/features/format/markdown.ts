// Markdown for catalog entries, shared by hover and completion documentation. Catalog text is
// plain prose, so every piece of it is escaped: `<Server>` or `\Parameters` must show as written.
import { serviceNamed, sourceTitle, type FactStatus, type PortEntry, type PortRange, type RegistrySetting } from '../../catalog';

/** Escapes the characters Markdown would read as markup or HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~#]/g, (c) => `\\${c}`);
}

/** Inline code that survives backticks inside it. */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** `0x0000e88c`: a dword as regedit shows it. */
export function hexDword(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
}

export function formatPortRanges(ranges: PortRange[]): string {
  return ranges.map(({ from, to }) => (from === to ? String(from) : `${from}–${to}`)).join(', ');
}

const STATUS_LINES: Record<FactStatus, string> = {
  verified: 'verified',
  'verified (seed)': 'verified (from the seed articles)',
  corroborated: 'corroborated (seen indirectly, not in Microsoft documentation)',
  partial: '⚠ partial: only part of this was seen in a source',
  unverified: '⚠ unverified: a hint from domain knowledge, not a fact seen in a source',
};

/** The status as a reader should weigh it; the doubtful ones carry a visible warning sign. */
export function describeStatus(status: FactStatus): string {
  return STATUS_LINES[status];
}

export function isDoubtful(status: FactStatus): boolean {
  return status === 'partial' || status === 'unverified';
}

function sourceKeys(sources: string[]): string {
  return sources.map(code).join(', ');
}

/** One catalog port entry: what listens there, for whom, and how sure the catalog is. */
export function describePort(entry: PortEntry): string {
  const heading = `**${escapeMarkdown(entry.service)}** — ${formatPortRanges(entry.ports)}/${entry.transport}`;
  const facts = [
    entry.versions.length > 0 ? `Versions: ${entry.versions.join(', ')}` : undefined,
    entry.roles.length > 0 ? `Roles: ${entry.roles.join(', ')}` : undefined,
    `Direction: ${escapeMarkdown(entry.direction)}`,
    `Encryption: ${escapeMarkdown(entry.encryption)}`,
    entry.disabledByDefault ? `Disabled by default: ${escapeMarkdown(entry.disabledByDefault)}` : undefined,
    entry.encryptedCounterpart !== undefined ? `Encrypted counterpart: ${entry.encryptedCounterpart}` : undefined,
    `Status: ${describeStatus(entry.status)}`,
    `Sources: ${sourceKeys(entry.sources)}`,
  ].filter((line): line is string => line !== undefined);
  return [heading, escapeMarkdown(entry.note), facts.map((line) => `- ${line}`).join('\n')].filter((part) => part !== '').join('\n\n');
}

/** `RPC Client Access (MSExchangeRPC)`: the service's display name when the catalog knows it. */
export function serviceName(setting: RegistrySetting): string | undefined {
  if (!setting.service) return undefined;
  const known = serviceNamed(setting.service);
  const display = known?.displayName.replace(/^Microsoft Exchange /, '');
  return display ? `${display} (${setting.service})` : setting.service;
}

export interface SettingContext {
  /** The window the static-port rules check, for the two static RPC port settings. */
  recommendedRange?: { min: number; max: number };
}

/** One registry setting: what it does, its type, what to restart, and the warnings that go with it. */
export function describeSetting(setting: RegistrySetting, context: SettingContext = {}): string {
  const service = serviceName(setting);
  const heading = `**${escapeMarkdown(setting.valueName)}** — ${setting.type === 'unknown' ? 'type unknown' : code(setting.type)}${service ? ` · ${escapeMarkdown(service)}` : ''}`;
  const range = context.recommendedRange;
  const facts = [
    setting.doNotModify ? '⚠ Microsoft says not to modify this value.' : undefined,
    `Key: ${code(setting.keyPath)}`,
    range ? `Recommended range: ${range.min}–${range.max}${setting.suggestedPort !== undefined ? ` (suggested: ${setting.suggestedPort})` : ''}` : undefined,
    !range && setting.suggestedPort !== undefined ? `Usual value: ${setting.suggestedPort}` : undefined,
    setting.restart ? `After a change: ${setting.restart === 'reboot' ? 'restart the computer' : code(setting.restart)}` : undefined,
    `Versions: ${setting.versions.length > 0 ? setting.versions.join(', ') : 'before Exchange 2000'}`,
    `Status: ${describeStatus(setting.status)}`,
    `Sources: ${sourceKeys(setting.sources)}`,
  ].filter((line): line is string => line !== undefined);
  return [heading, escapeMarkdown(setting.description), facts.map((line) => `- ${line}`).join('\n')].join('\n\n');
}

/** The titles of the source keys a hover cites, once each, so that `WIKI864` means something. */
export function describeSources(keys: Iterable<string>): string {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return '';
  return unique.map((key) => `${code(key)}: ${escapeMarkdown(sourceTitle(key) ?? 'unknown source')}`).join('  \n');
}

/** The first sentence of a description, for lists where the whole text would be too much. */
export function firstSentence(text: string): string {
  const match = /^.*?[.!?](?=\s|$)/.exec(text);
  return match ? match[0] : text;
}
