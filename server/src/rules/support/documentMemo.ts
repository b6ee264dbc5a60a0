// Values derived once per analysed document (the static-port writes, the port counts, the last
// position found), kept on the document itself (see parsers/common/slot.ts for why not in a WeakMap).
import { objectSlot, type Slot } from '../../parsers/common/slot';
import type { AnalyzedDocument } from '../../service/types';

export function documentSlot<T>(name: string): Slot<AnalyzedDocument, T> {
  return objectSlot<AnalyzedDocument, T>(name);
}
