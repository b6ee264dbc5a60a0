// Values derived once per parsed script (its top-level steps, its command views, its assignments by
// name), kept on the script itself. A WeakMap keyed by scripts would do the same, but V8's
// young-generation collections keep a WeakMap's values alive until a full collection: every
// version of a script being edited, with its tree, would be copied at each minor collection.
import type { PsScript } from './ast';

/** A named slot on every script, empty until set; not enumerable, so a script compared whole shows none. */
export function scriptSlot<T>(name: string): { get(script: PsScript): T | undefined; set(script: PsScript, value: T): void } {
  const key = Symbol(name);
  return {
    get: (script) => (script as unknown as Record<symbol, T | undefined>)[key],
    set: (script, value) => Object.defineProperty(script, key, { value, writable: true, configurable: true }),
  };
}
