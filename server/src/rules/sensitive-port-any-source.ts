// sensitive-port-any-source (warning): the RPC endpoint mapper (135), SMB (445) or RDP (3389)
// allowed inbound from any source address. They are what worms and password sprays look for;
// an Exchange server needs them only from its own network or an admin subnet.
import { portSetContains } from '../parsers/common/firewall';
import { defineRule, type Finding } from '../service/types';
import { effectiveIngressAllows, FIREWALL_LANGUAGES, isOpenToAnySource } from './support/firewall';

const SENSITIVE_PORTS: ReadonlyMap<number, string> = new Map([
  [135, 'The RPC endpoint mapper'],
  [445, 'SMB'],
  [3389, 'Remote Desktop'],
]);

const SOURCE_MATCH = { iptables: '-s <subnet>', nftables: 'ip saddr <subnet>' } as const;

export default defineRule({
  id: 'sensitive-port-any-source',
  defaultSeverity: 'warning',
  appliesTo: FIREWALL_LANGUAGES,
  description: 'RPC endpoint mapper (135), SMB (445) or RDP (3389) allowed inbound from any source address.',
  *check(doc): Iterable<Finding> {
    const restrict = doc.languageId === 'iptables' || doc.languageId === 'nftables' ? ` (${SOURCE_MATCH[doc.languageId]})` : '';
    for (const rule of effectiveIngressAllows(doc.model.firewall)) {
      const match = rule.destinationPortMatch;
      if (!match || match.negated || !isOpenToAnySource(doc.model.firewall, rule) || (rule.protocol !== 'tcp' && rule.protocol !== 'any')) continue;
      for (const [port, service] of SENSITIVE_PORTS) {
        if (!portSetContains(rule.destinationPorts, port)) continue;
        const item = match.items.find(({ range }) => range.from <= port && port <= range.to);
        yield {
          ruleId: 'sensitive-port-any-source',
          ...(item?.span ?? match.span),
          message: `${service} (${port}/TCP) is open to any source address: allow it only from the networks that need it${restrict}.`,
        };
      }
    }
  },
});
