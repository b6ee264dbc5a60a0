// What lies at an offset, found without walking the whole document: a hover must answer in a few
// milliseconds on a 50 MB export, where a scan of every value per request takes tens. A .reg
// tree is in document order, so keys are found by binary search; port mentions get a small
// interval index, built once per analysed document.
import type { PortMention, RegistryWrite, Span } from '../parsers/common/model';
import type { RegKey } from '../parsers/reg/ast';
import { documentSlot } from '../rules/support/documentMemo';
import type { AnalyzedDocument } from '../service/types';

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
  const write = doc.model.registryWrites.find((candidate) => contains(candidate.keySpan, offset));
  return write && { path: write.keyPath, span: write.keySpan, deleted: false };
}

/** The first write (document order) whose name, or whose data (deletions left out), holds `offset`. */
export function writeAt(doc: AnalyzedDocument, offset: number, part: 'name' | 'data'): RegistryWrite | undefined {
  const holds = (write: RegistryWrite) => (part === 'name' ? contains(write.nameSpan, offset) : !write.deleted && contains(write.dataSpan, offset));
  if (doc.syntax.format === 'reg') {
    // A .reg value lies between its key's header and the next key's: only that key's values can hold it.
    const key = regKeyBefore(doc.syntax.tree.keys, offset);
    return key?.values.find((value) => holds(value as unknown as RegistryWrite)) as RegistryWrite | undefined;
  }
  return doc.model.registryWrites.find(holds);
}

interface MentionIndex {
  /** Positions into the mentions array, by start (then position). */
  order: number[];
  /** The largest end among order[0..i]: where walking back can stop. */
  maxEnd: number[];
}

const mentionIndexes = documentSlot<MentionIndex>('mentionIndex');

function mentionIndex(doc: AnalyzedDocument): MentionIndex {
  let index = mentionIndexes.get(doc);
  if (!index) {
    const mentions = doc.model.portMentions;
    const order = mentions.map((_, position) => position).sort((a, b) => mentions[a].start - mentions[b].start || a - b);
    const maxEnd: number[] = [];
    let max = -1;
    for (const position of order) {
      max = Math.max(max, mentions[position].end);
      maxEnd.push(max);
    }
    index = { order, maxEnd };
    mentionIndexes.set(doc, index);
  }
  return index;
}

/** Every port mention holding `offset`, in the model's order (as a filter over them would give). */
export function mentionsAt(doc: AnalyzedDocument, offset: number): PortMention[] {
  const mentions = doc.model.portMentions;
  const { order, maxEnd } = mentionIndex(doc);
  let low = 0;
  let high = order.length - 1;
  let last = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (mentions[order[middle]].start <= offset) {
      last = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  const found: number[] = [];
  for (let i = last; i >= 0 && maxEnd[i] > offset; i--) if (contains(mentions[order[i]], offset)) found.push(order[i]);
  return found.sort((a, b) => a - b).map((position) => mentions[position]);
}
