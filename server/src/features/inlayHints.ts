// Inlay hints: the decimal value after hex data that holds a port (`dword:0000e88c` = 59532), so
// nobody has to convert in their head. Only for values the catalog says hold a port, by their key or
// (for a value written under the wrong key) by their name: a flag or a timeout in hex needs no hint.
// In PowerShell and cmd scripts: the service after each port number (`135` RPC endpoint mapper).
import type { InlayHint } from 'vscode-languageserver-types';
import { portEntries, recommendedStaticRange, registrySetting, registrySettingsNamed, type PortEntry } from '../catalog';
import type { PortMention, Span } from '../parsers/common/model';
import type { RegFile } from '../parsers/reg/ast';
import { serviceLabel, staticPortWrites } from '../rules/support/staticPorts';
import type { AnalyzedDocument, Settings } from '../service/types';
import { formatPortRanges, hexDword } from './format/markdown';

export function inlayHints(doc: AnalyzedDocument, range: Span, settings: Settings): InlayHint[] {
  if (!settings.inlayHints) return [];
  switch (doc.syntax.format) {
    case 'reg':
      return regHints(doc, doc.syntax.tree, range);
    case 'powershell':
      return settings.inlayHintsPowerShell ? portNameHints(doc, range) : [];
    case 'bat':
      return settings.inlayHintsCmd ? portNameHints(doc, range) : [];
    default:
      return [];
  }
}

function holdsPort(keyPath: string, valueName: string): boolean {
  const setting = registrySetting(keyPath, valueName);
  return setting ? setting.holdsPort : registrySettingsNamed(valueName).some((candidate) => candidate.holdsPort);
}

function regHints(doc: AnalyzedDocument, tree: RegFile, range: Span): InlayHint[] {
  const hints: InlayHint[] = [];
  for (const key of tree.keys) {
    if (key.span.end < range.start || key.span.start > range.end) continue;
    for (const value of key.values) {
      const { data, dataSpan } = value;
      if (value.type !== 'REG_DWORD' || data.kind !== 'number' || dataSpan.end < range.start || dataSpan.end > range.end) continue;
      if (!holdsPort(key.path, value.name)) continue;
      hints.push({
        position: doc.textDocument.positionAt(dataSpan.end),
        label: `= ${data.value}`,
        paddingLeft: true,
        tooltip: `${hexDword(data.value)} = ${data.value}`,
      });
    }
  }
  return hints;
}

/**
 * Where the catalog lists one port under several services (each a scenario: "SMTP between Hub
 * Transport servers"), the name they share. Presentation only: the tooltip and the hover show the
 * catalog's own entries.
 */
export const SHARED_PORT_NAMES: Readonly<Record<number, string>> = {
  25: 'SMTP',
  80: 'HTTP',
  135: 'RPC endpoint mapper',
  443: 'HTTPS',
  465: 'SMTPS',
  587: 'SMTP submission',
  993: 'IMAP4 over TLS',
  995: 'POP3 over TLS',
  5060: 'SIP',
  5061: 'SIP over TLS',
  6001: 'RPC over HTTP',
};

/** Entries naming this very port (not a range that happens to hold it). */
function exactEntries(port: number): PortEntry[] {
  return portEntries(port).filter((entry) => entry.kind === 'service' && entry.ports.some((range) => range.from === port && range.to === port));
}

/** `RPC Client Access (static)` for a static port the file sets; the catalog's short name otherwise. */
function portLabel(port: number, staticPorts: Map<number, string>): string | undefined {
  const own = staticPorts.get(port);
  return own !== undefined ? `${own} (static)` : shortPortName(port);
}

/** A name of two or three words for a port; undefined when only a wide range (dynamic ports) holds it. */
export function shortPortName(port: number): string | undefined {
  const shared = SHARED_PORT_NAMES[port];
  if (shared !== undefined) return shared;
  const entry = exactEntries(port)[0];
  if (entry !== undefined) return entry.service.split(/ \(|: |, | — /)[0];
  const { min, max } = recommendedStaticRange();
  return port >= min && port <= max ? 'static RPC range' : undefined;
}

function portTooltip(port: number): string {
  const entries = exactEntries(port);
  const shown = entries.slice(0, 4).map((entry) => `${formatPortRanges(entry.ports)}/${entry.transport}: ${entry.service}`);
  return [...shown, ...(entries.length > shown.length ? [`…and ${entries.length - shown.length} more (hover the port)`] : [])].join('\n');
}

/**
 * Every port number outside registry data: registry data is named by its value (`TCP/IP Port`),
 * and only hex data gets the decimal value, as in .reg files.
 */
function portNameHints(doc: AnalyzedDocument, range: Span): InlayHint[] {
  const staticPorts = new Map<number, string>();
  for (const target of staticPortWrites(doc)) if (target.number !== undefined) staticPorts.set(target.number, serviceLabel(target.setting));
  const inData = (mention: PortMention) => doc.model.registryWrites.some((write) => write.dataSpan.start <= mention.start && mention.end <= write.dataSpan.end);
  const hints: InlayHint[] = [];
  for (const mention of doc.model.portMentions) {
    if (mention.end < range.start || mention.end > range.end) continue;
    const data = inData(mention);
    if (data && mention.written === undefined) continue;
    const label = data ? `= ${mention.port}` : portLabel(mention.port, staticPorts);
    if (label === undefined) continue;
    const tooltip = data ? `${mention.written} = ${mention.port}` : portTooltip(mention.port);
    hints.push({ position: doc.textDocument.positionAt(mention.end), label, paddingLeft: true, ...(tooltip !== '' ? { tooltip } : {}) });
  }
  return hints;
}
