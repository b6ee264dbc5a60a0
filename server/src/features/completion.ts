// Completion from the catalog: key paths inside `[`, the values a known key holds on a value line,
// and free recommended ports after `"TCP/IP Port"=`. Each format that can write registry values
// gets its own branch; the catalog look-ups and item builders below are shared.
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver-types';
import {
  HIVE_ABBREVIATIONS,
  isKnownKey,
  normalizeKeyPath,
  registrySetting,
  registrySettingsUnder,
  staticPortSettings,
  type RegistrySetting,
} from '../catalog';
import { trimEnd } from '../parsers/common/text';
import type { RegFile, RegKey } from '../parsers/reg/ast';
import { freeRecommendedPort, usedPorts } from '../rules/support/staticPorts';
import type { AnalyzedDocument, Settings } from '../service/types';
import { describeSetting, escapeMarkdown, firstSentence } from './format/markdown';
import { cmdCompletion, powerShellCompletion } from './scriptCompletion';

/** How many port values to offer after `=`: enough to choose, few enough to read. */
const PORT_CHOICES = 5;

export function completion(doc: AnalyzedDocument, offset: number, settings: Settings): CompletionItem[] {
  const at = Math.max(0, Math.min(offset, doc.text.length));
  switch (doc.syntax.format) {
    case 'reg':
      return regCompletion(doc, doc.syntax.tree, at, settings);
    case 'powershell':
      return powerShellCompletion(doc, doc.syntax.tree, at, settings);
    case 'bat':
      return cmdCompletion(doc, doc.syntax.tree, at);
    default:
      return [];
  }
}

interface LineContext {
  /** Offset of the line's first character. */
  start: number;
  /** End of the line's text, trailing spaces dropped. */
  end: number;
  /** The line's text from its first non-space character up to the cursor. */
  before: string;
  /** Offset of the line's first non-space character. */
  indentEnd: number;
}

function lineAround(doc: AnalyzedDocument, offset: number): LineContext {
  const line = doc.textDocument.positionAt(offset).line;
  const start = doc.textDocument.offsetAt({ line, character: 0 });
  let end = offset;
  while (end < doc.text.length && doc.text[end] !== '\n' && doc.text[end] !== '\r') end++;
  let indentEnd = start;
  while (indentEnd < offset && (doc.text[indentEnd] === ' ' || doc.text[indentEnd] === '\t')) indentEnd++;
  return { start, end: trimEnd(doc.text, start, end), before: doc.text.slice(indentEnd, offset), indentEnd };
}

function regCompletion(doc: AnalyzedDocument, tree: RegFile, offset: number, settings: Settings): CompletionItem[] {
  const line = lineAround(doc, offset);
  const insideMultiLineValue = tree.keys.some((key) => key.values.some((value) => value.span.start < line.start && line.start <= value.span.end));
  if (insideMultiLineValue) return [];
  if (line.before.startsWith('[')) return keyPathItems(doc, line, offset);
  const key = [...tree.keys].reverse().find((candidate) => candidate.headerSpan.end <= line.start);
  if (!key || key.deleted) return [];
  const assignment = /^"((?:[^"\\]|\\.)*)"\s*=\s*/.exec(line.before);
  if (assignment) return portValueItems(doc, key, line, assignment[1].replace(/\\(.)/g, '$1'), line.indentEnd + assignment[0].length, settings);
  if (/^(?:"(?:[^"\\]|\\.)*)?$/.test(line.before)) return valueNameItems(doc, key, line, offset, settings);
  return [];
}

function rangeOf(doc: AnalyzedDocument, start: number, end: number): Range {
  return { start: doc.textDocument.positionAt(start), end: doc.textDocument.positionAt(end) };
}

// ---------------------------------------------------------------------------------------------
// Key paths

function keyPathItems(doc: AnalyzedDocument, line: LineContext, offset: number): CompletionItem[] {
  const pathStart = line.indentEnd + (doc.text[line.indentEnd + 1] === '-' ? 2 : 1);
  if (offset < pathStart) return [];
  const close = doc.text.indexOf(']', pathStart);
  const closed = close >= 0 && close < line.end;
  if (closed && offset > close) return [];
  const typed = doc.text.slice(pathStart, offset);
  const hive = /^[^\\]*/.exec(typed)?.[0] ?? '';
  const parent = typed.includes('\\') ? typed.slice(0, typed.lastIndexOf('\\')) : '';
  const candidates = parent !== '' && isKnownKey(parent) ? registrySettingsUnder(parent) : Object.values(HIVE_ABBREVIATIONS).flatMap((name) => registrySettingsUnder(name));
  const byKey = new Map<string, RegistrySetting[]>();
  for (const setting of candidates) {
    const normalized = normalizeKeyPath(setting.keyPath);
    byKey.set(normalized, [...(byKey.get(normalized) ?? []), setting]);
  }
  const range = rangeOf(doc, pathStart, closed ? close : line.end);
  // Typed `HKLM\…`: match on what was typed, insert the full hive name regedit needs.
  const abbreviation = HIVE_ABBREVIATIONS[hive.toUpperCase()] ? hive : undefined;
  return [...byKey.values()].map((settingsHere, index) => {
    const keyPath = settingsHere[0].keyPath;
    return {
      label: keyPath,
      kind: CompletionItemKind.Module,
      detail: settingsHere.map((setting) => setting.valueName).join(', '),
      documentation: { kind: MarkupKind.Markdown, value: settingsHere.map((setting) => `- **${escapeMarkdown(setting.valueName)}**: ${escapeMarkdown(firstSentence(setting.description))}`).join('\n') },
      filterText: abbreviation ? keyPath.replace(/^[^\\]*/, abbreviation) : keyPath,
      sortText: String(index).padStart(4, '0'),
      textEdit: { range, newText: closed ? keyPath : `${keyPath}]` },
      insertTextFormat: InsertTextFormat.PlainText,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Value names under a known key

function isStaticPortSetting(setting: RegistrySetting): boolean {
  return staticPortSettings().some((candidate) => candidate.id === setting.id);
}

/** The data a new value starts with: a free recommended port for the static ports, the usual value otherwise. */
function defaultData(doc: AnalyzedDocument, setting: RegistrySetting, settings: Settings): string | undefined {
  const port = isStaticPortSetting(setting) ? freeRecommendedPort(setting, usedPorts(doc), settings) : setting.suggestedPort;
  switch (setting.type) {
    case 'REG_DWORD':
      return writeData('REG_DWORD', port ?? 0);
    case 'REG_SZ':
      return port === undefined ? '""' : writeData('REG_SZ', port);
    case 'REG_MULTI_SZ':
      // An empty list: two UTF-16 NULs.
      return 'hex(7):00,00,00,00';
    default:
      return undefined;
  }
}

function writeData(type: 'REG_DWORD' | 'REG_SZ', value: number): string {
  return type === 'REG_DWORD' ? `dword:${value.toString(16).padStart(8, '0')}` : `"${value}"`;
}

function quoteName(name: string): string {
  return `"${name.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function settingDocumentation(setting: RegistrySetting, settings: Settings) {
  return { kind: MarkupKind.Markdown, value: describeSetting(setting, isStaticPortSetting(setting) ? { recommendedRange: settings.staticPortRange } : {}) };
}

function valueNameItems(doc: AnalyzedDocument, key: RegKey, line: LineContext, offset: number, settings: Settings): CompletionItem[] {
  const normalized = normalizeKeyPath(key.path);
  const present = new Set(key.values.filter((value) => value.span.start < line.start || value.span.start > line.end).map((value) => value.name.toLowerCase()));
  const known = registrySettingsUnder(key.path).filter((setting) => normalizeKeyPath(setting.keyPath) === normalized && !present.has(setting.valueName.toLowerCase()));
  // With data already on the line, only the name is replaced; on an empty line the whole value is written.
  const equals = doc.text.indexOf('=', offset);
  const nameOnly = equals >= 0 && equals < line.end;
  const range = rangeOf(doc, line.indentEnd, nameOnly ? trimEnd(doc.text, line.indentEnd, equals) : line.end);
  return known.map((setting, index) => {
    const name = quoteName(setting.valueName);
    const data = defaultData(doc, setting, settings);
    return {
      label: setting.valueName,
      kind: CompletionItemKind.Property,
      detail: `${setting.type === 'unknown' ? 'type unknown' : setting.type}${setting.doNotModify ? ' — Microsoft says not to modify it' : ''}`,
      documentation: settingDocumentation(setting, settings),
      filterText: name,
      sortText: `${setting.doNotModify ? 1 : 0}${String(index).padStart(4, '0')}`,
      textEdit: { range, newText: nameOnly ? name : `${name}=${data ?? ''}` },
      insertTextFormat: InsertTextFormat.PlainText,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Port values after `"name"=`

function portValueItems(doc: AnalyzedDocument, key: RegKey, line: LineContext, valueName: string, dataStart: number, settings: Settings): CompletionItem[] {
  const setting = registrySetting(key.path, valueName);
  if (!setting || !setting.holdsPort || (setting.type !== 'REG_DWORD' && setting.type !== 'REG_SZ')) return [];
  const type = setting.type;
  const value = key.values.find((candidate) => candidate.span.start >= line.start && candidate.span.start <= line.end);
  const write = value && doc.model.registryWrites.find((candidate) => candidate.nameSpan.start === value.nameSpan.start);
  const dataEnd = value && value.dataSpan.end >= dataStart ? Math.max(value.dataSpan.end, dataStart) : line.end;
  const range = rangeOf(doc, dataStart, Math.max(dataEnd, dataStart));
  const ports = isStaticPortSetting(setting) ? freePorts(setting, usedPorts(doc, write), settings) : setting.suggestedPort !== undefined ? [setting.suggestedPort] : [];
  const { min, max } = settings.staticPortRange;
  return ports.map((port, index) => ({
    label: writeData(type, port),
    kind: CompletionItemKind.Value,
    detail: isStaticPortSetting(setting) ? `${port}: free, in the recommended range ${min}–${max}` : `${port}: the usual value`,
    documentation: settingDocumentation(setting, settings),
    sortText: String(index).padStart(4, '0'),
    textEdit: { range, newText: writeData(type, port) },
    insertTextFormat: InsertTextFormat.PlainText,
  }));
}

/** The setting's suggested port first (when free), then the next free ones in the recommended range. */
function freePorts(setting: RegistrySetting, used: Set<number>, settings: Settings): number[] {
  const taken = new Set(used);
  const ports: number[] = [];
  while (ports.length < PORT_CHOICES) {
    const port = freeRecommendedPort(setting, taken, settings);
    if (port === undefined) break;
    ports.push(port);
    taken.add(port);
  }
  return ports;
}
