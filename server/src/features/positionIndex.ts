// What lies at an offset, found without walking the whole document: a hover must answer in a few
// milliseconds on a 50 MB export, where a scan of every value per request takes tens. A .reg
// tree is in document order, so keys are found by binary search; port mentions, the writes of
// scripts and the names they write get a small interval index, built once per analysed document.
import type { PortMention, RegistryWrite, Span } from '../parsers/common/model';
import type { RegKey } from '../parsers/reg/ast';
import { documentSlot } from '../rules/support/documentMemo';
import type { AnalyzedDocument } from '../service/types';
import { scriptNames, type ScriptName } from './scriptNames';

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset < span.end;
}

/** The last key whose header starts at or before `offset`: the only one whose lines can hold it. */
function regKeyBefore(keys: readonly RegKey[], offset: number): RegKey | undefined {
  let low = 0;
  let high = keys.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (keys[middle].headerSpan.start <= offset) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found < 0 ? undefined : keys[found];
}

/** The key path under `offset`: a .reg key line, or the key a write names in other formats. */
export function keyLineAt(doc: AnalyzedDocument, offset: number): { path: string; span: Span; deleted: boolean } | undefined {
  if (doc.syntax.format === 'reg') {
    const key = regKeyBefore(doc.syntax.tree.keys, offset);
    return key && contains(key.pathSpan, offset) ? { path: key.path, span: key.pathSpan, deleted: key.deleted } : undefined;
  }
  const write = firstHolding(writeIndex(doc, 'key'), offset);
  return write && { path: write.keyPath, span: write.keySpan, deleted: false };
}

/** The first write (document order) whose name, or whose data (deletions left out), holds `offset`. */
export function writeAt(doc: AnalyzedDocument, offset: number, part: 'name' | 'data'): RegistryWrite | undefined {
  if (doc.syntax.format === 'reg') {
    const holds = (write: RegistryWrite) => (part === 'name' ? contains(write.nameSpan, offset) : !write.deleted && contains(write.dataSpan, offset));
    // A .reg value lies between its key's header and the next key's: only that key's values can hold it.
    const key = regKeyBefore(doc.syntax.tree.keys, offset);
    return key?.values.find((value) => holds(value as unknown as RegistryWrite)) as RegistryWrite | undefined;
  }
  return firstHolding(writeIndex(doc, part), offset);
}

/**
 * Items by their spans, for "which hold this offset": sorted by start, with the largest end so far,
 * so a look-up is a binary search and a short walk back. A script's writes can name one key from
 * a hundred commands (through a variable): the spans overlap, so a plain search is not enough.
 */
interface SpanIndex<T> {
  items: readonly T[];
  spans: readonly Span[];
  /** Positions into `items`, by start (then position). */
  order: number[];
  /** The largest end among order[0..i]: where walking back can stop. */
  maxEnd: number[];
}

function spanIndex<T>(items: readonly T[], spanOf: (item: T) => Span | undefined): SpanIndex<T> {
  const spans: Span[] = [];
  const positions: number[] = [];
  items.forEach((item, position) => {
    const span = spanOf(item);
    if (span === undefined) return;
    spans[position] = span;
    positions.push(position);
  });
  const order = positions.sort((a, b) => spans[a].start - spans[b].start || a - b);
  const maxEnd: number[] = [];
  let max = -1;
  for (const position of order) {
    max = Math.max(max, spans[position].end);
    maxEnd.push(max);
  }
  return { items, spans, order, maxEnd };
}

/** The positions of the items holding `offset`, in the items' order. */
function positionsHolding<T>({ spans, order, maxEnd }: SpanIndex<T>, offset: number): number[] {
  let low = 0;
  let high = order.length - 1;
  let last = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (spans[order[middle]].start <= offset) {
      last = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  const found: number[] = [];
  for (let i = last; i >= 0 && maxEnd[i] > offset; i--) if (contains(spans[order[i]], offset)) found.push(order[i]);
  return found.sort((a, b) => a - b);
}

function firstHolding<T>(index: SpanIndex<T>, offset: number): T | undefined {
  const [first] = positionsHolding(index, offset);
  return first === undefined ? undefined : index.items[first];
}

const writeIndexes = {
  key: documentSlot<SpanIndex<RegistryWrite>>('writeKeyIndex'),
  name: documentSlot<SpanIndex<RegistryWrite>>('writeNameIndex'),
  data: documentSlot<SpanIndex<RegistryWrite>>('writeDataIndex'),
};

function writeIndex(doc: AnalyzedDocument, part: 'key' | 'name' | 'data'): SpanIndex<RegistryWrite> {
  const slot = writeIndexes[part];
  let index = slot.get(doc);
  if (!index) {
    const spanOf = part === 'key' ? (write: RegistryWrite) => write.keySpan : part === 'name' ? (write: RegistryWrite) => write.nameSpan : (write: RegistryWrite) => (write.deleted ? undefined : write.dataSpan);
    index = spanIndex(doc.model.registryWrites, spanOf);
    slot.set(doc, index);
  }
  return index;
}

const mentionIndexes = documentSlot<SpanIndex<PortMention>>('mentionIndex');

/** Every port mention holding `offset`, in the model's order (as a filter over them would give). */
export function mentionsAt(doc: AnalyzedDocument, offset: number): PortMention[] {
  let index = mentionIndexes.get(doc);
  if (!index) {
    index = spanIndex(doc.model.portMentions, (mention) => mention);
    mentionIndexes.set(doc, index);
  }
  const { items } = index;
  return positionsHolding(index, offset).map((position) => items[position]);
}

const scriptNameIndexes = documentSlot<SpanIndex<ScriptName>>('scriptNameIndex');

/** The first name (in source order) a PowerShell or cmd script writes at `offset`. */
export function scriptNameAt(doc: AnalyzedDocument, offset: number): ScriptName | undefined {
  let index = scriptNameIndexes.get(doc);
  if (!index) {
    index = spanIndex(scriptNames(doc), (name) => name.span);
    scriptNameIndexes.set(doc, index);
  }
  return firstHolding(index, offset);
}
