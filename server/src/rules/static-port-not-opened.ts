// static-port-not-opened: the registry and the firewall files of one workspace disagree.
// - warning: a static RPC port is configured, the workspace has firewall files, and none of them
//   allows new inbound TCP connections to that port — Outlook reaches the endpoint mapper (135),
//   is told the port, and then times out on it;
// - information: a firewall file opens ports in the static RPC range that no file configures as a
//   static port — a port left over from an earlier setting, or a typo on one side.
import { defineRule, type Finding } from '../service/types';

/** More firewall files than this are counted in messages instead of named. */
const NAMED_FILES_MAX = 3;

export default defineRule({
  id: 'static-port-not-opened',
  defaultSeverity: 'warning',
  appliesTo: ['reg', 'powershell', 'bat', 'iptables', 'nftables'],
  crossFile: true,
  description: 'A static RPC port no firewall file of the workspace allows inbound, or a static-range port opened that no file configures.',
  *check(doc, { workspace, settings }): Iterable<Finding> {
    if (!workspace) return;
    const uri = doc.textDocument.uri;
    const configured = workspace.staticPorts();
    const firewalls = workspace.firewallFiles();
    if (firewalls.length > 0) {
      const which = firewalls.length <= NAMED_FILES_MAX ? `any firewall file of the workspace (${firewalls.map(workspace.displayName).join(', ')})` : `any of the ${firewalls.length} firewall files of the workspace`;
      for (const fact of configured) {
        if (fact.uri !== uri || workspace.isPortAllowedAnywhere(fact.port)) continue;
        yield {
          ruleId: 'static-port-not-opened',
          start: fact.span.start,
          end: fact.span.end,
          message: `${fact.service} static port ${fact.port} is not allowed inbound by ${which}.`,
        };
      }
    }
    // Without any static port configured, the workspace says nothing about which ports are meant.
    if (configured.length === 0) return;
    const { min, max } = settings.staticPortRange;
    const configuredPorts = [...new Set(configured.map((fact) => fact.port))].sort((a, b) => a - b);
    let listed: string | undefined;
    for (const opening of workspace.openings()) {
      if (opening.uri !== uri || opening.from < min || opening.to > max) continue;
      const next = configuredPorts[firstAtLeast(configuredPorts, opening.from)];
      if (next !== undefined && next >= opening.from && next <= opening.to) continue;
      listed ??= configuredPorts.join(', ');
      const ports = opening.from === opening.to ? `Port ${opening.from}` : `Ports ${opening.from}–${opening.to}`;
      yield {
        ruleId: 'static-port-not-opened',
        start: opening.span.start,
        end: opening.span.end,
        severity: 'information',
        message: `${ports} in the static RPC range ${min}–${max} ${opening.from === opening.to ? 'is' : 'are'} opened, but no file of the workspace configures a static port there (configured: ${listed}).`,
      };
    }
  },
});

/** The index of the first of the ascending `ports` at or above `port`. */
function firstAtLeast(ports: readonly number[], port: number): number {
  let low = 0;
  let high = ports.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ports[middle] < port) low = middle + 1;
    else high = middle;
  }
  return low;
}
