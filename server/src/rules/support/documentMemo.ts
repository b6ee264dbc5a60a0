// Values derived once per analysed document (the static-port writes, the port counts, the last
// position found), kept on the document itself. A WeakMap keyed by documents would do the same,
// but V8's young-generation collections keep a WeakMap's values alive until a full collection:
// every document checked since then, with its text and parse, is copied at each minor collection,
// which made collecting garbage cost more than checking a small file.
import type { AnalyzedDocument } from '../../service/types';

/** A named slot on every document, empty until set. */
export function documentSlot<T>(name: string): { get(doc: AnalyzedDocument): T | undefined; set(doc: AnalyzedDocument, value: T): void } {
  const key = Symbol(name);
  return {
    get: (doc) => (doc as unknown as Record<symbol, T | undefined>)[key],
    // A symbol key: JSON and string keys never see it.
    set: (doc, value) => {
      (doc as unknown as Record<symbol, T | undefined>)[key] = value;
    },
  };
}
