// firewall-syntax (error): what iptables-restore or `nft -f` would reject — a table without
// COMMIT, a chain or set that is not declared, an unknown policy, a port that is not a port —
// as the parsers find it; plus, as warnings, a role directive that cannot be read (the firewall
// loads the file, but the role audit stays off until the directive is fixed).
import { FIREWALL_SYNTAX } from '../parsers/common/firewall';
import { defineRule, type Finding } from '../service/types';
import { FIREWALL_LANGUAGES } from './support/firewall';
import { documentRole } from './support/firewallRole';
import { problemsWithCode } from './support/parseProblems';

export default defineRule({
  id: FIREWALL_SYNTAX,
  defaultSeverity: 'error',
  appliesTo: FIREWALL_LANGUAGES,
  description: 'A line iptables-restore or nft would reject, or a role directive that cannot be read.',
  *check(doc, { settings }): Iterable<Finding> {
    yield* problemsWithCode(doc, FIREWALL_SYNTAX);
    yield* documentRole(doc, settings).problems;
  },
});
