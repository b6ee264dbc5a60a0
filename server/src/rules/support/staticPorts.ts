// What the static-port rules share: finding the static RPC port settings a document writes,
// reading their port numbers, and choosing a free recommended port for a fix.
import { registrySetting, registrySettingsNamed, registryValueNames, staticPortSettings } from '../../catalog';
import type { RegistrySetting } from '../../catalog/types';
import type { PortMention, RegistryData, RegistryWrite } from '../../parsers/common/model';
import { objectSlot } from '../../parsers/common/slot';
import { regWritesNamed } from '../../parsers/reg/model';
import { NameShapes } from '../../parsers/reg/values';
import type { AnalyzedDocument, Finding, FixData, Settings } from '../../service/types';
import { documentSlot } from './documentMemo';

export interface StaticPortWrite {
  write: RegistryWrite;
  setting: RegistrySetting;
  /** The number the data holds, when it reads as a whole number (range not checked). */
  number: number | undefined;
}

const staticPortWritesByDocument = documentSlot<StaticPortWrite[]>('staticPortWrites');
const catalogWritesByDocument = documentSlot<RegistryWrite[]>('catalogWrites');

/** Value names as written → whether a setting uses them: exports repeat a few dozen names. */
const catalogNames = new Map<string, boolean>();
/** A bound for documents of generated names; past it the memo starts over. */
const MAX_REMEMBERED_NAMES = 10_000;

/** The catalog's value names as shapes, made on first use: a .reg export passes over most names by them. */
let catalogNameShapes: NameShapes | undefined;

function isCatalogName(valueName: string): boolean {
  let known = catalogNames.get(valueName);
  if (known === undefined) {
    if (catalogNames.size >= MAX_REMEMBERED_NAMES) catalogNames.clear();
    known = registrySettingsNamed(valueName).length > 0;
    catalogNames.set(valueName, known);
  }
  return known;
}

/**
 * The writes whose value name some catalog setting uses, in document order: the only ones a
 * registry look-up can match. A Services export has 100,000 values and a few of these; rules
 * that walk this list instead of every write skip the rest once per document, not once each.
 */
export function catalogWrites(doc: AnalyzedDocument): RegistryWrite[] {
  let result = catalogWritesByDocument.get(doc);
  if (!result) {
    // A .reg file answers from its table of values, without making an object for every value.
    result =
      doc.syntax.format === 'reg'
        ? regWritesNamed(doc.syntax.tree, isCatalogName, (catalogNameShapes ??= new NameShapes(registryValueNames())))
        : doc.model.registryWrites.filter((write) => isCatalogName(write.valueName));
    catalogWritesByDocument.set(doc, result);
  }
  return result;
}

/**
 * What one write is to the catalog, kept on the write: a PowerShell re-parse keeps the writes of
 * the commands it does not read again, so an edit looks up only the writes it made. The key path,
 * name and data it was read from are kept with it: a write changed in place is read again.
 */
interface WriteReading {
  keyPath: string;
  valueName: string;
  data: RegistryData;
  setting: RegistrySetting | undefined;
  /** Undefined until asked; null for a write that is no static port write. */
  target?: StaticPortWrite | null;
}

const readings = objectSlot<RegistryWrite, WriteReading>('catalogReading');

function readingOf(write: RegistryWrite): WriteReading {
  let reading = readings.get(write);
  if (!reading || reading.keyPath !== write.keyPath || reading.valueName !== write.valueName || reading.data !== write.data) {
    reading = { keyPath: write.keyPath, valueName: write.valueName, data: write.data, setting: registrySetting(write.keyPath, write.valueName) };
    readings.set(write, reading);
  }
  return reading;
}

/**
 * The catalog setting a catalog-named write sets (its key and value name both match), undefined
 * when it sits under another key. Looked up once per write: several rules ask.
 */
export function catalogSetting(write: RegistryWrite): RegistrySetting | undefined {
  return readingOf(write).setting;
}

/** Several rules ask for these on every check: computed once per analysed document. */
export function staticPortWrites(doc: AnalyzedDocument): StaticPortWrite[] {
  let result = staticPortWritesByDocument.get(doc);
  if (!result) {
    result = findStaticPortWrites(doc);
    staticPortWritesByDocument.set(doc, result);
  }
  return result;
}

let staticIds: ReadonlySet<string> | undefined;

function findStaticPortWrites(doc: AnalyzedDocument): StaticPortWrite[] {
  staticIds ??= new Set(staticPortSettings().map((setting) => setting.id));
  const result: StaticPortWrite[] = [];
  for (const write of catalogWrites(doc)) {
    if (write.deleted) continue;
    const reading = readingOf(write);
    if (reading.target === undefined) {
      const { setting } = reading;
      reading.target = setting && staticIds.has(setting.id) ? { write, setting, number: readNumber(write) } : null;
    }
    if (reading.target) result.push(reading.target);
  }
  return result;
}

/** A dword's value, or a string holding only decimal digits (how RpcTcpPort is written). */
export function readNumber(write: RegistryWrite): number | undefined {
  const { data } = write;
  if (data.kind === 'number') return data.value;
  if (data.kind === 'string' && /^\s*\d{1,10}\s*$/.test(data.value)) return Number(data.value.trim());
  return undefined;
}

export function isValidPort(port: number | undefined): port is number {
  return port !== undefined && Number.isInteger(port) && port >= 1 && port <= 65535;
}

export function displayKey(setting: RegistrySetting): string {
  return `${setting.keyPath.replace(/^HKEY_LOCAL_MACHINE\\/, 'HKLM\\')}`;
}

export function serviceLabel(setting: RegistrySetting): string {
  return setting.service === 'MSExchangeAB' ? 'Address Book' : setting.service === 'MSExchangeRPC' ? 'RPC Client Access' : (setting.service ?? setting.valueName);
}

interface MentionCounts {
  /** How often each port is mentioned. */
  counts: Map<number, number>;
  /** The mentions by start offset, to find those inside one write's data by binary search. */
  byStart: PortMention[];
}

const mentionCountsByDocument = documentSlot<MentionCounts>('mentionCounts');

function mentionCounts(doc: AnalyzedDocument): MentionCounts {
  let result = mentionCountsByDocument.get(doc);
  if (!result) {
    const counts = new Map<number, number>();
    const byStart = [...doc.model.portMentions].sort((a, b) => a.start - b.start);
    // A firewall rule opening 59532 is no other use of 59532: it is the opening the port needs.
    const openings = doc.model.firewall.rules.map((rule) => rule.span).sort((a, b) => a.start - b.start);
    let opening = 0;
    for (const mention of byStart) {
      while (opening < openings.length && openings[opening].end <= mention.start) opening++;
      const insideOpening = opening < openings.length && openings[opening].start <= mention.start;
      if (!insideOpening) counts.set(mention.port, (counts.get(mention.port) ?? 0) + 1);
    }
    result = { counts, byStart };
    mentionCountsByDocument.set(doc, result);
  }
  return result;
}

/**
 * Every port the document mentions outside its firewall rules, so a fix does not pick one already
 * in use. Counted
 * once per document: each fix only takes out the mentions inside its own write's data.
 */
export function usedPorts(doc: AnalyzedDocument, except?: RegistryWrite): Set<number> {
  const { counts, byStart } = mentionCounts(doc);
  if (!except) return new Set(counts.keys());
  const { start, end } = except.dataSpan;
  const excluded = new Map<number, number>();
  for (let i = firstStartingAt(byStart, start); i < byStart.length && byStart[i].start < end; i++) {
    const mention = byStart[i];
    if (mention.end <= end) excluded.set(mention.port, (excluded.get(mention.port) ?? 0) + 1);
  }
  const used = new Set<number>();
  for (const [port, count] of counts) if (count > (excluded.get(port) ?? 0)) used.add(port);
  return used;
}

/** The index of the first mention starting at or after `offset`. */
function firstStartingAt(mentions: readonly PortMention[], offset: number): number {
  let low = 0;
  let high = mentions.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (mentions[middle].start < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The setting's suggested port if free, else the next free one in the recommended range. */
export function freeRecommendedPort(setting: RegistrySetting, used: Set<number>, settings: Settings): number | undefined {
  const { min, max } = settings.staticPortRange;
  const preferred = setting.suggestedPort !== undefined && setting.suggestedPort >= min && setting.suggestedPort <= max ? setting.suggestedPort : min;
  for (let port = preferred; port <= max; port++) if (!used.has(port)) return port;
  for (let port = min; port < preferred; port++) if (!used.has(port)) return port;
  return undefined;
}

/** "Set the port to 59532": written in the setting's own type, in the document's own syntax. */
export function setFreePortFix(doc: AnalyzedDocument, target: StaticPortWrite, settings: Settings): FixData[] {
  const editor = doc.model.registryEditor;
  const port = freeRecommendedPort(target.setting, usedPorts(doc, target.write), settings);
  if (!editor || port === undefined || (target.setting.type !== 'REG_DWORD' && target.setting.type !== 'REG_SZ')) return [];
  return [{ title: `Set the ${serviceLabel(target.setting)} port to ${port}`, edits: editor.setValue(target.write, target.setting.type, port), preferred: true }];
}

/**
 * `finding` with its `fixes` built when first read. Choosing a free port for a fix reads every
 * port mention of the document, which only a code action needs: a check that just reports, on a
 * 10 MB export, does not pay for it.
 */
export function withLazyFixes(finding: Omit<Finding, 'fixes'>, build: () => FixData[]): Finding {
  // One getter for every such finding, the builder in a hidden field: a closure per getter would
  // give each finding a hidden class of its own, and V8 keeps those long after the findings die.
  Object.defineProperty(finding, BUILD_FIXES, { value: build, writable: true });
  return Object.defineProperty(finding, 'fixes', { get: lazyFixes, enumerable: true, configurable: true });
}

const BUILD_FIXES = Symbol('buildFixes');

/** True for a finding made by withLazyFixes: copying it would build its fixes. */
export function hasLazyFixes(finding: Finding): boolean {
  return BUILD_FIXES in finding;
}

function lazyFixes(this: { [BUILD_FIXES]: (() => FixData[]) | FixData[] }): FixData[] {
  const value = this[BUILD_FIXES];
  if (typeof value !== 'function') return value;
  const fixes = value();
  this[BUILD_FIXES] = fixes;
  return fixes;
}
