// plaintext-protocol-exposed (warning): an inbound allow from any source to a port whose
// protocol has an encrypted twin in the catalog (POP3 110 → 995, IMAP4 143 → 993, AD LDS
// 50389 → 50636, LDAP 389 → 636, GC 3268 → 3269, NNTP 119 → 563, SIP 5060 → 5061): passwords
// and mail cross the network readable. The fix opens the encrypted port instead.
import { portEntries, type ExchangeVersion, type PortEntry } from '../catalog';
import { defineRule, type Finding } from '../service/types';
import { effectiveIngressAllows, FIREWALL_LANGUAGES, isOpenToAnySource } from './support/firewall';
import { replacePortEdits } from './support/firewallEdits';
import { documentRole } from './support/firewallRole';

/** The entry with an encrypted twin that fits the version best (its own version first). */
function plaintextEntry(port: number, protocol: string, version: ExchangeVersion | undefined): PortEntry | undefined {
  const candidates = portEntries(port).filter(
    (entry) => entry.encryptedCounterpart !== undefined && (protocol === 'any' || entry.transport === 'TCP/UDP' || entry.transport.toLowerCase() === protocol),
  );
  return candidates.find((entry) => version !== undefined && entry.versions.includes(version)) ?? candidates[0];
}

export default defineRule({
  id: 'plaintext-protocol-exposed',
  defaultSeverity: 'warning',
  appliesTo: [...FIREWALL_LANGUAGES, 'powershell', 'bat'],
  description: 'A plaintext protocol with an encrypted twin (POP3 110, IMAP4 143, LDAP 389/50389, …) allowed inbound from any source.',
  *check(doc, { settings }): Iterable<Finding> {
    const version = documentRole(doc, settings).role?.version ?? settings.targetVersion;
    for (const rule of effectiveIngressAllows(doc.model.firewall)) {
      const match = rule.destinationPortMatch;
      if (!match || match.negated || !isOpenToAnySource(doc.model.firewall, rule)) continue;
      for (const item of match.items) {
        const port = item.range.from;
        if (item.range.to !== port) continue;
        const entry = plaintextEntry(port, rule.protocol, version);
        const counterpart = entry?.encryptedCounterpart;
        if (!entry || counterpart === undefined) continue;
        const transport = rule.protocol === 'any' ? entry.transport : rule.protocol.toUpperCase();
        const twin = portEntries(counterpart).find((candidate) => candidate.versions.some((v) => entry.versions.includes(v)));
        const edits = replacePortEdits(doc, rule, item.span, counterpart);
        yield {
          ruleId: 'plaintext-protocol-exposed',
          ...item.span,
          message: `${entry.service} on ${port}/${transport} is open to any source and carries passwords and data readable on the wire: open ${counterpart}${twin ? ` (${twin.service})` : ''} instead, or allow ${port} only from the hosts that need it.`,
          ...(edits ? { fixes: [{ title: `Open ${counterpart} instead of ${port}`, edits, preferred: true }] } : {}),
        };
      }
    }
  },
});
