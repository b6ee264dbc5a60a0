// Values derived once per parsed script (its top-level steps, its command views, its assignments by
// name), kept on the script itself (see parsers/common/slot.ts for why not in a WeakMap).
import { objectSlot, type Slot } from '../common/slot';
import type { PsScript } from './ast';

export function scriptSlot<T>(name: string): Slot<PsScript, T> {
  return objectSlot<PsScript, T>(name);
}
