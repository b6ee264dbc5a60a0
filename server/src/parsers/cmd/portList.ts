// Port lists as native tools write them: `135,59532`, `59531-60554`, `RPC`.
import type { PortMention, Span } from '../common/model';

function isDigits(text: string): boolean {
  if (text.length === 0 || text.length > 5) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The port a decimal string names, or undefined when it is not one (0, >65535, not digits). */
export function portNumber(text: string): number | undefined {
  if (!isDigits(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
}

/**
 * Mentions for every port in a comma list of ports and ranges. `at` is where `value` is
 * written verbatim; when the value was assembled elsewhere, only a lone port is reported,
 * at `fallback`.
 */
export function portMentionsInList(value: string, at: number | undefined, fallback: Span): PortMention[] {
  const found: { port: number; start: number; end: number }[] = [];
  let pieceStart = 0;
  for (let i = 0; i <= value.length; i++) {
    const c = i < value.length ? value[i] : ',';
    if (c !== ',' && c !== '-') continue;
    const raw = value.slice(pieceStart, i);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    const port = portNumber(trimmed);
    if (port !== undefined) found.push({ port, start: pieceStart + lead, end: pieceStart + lead + trimmed.length });
    pieceStart = i + 1;
  }
  if (at !== undefined) return found.map((f) => ({ port: f.port, start: at + f.start, end: at + f.end }));
  return found.length === 1 ? [{ port: found[0].port, start: fallback.start, end: fallback.end }] : [];
}
