// Values derived once per object (a parsed script, an analysed document), kept on the object itself.
// A WeakMap keyed by the objects would do the same, but V8's young-generation collections keep a
// WeakMap's values alive until a full collection: every version of a document being edited, with
// its text and parse, would be copied at each minor collection, which made collecting garbage cost
// more than checking a small file.

export interface Slot<O extends object, T> {
  get(owner: O): T | undefined;
  set(owner: O, value: T): void;
}

/**
 * A named slot on every object of a kind, empty until set. A symbol key that is not enumerable:
 * JSON, spreads and whole-object comparisons never see it.
 */
export function objectSlot<O extends object, T>(name: string): Slot<O, T> {
  const key = Symbol(name);
  return {
    get: (owner) => (owner as Record<symbol, T | undefined>)[key],
    set: (owner, value) => {
      if (key in owner) (owner as Record<symbol, T>)[key] = value;
      else Object.defineProperty(owner, key, { value, writable: true, configurable: true });
    },
  };
}
