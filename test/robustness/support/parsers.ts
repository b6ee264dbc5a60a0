// The five parsers by language; the check every parser result must pass lives in test/unit/support/spans.ts.
import { buildCmdModel } from '../../../server/src/parsers/cmd/model';
import { buildIptablesModel } from '../../../server/src/parsers/iptables/model';
import { buildNftablesModel } from '../../../server/src/parsers/nftables/model';
import { buildPowerShellModel } from '../../../server/src/parsers/powershell/model';
import { buildRegModel } from '../../../server/src/parsers/reg/model';
import type { LanguageId } from '../../../server/src/service/types';

export { assertSpansInside } from '../../unit/support/spans';

export const PARSERS: Record<LanguageId, (text: string) => unknown> = {
  reg: buildRegModel,
  powershell: buildPowerShellModel,
  bat: buildCmdModel,
  iptables: buildIptablesModel,
  nftables: buildNftablesModel,
};
