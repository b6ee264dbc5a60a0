// Refactoring in PowerShell scripts: a `netsh advfirewall firewall add rule …` line becomes the
// equivalent `New-NetFirewallRule …`, and back. Offered only when every argument has a
// counterpart: a conversion that drops `security=authenticate` or `-Group` would change the rule.
// Not offered in cmd files, where a PowerShell command does not run.
// Output is one line in a fixed parameter order; the command's place (and so its indentation and
// the file's line endings) is kept, since only the command's own text is replaced.
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import type { NetshCommand } from '../parsers/cmd/netsh';
import type { Span } from '../parsers/common/model';
import { commands, type PsArgumentValue, type PsCommandView, type PsResolved } from '../parsers/powershell/commands';
import type { AnalyzedDocument } from '../service/types';
import { nativeCommandIn } from './scriptNames';

export const TO_POWERSHELL = 'Convert to New-NetFirewallRule';
export const TO_NETSH = 'Convert to netsh advfirewall firewall add rule';

/** netsh and New-NetFirewallRule spell the same choices differently. */
interface Field {
  netsh: string;
  powershell: string;
  kind: 'text' | 'ports' | 'addresses' | 'list' | 'keyword' | 'boolean';
  /** netsh keyword (lower case) → PowerShell keyword. */
  keywords?: Record<string, string>;
}

const FIELDS: readonly Field[] = [
  { netsh: 'name', powershell: 'DisplayName', kind: 'text' },
  { netsh: 'dir', powershell: 'Direction', kind: 'keyword', keywords: { in: 'Inbound', out: 'Outbound' } },
  { netsh: 'action', powershell: 'Action', kind: 'keyword', keywords: { allow: 'Allow', block: 'Block' } },
  { netsh: 'protocol', powershell: 'Protocol', kind: 'keyword', keywords: { tcp: 'TCP', udp: 'UDP', any: 'Any', icmpv4: 'ICMPv4', icmpv6: 'ICMPv6' } },
  { netsh: 'localport', powershell: 'LocalPort', kind: 'ports', keywords: { rpc: 'RPC', 'rpc-epmap': 'RPCEPMap', any: 'Any' } },
  { netsh: 'remoteport', powershell: 'RemotePort', kind: 'ports', keywords: { any: 'Any' } },
  { netsh: 'localip', powershell: 'LocalAddress', kind: 'addresses', keywords: { any: 'Any' } },
  {
    netsh: 'remoteip',
    powershell: 'RemoteAddress',
    kind: 'addresses',
    keywords: { any: 'Any', localsubnet: 'LocalSubnet', dns: 'DNS', dhcp: 'DHCP', wins: 'WINS', defaultgateway: 'DefaultGateway' },
  },
  { netsh: 'program', powershell: 'Program', kind: 'text' },
  { netsh: 'profile', powershell: 'Profile', kind: 'list', keywords: { domain: 'Domain', private: 'Private', public: 'Public', any: 'Any' } },
  { netsh: 'enable', powershell: 'Enabled', kind: 'boolean' },
  { netsh: 'description', powershell: 'Description', kind: 'text' },
];

export function convertFirewallRuleActions(doc: AnalyzedDocument, range: Span): CodeAction[] {
  if (doc.syntax.format !== 'powershell') return [];
  const actions: CodeAction[] = [];
  for (const view of commands(doc.syntax.tree)) {
    const span = view.command.span;
    // The cursor anywhere on the command's first line counts, indentation included.
    const lineStart = doc.textDocument.offsetAt({ line: doc.textDocument.positionAt(span.start).line, character: 0 });
    if (span.end < range.start || lineStart > range.end) continue;
    let converted: { title: string; text: string } | undefined;
    if (view.name === 'netsh') {
      const [netsh] = nativeCommandIn(doc.text, view).netsh;
      const text = netsh === undefined ? undefined : netshToPowerShell(netsh);
      converted = text === undefined ? undefined : { title: TO_POWERSHELL, text };
    } else if (view.name === 'new-netfirewallrule') {
      const text = powerShellToNetsh(view);
      converted = text === undefined ? undefined : { title: TO_NETSH, text };
    }
    if (converted === undefined) continue;
    const edit = { range: { start: doc.textDocument.positionAt(span.start), end: doc.textDocument.positionAt(span.end) }, newText: converted.text };
    actions.push({ title: converted.title, kind: CodeActionKind.RefactorRewrite, edit: { changes: { [doc.textDocument.uri]: [edit] } } });
  }
  return actions;
}

// ---------------------------------------------------------------------------------------------
// netsh → New-NetFirewallRule

/** A PowerShell string literal: double quotes unless the text holds what they would expand. */
function psString(text: string): string {
  return /[$`"]/.test(text) ? `'${text.replace(/'/g, "''")}'` : `"${text}"`;
}

function psItem(item: string, field: Field): string | undefined {
  const keyword = field.keywords?.[item.toLowerCase()];
  if (keyword !== undefined) return keyword;
  if (field.kind === 'ports') {
    if (/^[0-9]{1,5}$/.test(item)) return item;
    return /^[0-9]{1,5}-[0-9]{1,5}$/.test(item) ? `'${item}'` : undefined;
  }
  if (field.kind === 'addresses') return /^[0-9A-Fa-f.:/-]+$/.test(item) ? `'${item}'` : undefined;
  return undefined;
}

function psValue(value: string, field: Field): string | undefined {
  switch (field.kind) {
    case 'text':
      return psString(value);
    case 'keyword':
      return field.keywords?.[value.toLowerCase()] ?? (field.netsh === 'protocol' && /^[0-9]{1,3}$/.test(value) ? value : undefined);
    case 'boolean':
      // `-Enabled` takes the enum names: `$false` would not convert to one.
      return /^yes$/i.test(value) ? 'True' : /^no$/i.test(value) ? 'False' : undefined;
    default: {
      const items = value.split(',').map((item) => psItem(item.trim(), field));
      return items.length > 0 && items.every((item) => item !== undefined) ? items.join(',') : undefined;
    }
  }
}

function netshToPowerShell(netsh: NetshCommand): string | undefined {
  const words = netsh.words.map((word) => word.text).join(' ');
  if (words !== 'advfirewall firewall add rule') return undefined;
  const parameters: string[] = [];
  for (const field of FIELDS) {
    const arg = netsh.args.find((candidate) => candidate.key === field.netsh);
    if (arg === undefined) continue;
    const value = psValue(arg.value, field);
    if (value === undefined) return undefined;
    parameters.push(`-${field.powershell} ${value}`);
  }
  const known = new Set(FIELDS.map((field) => field.netsh));
  if (netsh.args.some((arg) => !known.has(arg.key))) return undefined;
  return ['New-NetFirewallRule', ...parameters].join(' ');
}

// ---------------------------------------------------------------------------------------------
// New-NetFirewallRule → netsh

/** A netsh argument as PowerShell passes it: quoted when it holds a space or a list (`a,b` unquoted would become two arguments). */
function netshArgument(key: string, value: string): string {
  return /[\s,;]/.test(value) ? `${key}="${value}"` : `${key}=${value}`;
}

/** The items a literal is made of: `135,59532`, `'59531-60554'`. */
function items(resolved: PsResolved | undefined): string[] | undefined {
  if (resolved === undefined) return undefined;
  if (resolved.kind === 'string') return [resolved.value];
  if (resolved.kind === 'number') return Number.isInteger(resolved.value) ? [String(resolved.value)] : undefined;
  if (resolved.kind === 'array') {
    const all = resolved.items.map(items);
    return all.every((item) => item !== undefined) ? all.flat() : undefined;
  }
  return undefined;
}

/** `$true`/`$false` are variables to the parser, literals to the author. */
function parameterItems(value: PsArgumentValue): string[] | undefined {
  const node = value.node;
  if (node.kind === 'variable' && (node.name === 'true' || node.name === 'false') && node.members.length === 0) return [node.name];
  return items(value.resolved);
}

function netshItem(item: string, field: Field): string | undefined {
  const keyword = Object.entries(field.keywords ?? {}).find(([, powershell]) => powershell.toLowerCase() === item.toLowerCase())?.[0];
  if (keyword !== undefined) return field.kind === 'keyword' && (keyword === 'tcp' || keyword === 'udp') ? keyword.toUpperCase() : keyword;
  if (field.kind === 'ports') return /^[0-9]{1,5}(?:-[0-9]{1,5})?$/.test(item) ? item : undefined;
  if (field.kind === 'addresses') return /^[0-9A-Fa-f.:/-]+$/.test(item) ? item : undefined;
  if (field.kind === 'keyword' && field.netsh === 'protocol') return /^[0-9]{1,3}$/.test(item) ? item : undefined;
  return undefined;
}

function netshValue(values: string[], field: Field): string | undefined {
  // netsh has no escape for a double quote inside a value.
  if (field.kind === 'text') return values.length === 1 && !values[0].includes('"') ? values[0] : undefined;
  if (field.kind === 'boolean') {
    if (values.length !== 1) return undefined;
    return /^(true|1)$/i.test(values[0]) ? 'yes' : /^(false|0)$/i.test(values[0]) ? 'no' : undefined;
  }
  if (field.kind === 'keyword' && values.length !== 1) return undefined;
  // PowerShell takes `-Profile 'Domain,Private'` as well as `Domain,Private`.
  const converted = values.flatMap((value) => value.split(',')).map((item) => netshItem(item.trim(), field));
  return converted.every((item) => item !== undefined) ? converted.join(',') : undefined;
}

function powerShellToNetsh(view: PsCommandView): string | undefined {
  if (view.positionals.length > 0 || view.parameters.some((parameter) => parameter.fromSplat)) return undefined;
  const byName = new Map(FIELDS.map((field) => [field.powershell.toLowerCase(), field]));
  const displayName = view.parameter('DisplayName');
  const values = new Map<Field, string>();
  for (const parameter of view.parameters) {
    const lower = parameter.name.toLowerCase();
    // Without -DisplayName, the -Name (the rule's id) is what netsh's name= shows.
    const field = lower === 'name' && displayName === undefined ? FIELDS[0] : byName.get(lower);
    if (field === undefined || parameter.value === undefined) return undefined;
    const written = parameterItems(parameter.value);
    const value = written === undefined ? undefined : netshValue(written, field);
    if (value === undefined) return undefined;
    values.set(field, value);
  }
  const name = values.get(FIELDS[0]);
  if (name === undefined) return undefined;
  // New-NetFirewallRule defaults to an inbound allow rule; netsh needs both spelled out.
  values.set(FIELDS[1], values.get(FIELDS[1]) ?? 'in');
  values.set(FIELDS[2], values.get(FIELDS[2]) ?? 'allow');
  const args = FIELDS.filter((field) => values.has(field)).map((field) => netshArgument(field.netsh, values.get(field)!));
  return ['netsh advfirewall firewall add rule', ...args].join(' ');
}
