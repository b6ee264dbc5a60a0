// What the static-port rules share: finding the static RPC port settings a document writes,
// reading their port numbers, and choosing a free recommended port for a fix.
import { registrySetting, staticPortSettings } from '../../catalog';
import type { RegistrySetting } from '../../catalog/types';
import type { RegistryWrite } from '../../parsers/common/model';
import type { AnalyzedDocument, FixData, Settings } from '../../service/types';

export interface StaticPortWrite {
  write: RegistryWrite;
  setting: RegistrySetting;
  /** The number the data holds, when it reads as a whole number (range not checked). */
  number: number | undefined;
}

const staticPortWritesByDocument = new WeakMap<AnalyzedDocument, StaticPortWrite[]>();

/** Several rules ask for these on every check: computed once per analysed document. */
export function staticPortWrites(doc: AnalyzedDocument): StaticPortWrite[] {
  let result = staticPortWritesByDocument.get(doc);
  if (!result) {
    result = findStaticPortWrites(doc);
    staticPortWritesByDocument.set(doc, result);
  }
  return result;
}

function findStaticPortWrites(doc: AnalyzedDocument): StaticPortWrite[] {
  const staticIds = new Set(staticPortSettings().map((setting) => setting.id));
  const result: StaticPortWrite[] = [];
  for (const write of doc.model.registryWrites) {
    if (write.deleted) continue;
    const setting = registrySetting(write.keyPath, write.valueName);
    if (setting && staticIds.has(setting.id)) result.push({ write, setting, number: readNumber(write) });
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

/** Every port the document mentions anywhere, so a fix does not pick one already in use. */
export function usedPorts(doc: AnalyzedDocument, except?: RegistryWrite): Set<number> {
  const used = new Set<number>();
  for (const mention of doc.model.portMentions) {
    if (except && mention.start >= except.dataSpan.start && mention.end <= except.dataSpan.end) continue;
    used.add(mention.port);
  }
  return used;
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
