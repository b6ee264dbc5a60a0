// The five parsers by language, and the check every parser result must pass.
import assert from 'node:assert/strict';
import { buildCmdModel } from '../../../server/src/parsers/cmd/model';
import { buildIptablesModel } from '../../../server/src/parsers/iptables/model';
import { buildNftablesModel } from '../../../server/src/parsers/nftables/model';
import { buildPowerShellModel } from '../../../server/src/parsers/powershell/model';
import { buildRegModel } from '../../../server/src/parsers/reg/model';
import type { LanguageId } from '../../../server/src/service/types';

export const PARSERS: Record<LanguageId, (text: string) => unknown> = {
  reg: buildRegModel,
  powershell: buildPowerShellModel,
  bat: buildCmdModel,
  iptables: buildIptablesModel,
  nftables: buildNftablesModel,
};

/** Every object of the result with numeric `start` and `end` is a span of `text`. */
export function assertSpansInside(result: unknown, text: string): void {
  const seen = new Set<object>();
  const visit = (value: unknown, path: string): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    const record = value as Record<string, unknown>;
    if (typeof record.start === 'number' && typeof record.end === 'number') {
      const { start, end } = record;
      assert.ok(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length, `${path}: span ${start}-${end} in a text of ${text.length}`);
    }
    for (const [key, child] of Object.entries(record)) {
      // Functions (the model's RegistryEditor) and the text itself hold no spans.
      if (typeof child === 'object') visit(child, `${path}.${key}`);
    }
  };
  visit(result, 'result');
}

