// Completion in PowerShell and cmd scripts: catalog ports after `-LocalPort`/`-RemotePort`/`-Port`
// and `localport=`, registry value names after `-Name` (when `-Path` names a known key) and `/v`,
// and key paths inside `-Path "HKLM:\…` and `reg add HKLM\…`. The context is read from the text
// before the cursor (the command being typed rarely parses yet) and from the tree for the key.
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver-types';
import { HIVE_ABBREVIATIONS, normalizeKeyPath, portEntries, registrySettingsUnder, staticPortSettings, PORTS, type PortEntry, type RegistrySetting } from '../catalog';
import type { CmdDocument } from '../parsers/cmd/model';
import type { RegCommand } from '../parsers/cmd/regCommand';
import type { PsScript } from '../parsers/powershell/ast';
import { viewCommand, type PsCommandView } from '../parsers/powershell/commands';
import { psRegistryKeyPath } from '../parsers/powershell/model';
import { serviceLabel, staticPortWrites } from '../rules/support/staticPorts';
import type { AnalyzedDocument, Settings } from '../service/types';
import { describePort, describeSetting, escapeMarkdown, firstSentence } from './format/markdown';
import { shortPortName } from './inlayHints';
import { nativeCommandIn, writtenStrings } from './scriptNames';

/** Whom the ports are for: the order of the list follows it. */
type PortAudience = 'mail' | 'firewall' | 'other';

const FIREWALL_PORT_CMDLETS = new Set(['new-netfirewallrule', 'set-netfirewallrule', 'set-netfirewallportfilter', 'get-netfirewallportfilter']);
const MAIL_CMDLETS = new Set(['send-mailmessage']);
const PORT_PARAMETERS = new Set(['localport', 'remoteport', 'port']);
const PATH = ['Path', 'LiteralPath', 'PSPath', 'LP'];

export function powerShellCompletion(doc: AnalyzedDocument, script: PsScript, offset: number, settings: Settings): CompletionItem[] {
  const before = lineBefore(doc, offset);
  const netsh = netshPortContext(doc, before, offset);
  if (netsh) return portItems(doc, 'firewall', netsh);
  const command = commandAt(script, offset);
  if (command === undefined) return [];
  if (command.name === 'reg') return regCompletion(doc, nativeCommandIn(doc.text, command).regCommands, before, offset);
  const parameter = /-([A-Za-z]+)(?::|\s+)((?:[0-9]+\s*,\s*)*)([0-9]*)$/.exec(before);
  if (parameter && PORT_PARAMETERS.has(parameter[1].toLowerCase())) {
    const audience = MAIL_CMDLETS.has(command.name) ? 'mail' : FIREWALL_PORT_CMDLETS.has(command.name) ? 'firewall' : 'other';
    return portItems(doc, audience, wordRange(doc, offset, parameter[3].length));
  }
  const quoted = /-([A-Za-z]+)(?::|\s+)(["']?)([^"'\s]*)$/.exec(before);
  if (!quoted) return [];
  const name = quoted[1].toLowerCase();
  const range = stringRange(doc, offset, quoted[3].length, quoted[2]);
  if (name === 'name' || name === 'psproperty') {
    const keyPath = writtenStrings(command.parameter(...PATH)?.value?.resolved).map((path) => psRegistryKeyPath(path.value)).find((key) => key !== undefined);
    return keyPath === undefined ? [] : valueNameItems(keyPath, range, quoting(doc, range, quoted[2]), settings);
  }
  if (PATH.some((candidate) => candidate.toLowerCase() === name) && /^(?:HK|Registry::|$)/i.test(quoted[3])) return keyPathItems(range, 'powershell', quoted[3]);
  return [];
}

export function cmdCompletion(doc: AnalyzedDocument, script: CmdDocument, offset: number): CompletionItem[] {
  const before = lineBefore(doc, offset);
  const netsh = netshPortContext(doc, before, offset);
  if (netsh) return portItems(doc, 'firewall', netsh);
  return regCompletion(doc, script.regCommands, before, offset);
}

/**
 * The line before the cursor, at most its last LINE_CONTEXT characters: a parameter and its value
 * fit in that, and the `$`-anchored patterns above stay linear on a 100k-character line.
 */
const LINE_CONTEXT = 512;

function lineBefore(doc: AnalyzedDocument, offset: number): string {
  let start = offset;
  const limit = Math.max(0, offset - LINE_CONTEXT);
  while (start > limit && doc.text[start - 1] !== '\n' && doc.text[start - 1] !== '\r') start--;
  return doc.text.slice(start, offset);
}

function rangeOf(doc: AnalyzedDocument, start: number, end: number): Range {
  return { start: doc.textDocument.positionAt(start), end: doc.textDocument.positionAt(end) };
}

/** The word being typed: `typed` characters before the cursor, and the rest of it after. */
function wordRange(doc: AnalyzedDocument, offset: number, typed: number): Range {
  let end = offset;
  while (end < doc.text.length && /[0-9A-Za-z]/.test(doc.text[end])) end++;
  return rangeOf(doc, offset - typed, end);
}

/** Inside a string: up to its closing quote (kept); unquoted: up to the next space. */
function stringRange(doc: AnalyzedDocument, offset: number, typed: number, quote: string): Range {
  let end = offset;
  while (end < doc.text.length && !'\r\n'.includes(doc.text[end]) && (quote === '' ? !/[\s"']/.test(doc.text[end]) : doc.text[end] !== quote)) end++;
  return rangeOf(doc, offset - typed, end);
}

/** The command the cursor is in, or right after (`Send-MailMessage -Port |` ends before the cursor). */
function commandAt(script: PsScript, offset: number): PsCommandView | undefined {
  let last: PsScript['commands'][number] | undefined;
  let containing: PsScript['commands'][number] | undefined;
  for (const command of script.commands) {
    if (command.nameSpan.start >= offset) break;
    last = command;
    if (offset <= command.span.end) containing = command;
  }
  // A half-typed argument (`135,`) may not belong to the command yet: anything up to the end of the statement does.
  const continues = last !== undefined && /^(?:[^\r\n;|}`]|`[^\r\n]|`\r?\n)*$/.test(script.text.slice(last.span.end, offset));
  const found = last !== undefined && (offset <= last.span.end || continues) ? last : containing;
  return found === undefined ? undefined : viewCommand(script, found);
}

/** `localport=135,|` in a netsh line: the range of the port being typed. */
function netshPortContext(doc: AnalyzedDocument, before: string, offset: number): Range | undefined {
  if (!/\bnetsh(?:\.exe)?\s/i.test(before)) return undefined;
  const match = /\b(?:local|remote)port="?((?:[0-9]+,)*)([0-9]*)$/i.exec(before);
  return match ? wordRange(doc, offset, match[2].length) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Ports

interface PortChoice {
  port: number;
  detail: string;
  entry: PortEntry | undefined;
  group: number;
}

/** The ports to offer, most relevant to the audience first, each once. */
function portChoices(doc: AnalyzedDocument, audience: PortAudience): PortChoice[] {
  const choices = new Map<number, PortChoice>();
  const offer = (choice: PortChoice) => {
    const known = choices.get(choice.port);
    if (known === undefined || choice.group < known.group) choices.set(choice.port, choice);
  };
  const staticGroup = audience === 'firewall' ? 0 : 3;
  for (const target of staticPortWrites(doc)) {
    if (target.number !== undefined) offer({ port: target.number, detail: `${serviceLabel(target.setting)} (static, set in this file)`, entry: undefined, group: staticGroup });
  }
  for (const setting of staticPortSettings()) {
    if (setting.suggestedPort !== undefined) offer({ port: setting.suggestedPort, detail: `${serviceLabel(setting)} (static, suggested)`, entry: undefined, group: staticGroup + 1 });
  }
  for (const entry of PORTS) {
    if (entry.kind !== 'service') continue;
    for (const { from, to } of entry.ports) {
      if (from !== to) continue;
      offer({ port: from, detail: shortPortName(from) ?? entry.service, entry: portEntries(from).find((candidate) => candidate.kind === 'service'), group: portGroup(entry, audience) });
    }
  }
  return [...choices.values()].sort((a, b) => a.group - b.group);
}

function portGroup(entry: PortEntry, audience: PortAudience): number {
  if (audience === 'mail') return /SMTP/.test(entry.service) && !/not supported/i.test(entry.service) ? 0 : 4;
  if (audience === 'firewall') return entry.requiredInbound !== undefined ? 2 : 4;
  return 2;
}

function portItems(doc: AnalyzedDocument, audience: PortAudience, range: Range): CompletionItem[] {
  return portChoices(doc, audience).map((choice, index) => ({
    label: String(choice.port),
    kind: CompletionItemKind.Value,
    detail: choice.detail,
    ...(choice.entry ? { documentation: { kind: MarkupKind.Markdown, value: describePort(choice.entry) } } : {}),
    sortText: String(index).padStart(4, '0'),
    textEdit: { range, newText: String(choice.port) },
    insertTextFormat: InsertTextFormat.PlainText,
  }));
}

// ---------------------------------------------------------------------------------------------
// Registry keys and value names

/** How a value name is written at the cursor: inside the user's quotes (closing one added if missing), or quoted when it needs it. */
function quoting(doc: AnalyzedDocument, range: Range, openQuote: string): (name: string) => string {
  if (openQuote !== '') {
    const closed = doc.text[doc.textDocument.offsetAt(range.end)] === openQuote;
    return (name) => (closed ? name : `${name}${openQuote}`);
  }
  return (name) => (/[\s/]/.test(name) ? `"${name}"` : name);
}

function valueNameItems(keyPath: string, range: Range, write: (name: string) => string, settings: Settings | undefined): CompletionItem[] {
  const normalized = normalizeKeyPath(keyPath);
  const here = registrySettingsUnder(keyPath).filter((setting) => normalizeKeyPath(setting.keyPath) === normalized);
  return here.map((setting, index) => {
    const text = write(setting.valueName);
    return {
      label: setting.valueName,
      kind: CompletionItemKind.Property,
      detail: `${setting.type === 'unknown' ? 'type unknown' : setting.type}${setting.doNotModify ? ' — Microsoft says not to modify it' : ''}`,
      documentation: { kind: MarkupKind.Markdown, value: describeSetting(setting, isStatic(setting) && settings ? { recommendedRange: settings.staticPortRange } : {}) },
      filterText: text,
      sortText: `${setting.doNotModify ? 1 : 0}${String(index).padStart(4, '0')}`,
      textEdit: { range, newText: text },
      insertTextFormat: InsertTextFormat.PlainText,
    };
  });
}

function isStatic(setting: RegistrySetting): boolean {
  return staticPortSettings().some((candidate) => candidate.id === setting.id);
}

/** `HKEY_LOCAL_MACHINE\X` as PowerShell (`HKLM:\X`) or reg.exe (`HKLM\X`) writes it. */
function styledKey(keyPath: string, style: 'powershell' | 'reg'): string {
  const slash = keyPath.indexOf('\\');
  const hive = keyPath.slice(0, slash);
  const short = Object.keys(HIVE_ABBREVIATIONS).find((abbreviation) => HIVE_ABBREVIATIONS[abbreviation] === hive) ?? hive;
  return `${short}${style === 'powershell' ? ':' : ''}${keyPath.slice(slash)}`;
}

function keyPathItems(range: Range, style: 'powershell' | 'reg', typed: string): CompletionItem[] {
  const byKey = new Map<string, RegistrySetting[]>();
  for (const setting of Object.values(HIVE_ABBREVIATIONS).flatMap((hive) => registrySettingsUnder(hive))) {
    const normalized = normalizeKeyPath(setting.keyPath);
    byKey.set(normalized, [...(byKey.get(normalized) ?? []), setting]);
  }
  // `Registry::HKEY_LOCAL_MACHINE\…` typed: keep the provider form.
  const provider = /^Registry::/i.test(typed);
  return [...byKey.values()].map((settingsHere, index) => {
    const keyPath = provider ? `Registry::${settingsHere[0].keyPath}` : styledKey(settingsHere[0].keyPath, style);
    return {
      label: keyPath,
      kind: CompletionItemKind.Module,
      detail: settingsHere.map((setting) => setting.valueName).join(', '),
      documentation: { kind: MarkupKind.Markdown, value: settingsHere.map((setting) => `- **${escapeMarkdown(setting.valueName)}**: ${escapeMarkdown(firstSentence(setting.description))}`).join('\n') },
      filterText: keyPath,
      sortText: String(index).padStart(4, '0'),
      textEdit: { range, newText: keyPath },
      insertTextFormat: InsertTextFormat.PlainText,
    };
  });
}

/** `reg add HKLM\…|` offers key paths; `reg add <known key> /v |` the values the catalog knows there. */
function regCompletion(doc: AnalyzedDocument, regCommands: readonly RegCommand[], before: string, offset: number): CompletionItem[] {
  const key = /\breg(?:\.exe)?\s+(?:add|delete|query)\s+("?)([^"\s]*)$/i.exec(before);
  if (key && /^(?:HK|$)/i.test(key[2])) return keyPathItems(stringRange(doc, offset, key[2].length, key[1]), 'reg', key[2]);
  const name = /\s\/v\s+("?)([^"\s]*)$/i.exec(before);
  if (!name) return [];
  const lineStart = offset - before.length;
  const command = regCommands.find((candidate) => candidate.span.start >= lineStart && candidate.span.start < offset && candidate.key !== undefined);
  if (command?.key === undefined) return [];
  const range = stringRange(doc, offset, name[2].length, name[1]);
  return valueNameItems(command.key.value, range, quoting(doc, range, name[1]), undefined);
}
