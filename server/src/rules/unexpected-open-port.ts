// unexpected-open-port (information): with a role set, an allow on the role's path (inbound,
// or forward for a perimeter firewall; see rolePath) opens a port on which the catalog lists no
// service for that role and version. Kept quiet on purpose: a range counts once, rules for
// established/related or loopback traffic do not count, and nothing is said without a role.
import { defineRule, type Finding } from '../service/types';
import { effectiveIngressAllows, FIREWALL_LANGUAGES, rolePath } from './support/firewall';
import { describeRole, documentRole, roleEntriesIn } from './support/firewallRole';

export default defineRule({
  id: 'unexpected-open-port',
  defaultSeverity: 'information',
  appliesTo: FIREWALL_LANGUAGES,
  description: 'An inbound port is open that the catalog lists no service on for the file\'s Exchange role and version.',
  *check(doc, { settings }): Iterable<Finding> {
    const { role } = documentRole(doc, settings);
    if (!role) return;
    const reported = new Set<number>();
    const path = rolePath(doc.model.firewall);
    for (const rule of effectiveIngressAllows(doc.model.firewall)) {
      const match = rule.destinationPortMatch;
      if (!match || match.negated || rule.direction !== path) continue;
      const protocol = rule.protocol === 'any' ? 'any' : rule.protocol;
      if (protocol !== 'any' && protocol !== 'tcp' && protocol !== 'udp') continue;
      for (const item of match.items) {
        if (reported.has(item.span.start)) continue;
        if (roleEntriesIn(role, item.range.from, item.range.to, protocol).length > 0) continue;
        reported.add(item.span.start);
        const { from, to } = item.range;
        const ports = from === to ? `Port ${from}` : `Ports ${from}–${to}`;
        const transport = protocol === 'any' ? '' : `/${protocol.toUpperCase()}`;
        yield {
          ruleId: 'unexpected-open-port',
          ...item.span,
          message: `${ports}${transport} ${from === to ? 'is' : 'are'} open, but the catalog lists no ${describeRole(role)} service there: close ${from === to ? 'it' : 'them'} unless something else on this server needs ${from === to ? 'it' : 'them'}.`,
        };
      }
    }
  },
});
