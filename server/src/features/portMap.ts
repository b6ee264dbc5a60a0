// The port map: one Markdown page over the whole workspace — each static RPC port, the files that
// set it, the firewall files that let it in — and the gaps the cross-file rules report, in one place.
import type { Settings, WorkspaceView } from '../service/types';
import { groupBy } from './groupBy';

/** Outlook asks the endpoint mapper for the static port first: it must be reachable too. */
const ENDPOINT_MAPPER = 135;

export function portMap(workspace: WorkspaceView | undefined, settings: Settings): string {
  const lines = ['# Exchange port map', ''];
  const facts = workspace?.staticPorts() ?? [];
  if (!workspace || facts.length === 0) {
    lines.push('No file of the workspace configures a static RPC port (RPC Client Access `TCP/IP Port`, Address Book `RpcTcpPort`).', '');
    return lines.join('\n');
  }
  const firewalls = workspace.firewallFiles();
  const link = (uri: string, line?: number) => `[${escape(workspace.displayName(uri) + (line === undefined ? '' : `:${line + 1}`))}](<${uri}${line === undefined ? '' : `#L${line + 1}`}>)`;
  const allowedBy = (port: number) => {
    if (firewalls.length === 0) return '—';
    const files = workspace.firewallFilesAllowing(port);
    return files.length === 0 ? '**none**' : files.map((uri) => link(uri)).join(', ');
  };

  lines.push(
    `The static RPC ports set in the workspace, and the firewall files that allow them inbound (${firewalls.length === 1 ? '1 firewall file' : `${firewalls.length} firewall files`}).`,
    '',
    '| Service | Port | Set in | Allowed inbound by |',
    '|---|---|---|---|',
  );
  const rows = groupBy(facts, (fact) => `${fact.service}\u0000${fact.port}`);
  for (const group of [...rows.values()].sort((a, b) => compareText(a[0].service, b[0].service) || a[0].port - b[0].port)) {
    const [{ service, port }] = group;
    lines.push(`| ${service} | ${port} | ${group.map((fact) => link(fact.uri, fact.line)).join(', ')} | ${allowedBy(port)} |`);
  }
  if (firewalls.length > 0) lines.push(`| RPC endpoint mapper | ${ENDPOINT_MAPPER} | (always) | ${allowedBy(ENDPOINT_MAPPER)} |`);
  lines.push('', '## Gaps', '');

  const gaps: string[] = [];
  for (const group of groupBy(facts, (fact) => fact.settingId).values()) {
    const byPort = groupBy(group, (fact) => String(fact.port));
    if (byPort.size < 2) continue;
    const uses = [...byPort.values()]
      .sort((a, b) => a[0].port - b[0].port)
      .map((same) => `${same[0].port} in ${same.map((fact) => link(fact.uri, fact.line)).join(', ')}`);
    gaps.push(`- **${group[0].service}** is set to different ports: ${uses.join('; ')}. Every server of the array needs the same port.`);
  }
  if (firewalls.length === 0) {
    gaps.push('- No firewall file in the workspace: nothing says which of these ports are reachable.');
  } else {
    const notAllowed = [...new Set(facts.map((fact) => fact.port))].filter((port) => !workspace.isPortAllowedAnywhere(port)).sort((a, b) => a - b);
    for (const port of notAllowed) {
      const services = [...new Set(facts.filter((fact) => fact.port === port).map((fact) => fact.service))].join(', ');
      gaps.push(`- **${port}** (${services}) is not allowed inbound by any firewall file.`);
    }
    if (!workspace.isPortAllowedAnywhere(ENDPOINT_MAPPER)) gaps.push(`- **${ENDPOINT_MAPPER}** (RPC endpoint mapper) is not allowed inbound by any firewall file.`);
  }
  const { min, max } = settings.staticPortRange;
  for (const opening of workspace.openings()) {
    if (opening.from < min || opening.to > max) continue;
    if (facts.some((fact) => fact.port >= opening.from && fact.port <= opening.to)) continue;
    const ports = opening.from === opening.to ? String(opening.from) : `${opening.from}–${opening.to}`;
    gaps.push(`- **${ports}** is opened in ${link(opening.uri, opening.line)}, but no file configures a static port there.`);
  }
  lines.push(...(gaps.length > 0 ? gaps : ['None: one port per service, and every port allowed inbound.']), '');
  return lines.join('\n');
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** File names are shown as link text: Markdown must not read their brackets or pipes. */
function escape(text: string): string {
  return text.replace(/[\\[\]|*_`]/g, '\\$&');
}
