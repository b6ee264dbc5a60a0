// Hover: what the catalog knows about the thing under the cursor: a registry key, a value name, a
// value's data, or any number that may be a port (in data, strings or comments). Value names,
// data and port numbers come from the neutral model, so they work in every format; key lines are
// read from each format's own tree where the model lacks them (a .reg key with no values).
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import {
  firewallRuleNamed,
  isKnownKey,
  normalizeKeyPath,
  portEntries,
  registrySetting,
  registrySettingsNamed,
  registrySettingsUnder,
  serviceNamed,
  staticPortSettings,
  type ExchangeVersion,
  type FirewallRuleEntry,
  type PortEntry,
  type RegistrySetting,
  type ServiceEntry,
} from '../catalog';
import type { PortMention, RegistryWrite, Span } from '../parsers/common/model';
import { FIREWALL_LANGUAGES, isPortOpen } from '../rules/support/firewall';
import { describeRole, documentRole, requiredPorts, roleEntries } from '../rules/support/firewallRole';
import { serviceLabel, staticPortWrites, type StaticPortWrite } from '../rules/support/staticPorts';
import { groupBy } from './groupBy';
import type { AnalyzedDocument, Settings } from '../service/types';
import { positionAt } from './diagnostics';
import { keyLineAt, mentionsAt, scriptNameAt, writeAt } from './positionIndex';
import { code, describePort, describeSetting, describeSources, escapeMarkdown, firstSentence, formatPortRanges, hexDword, isDoubtful, describeStatus } from './format/markdown';

/** More entries than this make a hover nobody reads; the rest are counted. */
const MAX_PORT_ENTRIES = 6;
const MAX_KEY_SETTINGS = 8;

/** Versions where Outlook reaches Exchange over HTTPS only, never RPC/TCP. */
const WITHOUT_RPC_TCP: readonly ExchangeVersion[] = ['2013', '2016', '2019', 'SE', 'EXO', 'Outlook.com'];

interface KeyLine {
  path: string;
  span: Span;
  deleted: boolean;
}

/** The parts a hover is built from; each becomes a block, and the cited sources close it. */
interface HoverContent {
  blocks: string[];
  sources: string[];
  span: Span;
}

export function hover(doc: AnalyzedDocument, offset: number, settings: Settings): Hover | null {
  const content = hoverContent(doc, offset, settings);
  if (!content || content.blocks.length === 0) return null;
  const sources = describeSources(content.sources);
  const value = [...content.blocks, ...(sources ? [`Sources:  \n${sources}`] : [])].join('\n\n---\n\n');
  return {
    contents: { kind: MarkupKind.Markdown, value },
    range: { start: positionAt(doc, content.span.start), end: positionAt(doc, content.span.end) },
  };
}

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset < span.end;
}

function hoverContent(doc: AnalyzedDocument, offset: number, settings: Settings): HoverContent | undefined {
  const directive = roleDirectiveHover(doc, offset, settings);
  if (directive) return directive;
  const key = keyLineAt(doc, offset);
  if (key) return keyHover(key, settings);
  const named = writeAt(doc, offset, 'name');
  if (named) return nameHover(named, settings);
  const data = writeAt(doc, offset, 'data');
  if (data) return dataHover(doc, data, offset, settings);
  const mentions = mentionsAt(doc, offset);
  if (mentions.length > 0) {
    const described = portBlocks(mentions.map((mention) => mention.port), settings);
    return { ...described, blocks: [...staticPortNotes(doc, mentions), ...described.blocks], span: mentions[0] };
  }
  return scriptNameHover(doc, offset, settings);
}

/** On a firewall file's role directive: the role's ports from the catalog, and which this file opens. */
function roleDirectiveHover(doc: AnalyzedDocument, offset: number, settings: Settings): HoverContent | undefined {
  if (!FIREWALL_LANGUAGES.includes(doc.languageId)) return undefined;
  const { role } = documentRole(doc, settings);
  if (!role?.fromDirective || !contains(role.span, offset)) return undefined;
  const required = requiredPorts(doc, role);
  const requiredStatus = new Map<PortEntry, boolean>();
  for (const port of required) for (const entry of port.entries) requiredStatus.set(entry, (requiredStatus.get(entry) ?? true) && port.open);
  const rows = roleEntries(role).map((entry) => {
    const needed = requiredStatus.get(entry);
    const first = entry.ports[0];
    const open = needed ?? (first !== undefined && isPortOpen(doc.model.firewall, { port: first.from, protocol: entry.transport === 'UDP' ? 'udp' : 'tcp' }));
    const status = needed === undefined ? (open ? 'open' : 'closed') : open ? '✔ open' : '✘ missing';
    const why = `${needed === undefined ? '' : '**Required inbound.** '}${escapeMarkdown(firstSentence(entry.note))}${isDoubtful(entry.status) ? ' ⚠ unverified' : ''}`;
    return `| ${formatPortRanges(entry.ports)} | ${entry.transport} | ${escapeMarkdown(entry.service)} | ${escapeMarkdown(entry.direction)} | ${why} | ${status} |`;
  });
  const open = required.filter((port) => port.open).length;
  const heading = `**${describeRole(role)}** — ${required.length} required inbound port${required.length === 1 ? '' : 's'}: ${open} open, ${required.length - open} missing`;
  const table = ['| Port | Transport | Service | From | Why | Status |', '|---|---|---|---|---|---|', ...rows].join('\n');
  return { blocks: [rows.length > 0 ? `${heading}\n\n${table}` : `${heading}\n\nThe catalog lists no ports for this role and version.`], sources: roleEntries(role).flatMap((entry) => entry.sources), span: role.span };
}

function isStaticPortSetting(setting: RegistrySetting): boolean {
  return staticPortSettings().some((candidate) => candidate.id === setting.id);
}

function versionNote(settings: Settings): string[] {
  const version = settings.targetVersion;
  if (!version || !WITHOUT_RPC_TCP.includes(version)) return [];
  return [
    `**Exchange ${version}:** Outlook no longer connects over RPC/TCP (only HTTPS on 443), so client-facing static RPC ports are an Exchange 2010 matter: this value has no effect for ${version}.`,
  ];
}

function settingBlocks(setting: RegistrySetting, settings: Settings): HoverContent['blocks'] {
  const isStatic = isStaticPortSetting(setting);
  return [describeSetting(setting, isStatic ? { recommendedRange: settings.staticPortRange } : {}), ...(isStatic ? versionNote(settings) : [])];
}

function keyHover(key: KeyLine, settings: Settings): HoverContent | undefined {
  if (key.path.trim() === '' || !isKnownKey(key.path)) return undefined;
  const normalized = normalizeKeyPath(key.path);
  const under = registrySettingsUnder(key.path);
  const here = under.filter((setting) => normalizeKeyPath(setting.keyPath) === normalized);
  const below = under.filter((setting) => normalizeKeyPath(setting.keyPath) !== normalized);
  const line = (setting: RegistrySetting, label: string) =>
    `- ${label} (${setting.type === 'unknown' ? 'type unknown' : setting.type}): ${escapeMarkdown(firstSentence(setting.description))}`;
  const lines = [
    ...here.map((setting) => line(setting, code(setting.valueName))),
    ...below.map((setting) => line(setting, `${code(relativeKey(setting.keyPath, normalized))} ${code(setting.valueName)}`)),
  ];
  const shown = lines.slice(0, MAX_KEY_SETTINGS);
  const more = lines.length - shown.length;
  const heading = `**Registry key** ${code(key.path)}${key.deleted ? ' — this file deletes it, with every value below it' : ''}`;
  const intro = here.length > 0 ? 'Values the catalog knows here and below:' : 'Values the catalog knows below this key:';
  const list = [intro, ...shown, ...(more > 0 ? [`- …and ${more} more`] : [])].join('\n');
  return {
    blocks: [`${heading}\n\n${list}`, ...(here.some(isStaticPortSetting) ? versionNote(settings) : [])],
    sources: [],
    span: key.span,
  };
}

/** `MSExchangeRPC\ParametersSystem`: a setting's key below the hovered one. */
function relativeKey(keyPath: string, normalizedAncestor: string): string {
  const segments = keyPath.split('\\');
  return segments.slice(normalizedAncestor.split('\\').length).join('\\');
}

function nameHover(write: Pick<RegistryWrite, 'keyPath' | 'valueName' | 'nameSpan'>, settings: Settings): HoverContent | undefined {
  const setting = registrySetting(write.keyPath, write.valueName);
  if (setting) return { blocks: settingBlocks(setting, settings), sources: setting.sources, span: write.nameSpan };
  const elsewhere = registrySettingsNamed(write.valueName);
  if (elsewhere.length === 0) return undefined;
  const list = elsewhere.map((candidate) => `- ${code(candidate.keyPath)}: ${escapeMarkdown(firstSentence(candidate.description))}`).join('\n');
  return {
    blocks: [`The catalog does not know ${code(write.valueName)} under this key. It knows a value of this name under:\n${list}`],
    sources: [],
    span: write.nameSpan,
  };
}

function dataHover(doc: AnalyzedDocument, write: RegistryWrite, offset: number, settings: Settings): HoverContent | undefined {
  const setting = registrySetting(write.keyPath, write.valueName);
  const mentions = mentionsAt(doc, offset).filter((mention) => mention.start >= write.dataSpan.start && mention.end <= write.dataSpan.end);
  const blocks: string[] = [];
  const sources: string[] = [];
  const number = write.data.kind === 'number' ? write.data.value : singleNumber(mentions, write);
  if (write.data.kind === 'number' && write.type === 'REG_DWORD') blocks.push(`${code(hexDword(write.data.value))} = **${write.data.value}** (REG_DWORD)`);
  else if (write.data.kind === 'number') blocks.push(`**${write.data.value}** (${write.type ?? 'number'})`);
  else if (isHexEncodedText(doc, write)) blocks.push(`Decoded: ${decodedText(write)}`);
  if (setting) {
    blocks.push(...settingBlocks(setting, settings));
    sources.push(...setting.sources);
    if (isStaticPortSetting(setting) && number !== undefined) blocks.push(rangeVerdict(number, settings));
  }
  const ports = mentions.length > 0 ? mentions.map((mention) => mention.port) : [];
  if (ports.length > 0) {
    const described = portBlocks(ports, settings);
    blocks.push(...described.blocks);
    sources.push(...described.sources);
  }
  const narrow = mentions.length === 1 && (mentions[0].start > write.dataSpan.start || mentions[0].end < write.dataSpan.end) && !setting;
  return blocks.length === 0 ? undefined : { blocks, sources, span: narrow ? mentions[0] : write.dataSpan };
}

/** Strings written as `hex(2):`/`hex(7):` bytes, which nobody can read without decoding. */
function isHexEncodedText(doc: AnalyzedDocument, write: RegistryWrite): boolean {
  return (write.data.kind === 'string' || write.data.kind === 'strings') && doc.text.slice(write.dataSpan.start, write.dataSpan.start + 3).toLowerCase() === 'hex';
}

function decodedText(write: RegistryWrite): string {
  if (write.data.kind === 'string') return code(write.data.value);
  if (write.data.kind === 'strings') return write.data.value.length === 0 ? '(an empty list)' : write.data.value.map(code).join(', ');
  return '';
}

/** The port a string value holds when it is one number (`"59533"`). */
function singleNumber(mentions: PortMention[], write: RegistryWrite): number | undefined {
  if (write.data.kind !== 'string' || !/^\s*\d+\s*$/.test(write.data.value)) return undefined;
  return mentions.length === 1 ? mentions[0].port : Number(write.data.value.trim());
}

function rangeVerdict(port: number, settings: Settings): string {
  const { min, max } = settings.staticPortRange;
  return port >= min && port <= max
    ? `${port} is inside the recommended range ${min}–${max}.`
    : `⚠ ${port} is outside the recommended range ${min}–${max}.`;
}

/** The catalog's entries for a port, most specific first; with a target version, its own entries lead. */
function entriesFor(port: number, version: ExchangeVersion | undefined): PortEntry[] {
  const entries = portEntries(port);
  if (!version) return entries;
  return [...entries.filter((entry) => entry.versions.includes(version)), ...entries.filter((entry) => !entry.versions.includes(version))];
}

/** Each port's catalog entries, capped over all ports together. */
function portBlocks(ports: number[], settings: Settings): { blocks: string[]; sources: string[] } {
  const blocks: string[] = [];
  const sources: string[] = [];
  const version = settings.targetVersion;
  let budget = MAX_PORT_ENTRIES;
  for (const port of [...new Set(ports)]) {
    const entries = entriesFor(port, version);
    if (entries.length === 0) {
      blocks.push(`**Port ${port}**: the catalog has no entry for it.`);
      continue;
    }
    const shown = entries.slice(0, Math.max(budget, 0));
    budget -= shown.length;
    const more = entries.length - shown.length;
    const order = version ? `most specific first, Exchange ${version} entries ahead` : 'most specific first';
    const count = entries.length === 1 ? '1 catalog entry' : `${entries.length} catalog entries, ${order}`;
    shown.forEach((entry, index) => {
      blocks.push(index === 0 ? `**Port ${port}** — ${count}:\n\n${describePort(entry)}` : describePort(entry));
      sources.push(...entry.sources);
    });
    if (shown.length === 0) blocks.push(`**Port ${port}** — ${count}.`);
    if (more > 0) blocks.push(`…and ${more} more ${more === 1 ? 'entry' : 'entries'} for port ${port}.`);
  }
  return { blocks, sources };
}

// ---------------------------------------------------------------------------------------------
// PowerShell and cmd: what commands name besides registry writes and ports

/** A port the document itself sets as a static RPC port reads as that service, not as a bare range member. */
function staticPortNotes(doc: AnalyzedDocument, mentions: PortMention[]): string[] {
  const ports = new Set(mentions.map((mention) => mention.port));
  const targets = staticPortWrites(doc).filter((target) => target.number !== undefined && ports.has(target.number) && !mentions.some((mention) => contains(target.write.dataSpan, mention.start)));
  return [...groupBy(targets, (target) => `${target.number}\u0000${target.setting.id}`).values()].map((same) => {
    const { number, setting } = same[0];
    return `**${number}** is the ${serviceLabel(setting)} static port this file sets (${code(setting.valueName)}, ${linesOf(doc, same)}).`;
  });
}

/** A generated script may set a port thousands of times: a hover names a few places and counts the rest. */
const LINES_LISTED = 3;

/** "line 4", or "lines 1, 3, 4 and 12 more": where the writes stand. */
function linesOf(doc: AnalyzedDocument, targets: readonly StaticPortWrite[]): string {
  const lines = targets.slice(0, LINES_LISTED).map((target) => positionAt(doc, target.write.dataSpan.start).line + 1);
  const more = targets.length - lines.length;
  return targets.length === 1 ? `line ${lines[0]}` : `lines ${lines.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

function scriptNameHover(doc: AnalyzedDocument, offset: number, settings: Settings): HoverContent | undefined {
  const found = scriptNameAt(doc, offset);
  switch (found?.kind) {
    case 'service': {
      const service = serviceNamed(found.name);
      return service ? { blocks: [serviceBlock(doc, service)], sources: service.sources, span: found.span } : undefined;
    }
    case 'firewallRule': {
      const rule = firewallRuleNamed(found.name);
      return rule ? { blocks: [firewallRuleBlock(rule)], sources: rule.sources, span: found.span } : undefined;
    }
    case 'registryKey':
      return keyHover({ path: found.keyPath, span: found.span, deleted: false }, settings);
    case 'registryValue':
      return nameHover({ keyPath: found.keyPath, valueName: found.valueName, nameSpan: found.span }, settings);
    default:
      return undefined;
  }
}

function serviceBlock(doc: AnalyzedDocument, service: ServiceEntry): string {
  const own = staticPortSettings().filter((setting) => setting.service?.toLowerCase() === service.name.toLowerCase());
  const set = staticPortWrites(doc).filter((target) => own.includes(target.setting) && target.number !== undefined);
  const facts = [
    ...own.map((setting) => `Static port: ${code(setting.valueName)} (${setting.type}) under ${code(setting.keyPath)}; restart the service after changing it`),
    ...portsSetIn(doc, set),
    `Versions: ${service.versions.join(', ')}`,
    `Status: ${describeStatus(service.status)}`,
  ];
  return [`**${escapeMarkdown(service.name)}** — ${escapeMarkdown(service.displayName)} (Windows service)`, escapeMarkdown(service.description), facts.map((line) => `- ${line}`).join('\n')].join('\n\n');
}

/** A service's hover names this many of the ports the file sets it to and counts the others. */
const PORTS_LISTED = 3;

/** Where the file sets the service's static port, one line per port it sets, in document order. */
function portsSetIn(doc: AnalyzedDocument, set: readonly StaticPortWrite[]): string[] {
  const byPort = groupBy(set, (target) => target.number);
  const facts = [...byPort].slice(0, PORTS_LISTED).map(([port, targets]) => `This file sets it to **${port}** (${linesOf(doc, targets)})`);
  const otherPorts = byPort.size - PORTS_LISTED;
  if (otherPorts > 0) facts.push(`This file also sets it to ${otherPorts} other ${otherPorts === 1 ? 'port' : 'ports'}`);
  return facts;
}

function firewallRuleBlock(rule: FirewallRuleEntry): string {
  const facts = [
    `Ports: ${escapeMarkdown(rule.ports)}`,
    `Program: ${rule.program === 'Any' || rule.program === 'All' || rule.program === 'not stated' ? rule.program : code(rule.program)}`,
    `Roles: ${rule.roles.join(', ')}`,
    `Versions: ${rule.versions.join(', ')}`,
    `Status: ${describeStatus(rule.status)}`,
  ];
  const note = rule.note ? [escapeMarkdown(rule.note)] : [];
  return [`**Firewall rule** ${code(rule.name)} — created by Exchange Setup`, ...note, facts.map((line) => `- ${line}`).join('\n')].join('\n\n');
}
