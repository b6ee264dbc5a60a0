// dynamic-rpc-range-open (warning): an inbound allow over a thousand or more TCP ports that
// covers most of a dynamic (RPC) port range — "a sieve": every RPC service on the host that
// picks a dynamic port becomes reachable. Outlook needs the endpoint mapper (135) and the two
// static RPC ports an admin sets: those the same script configures (a PowerShell or cmd
// deployment script sets them next to its firewall rules), otherwise the catalog's suggested ones.
import { dynamicRanges, staticPortSettings, type PortEntry } from '../catalog';
import { formatPortSet, type PortSet } from '../parsers/common/firewall';
import { defineRule, type Finding } from '../service/types';
import { effectiveIngressAllows, FIREWALL_LANGUAGES } from './support/firewall';
import { replacePortsEdits } from './support/firewallEdits';
import { isValidPort, staticPortWrites } from './support/staticPorts';
import { documentRole } from './support/firewallRole';

/** Fewer ports than this is a deliberate window, not a sieve. */
const MIN_PORTS = 1000;
const ENDPOINT_MAPPER = 135;

function overlap(set: PortSet, from: number, to: number): number {
  if (set === 'any') return to - from + 1;
  return set.reduce((sum, range) => sum + Math.max(0, Math.min(range.to, to) - Math.max(range.from, from) + 1), 0);
}

/** The dynamic range the ports cover most of, when they cover at least half of one. */
function coveredRange(set: PortSet, ranges: PortEntry[]): PortEntry | undefined {
  let best: { entry: PortEntry; share: number } | undefined;
  for (const entry of ranges) {
    for (const { from, to } of entry.ports) {
      const covered = overlap(set, from, to);
      const share = covered / (to - from + 1);
      if (covered >= MIN_PORTS && share >= 0.5 && (!best || share > best.share)) best = { entry, share };
    }
  }
  return best?.entry;
}

/** A catalog name inside a sentence: `Dynamic port range …` → `dynamic port range …`, names kept. */
function sentenceCase(name: string): string {
  return /^(Windows|Exchange)\b/.test(name) ? name : name[0].toLowerCase() + name.slice(1);
}

export default defineRule({
  id: 'dynamic-rpc-range-open',
  defaultSeverity: 'warning',
  appliesTo: [...FIREWALL_LANGUAGES, 'powershell', 'bat'],
  description: 'An inbound allow over most of a dynamic RPC port range (1,000 ports or more) instead of 135 and the static RPC ports.',
  *check(doc, { settings }): Iterable<Finding> {
    const version = documentRole(doc, settings).role?.version ?? settings.targetVersion;
    const ranges = dynamicRanges(version).filter((entry) => entry.transport !== 'UDP');
    const configured = staticPortSettings().map((setting) => staticPortWrites(doc).find((target) => target.setting.id === setting.id && isValidPort(target.number))?.number);
    const ownPorts = configured.every((port) => port !== undefined);
    const staticPorts = (ownPorts ? configured : staticPortSettings().map((setting) => setting.suggestedPort)).filter((port): port is number => port !== undefined);
    const instead = [ENDPOINT_MAPPER, ...staticPorts];
    for (const rule of effectiveIngressAllows(doc.model.firewall)) {
      const match = rule.destinationPortMatch;
      if (!match || (rule.protocol !== 'tcp' && rule.protocol !== 'any')) continue;
      const range = coveredRange(rule.destinationPorts, ranges);
      if (!range) continue;
      const edits = rule.protocol === 'tcp' ? replacePortsEdits(doc, rule, match, instead) : undefined;
      const list = `${instead.slice(0, -1).join(', ')} and ${instead[instead.length - 1]}`;
      yield {
        ruleId: 'dynamic-rpc-range-open',
        ...match.span,
        message: `This rule opens ${formatPortSet(rule.destinationPorts)}/TCP, which covers most of ${range.ports.map((p) => `${p.from}–${p.to}`).join(', ')}, the ${sentenceCase(range.service)}. That is a sieve for every RPC service on the host: open the endpoint mapper ${ENDPOINT_MAPPER} and the static RPC ports instead (${staticPorts.join(' and ')} ${ownPorts ? 'as this script configures them' : 'as recommended, or your configured static ports'}).`,
        ...(edits ? { fixes: [{ title: `Open only ${list}`, edits, preferred: true }] } : {}),
      };
    }
  },
});
