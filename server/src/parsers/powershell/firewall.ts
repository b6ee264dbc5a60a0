// New-NetFirewallRule / Set-NetFirewallRule / Remove-NetFirewallRule → the Windows firewall
// builder shared with netsh (parsers/cmd/firewall.ts). Values come through the same binding
// as every other command: named, `-Param:value`, splatted, or from a literal variable.
import type { Span } from '../common/model';
import { splitList, type WindowsFirewallSink, type WindowsPortItem, type WindowsPortList, type WindowsRuleFields, type WindowsWritten } from '../cmd/firewall';
import type { PsValue } from './ast';
import type { PsArgumentValue, PsCommandView, PsResolved } from './commands';

/** Parameters that restrict a rule in ways the model has no field for. */
const OTHER_PARAMETERS = [
  'Program',
  'Service',
  'InterfaceAlias',
  'IcmpType',
  'Owner',
  'Package',
  'LocalUser',
  'RemoteUser',
  'RemoteMachine',
  'Authentication',
  'Encryption',
  'DynamicTarget',
];

/** Parameters whose value `Any` means no restriction. */
const ANY_PARAMETERS = ['Profile', 'InterfaceType'];

interface Piece {
  value: string;
  span: Span;
  contentSpan: Span | undefined;
}

/** Each literal of a resolved value: array items flattened, numbers as their decimal text. */
function pieces(resolved: PsResolved | undefined): Piece[] | undefined {
  if (resolved === undefined) return undefined;
  if (resolved.kind === 'string') return [{ value: resolved.value, span: resolved.span, contentSpan: resolved.contentSpan }];
  if (resolved.kind === 'number') return [{ value: String(resolved.value), span: resolved.span, contentSpan: resolved.span }];
  if (resolved.kind === 'array') {
    const all: Piece[] = [];
    for (const item of resolved.items) {
      const inner = pieces(item);
      if (inner === undefined) return undefined;
      for (const item of inner) all.push(item);
    }
    return all;
  }
  return undefined;
}

/** Items of each literal, commas inside a string split too (`'135,59532'`). */
function listItems(text: string, found: Piece[]): WindowsWritten[] {
  return found.flatMap((piece) => {
    const verbatim = piece.contentSpan !== undefined && text.slice(piece.contentSpan.start, piece.contentSpan.end) === piece.value;
    return splitList(piece.value, verbatim ? piece.contentSpan?.start : undefined, piece.span);
  });
}

function variableName(node: PsValue): string | undefined {
  return node.kind === 'variable' ? `$${[node.name, ...node.members].join('.')}` : undefined;
}

/** The written value of a parameter; undefined when it is not a literal the script shows. */
function written(value: PsArgumentValue | undefined): WindowsWritten | undefined {
  const found = pieces(value?.resolved);
  if (found === undefined || found.length !== 1) return undefined;
  return { value: found[0].value, span: found[0].contentSpan ?? found[0].span };
}

function isFalse(text: string, value: PsArgumentValue | undefined): boolean {
  if (value === undefined) return false;
  const raw = text.slice(value.span.start, value.span.end).trim().replace(/^["']|["']$/g, '');
  return /^(\$false|false|0)$/i.test(raw) || (value.resolved?.kind === 'string' && /^false$/i.test(value.resolved.value));
}

function portList(text: string, value: PsArgumentValue | undefined): WindowsPortList | undefined {
  if (value === undefined) return undefined;
  const found = pieces(value.resolved);
  const via = variableName(value.node);
  if (found === undefined) {
    // Built at run time (a loop variable, a computed value): every port is possible.
    return { span: value.span, items: [{ text: 'Any', span: value.span }], ...(via ? { via } : {}) };
  }
  const items: WindowsPortItem[] = listItems(text, found).map((item) => ({ text: item.value, span: item.span }));
  if (items.length === 0) return undefined;
  // The whole argument (`135, '5000-6000'`, `$ports`) is what a fix replaces.
  return { span: value.span, items, ...(via ? { via } : {}) };
}

function addresses(text: string, value: PsArgumentValue | undefined): WindowsWritten[] | undefined {
  if (value === undefined) return undefined;
  const found = pieces(value.resolved);
  // Unknown addresses: the rule may let anyone in.
  if (found === undefined) return [{ value: 'Any', span: value.span }];
  return listItems(text, found);
}

function ruleFields(text: string, view: PsCommandView): WindowsRuleFields {
  const fields: WindowsRuleFields = {};
  const direction = written(view.parameter('Direction')?.value);
  if (direction) fields.direction = direction;
  const action = written(view.parameter('Action')?.value);
  if (action) fields.action = action;
  const protocol = written(view.parameter('Protocol')?.value);
  if (protocol) fields.protocol = protocol;
  const localPorts = portList(text, view.parameter('LocalPort')?.value);
  if (localPorts) fields.localPorts = localPorts;
  const remotePorts = portList(text, view.parameter('RemotePort')?.value);
  if (remotePorts) fields.remotePorts = remotePorts;
  const localAddresses = addresses(text, view.parameter('LocalAddress')?.value);
  if (localAddresses) fields.localAddresses = localAddresses;
  const remoteAddresses = addresses(text, view.parameter('RemoteAddress')?.value);
  if (remoteAddresses) fields.remoteAddresses = remoteAddresses;
  const enabled = view.parameter('Enabled');
  if (enabled?.value !== undefined) fields.enabled = !isFalse(text, enabled.value);
  const other: Record<string, string> = {};
  for (const name of [...OTHER_PARAMETERS, ...ANY_PARAMETERS]) {
    const parameter = view.parameter(name);
    if (parameter?.value === undefined) continue;
    const shown = pieces(parameter.value.resolved)?.map((piece) => piece.value).join(',') ?? text.slice(parameter.value.span.start, parameter.value.span.end);
    if (ANY_PARAMETERS.includes(name) && /^any$/i.test(shown)) continue;
    other[name] = shown;
  }
  if (Object.keys(other).length > 0) fields.other = other;
  return fields;
}

/** The names a command gives the rules it acts on: `-Name` (the ID) and `-DisplayName`. */
function ruleNames(view: PsCommandView): string[] {
  const names: string[] = [];
  for (const parameter of ['Name', 'DisplayName', 'ID']) {
    for (const piece of pieces(view.parameter(parameter)?.value?.resolved) ?? []) names.push(piece.value);
  }
  // `Set-NetFirewallRule 'Exchange RPC'` and `Remove-NetFirewallRule 'x'` bind the first positional to -Name.
  const first = view.positional(0);
  if (names.length === 0 && first) for (const piece of pieces(first.resolved) ?? []) names.push(piece.value);
  return names;
}

/** The cmdlets that create, change or remove rules. */
export const FIREWALL_RULE_CMDLETS: ReadonlySet<string> = new Set(['new-netfirewallrule', 'set-netfirewallrule', 'enable-netfirewallrule', 'disable-netfirewallrule', 'remove-netfirewallrule']);

/** Feeds a firewall cmdlet to the builder; other commands are ignored. */
export function readFirewallCmdlet(text: string, view: PsCommandView, builder: WindowsFirewallSink): void {
  switch (view.name) {
    case 'new-netfirewallrule':
      builder.add(ruleNames(view), view.command.span, ruleFields(text, view));
      break;
    case 'set-netfirewallrule':
      builder.set(ruleNames(view), ruleFields(text, view));
      break;
    case 'enable-netfirewallrule':
      builder.set(ruleNames(view), { enabled: true });
      break;
    case 'disable-netfirewallrule':
      builder.set(ruleNames(view), { enabled: false });
      break;
    case 'remove-netfirewallrule':
      builder.remove(ruleNames(view));
      break;
    default:
      break;
  }
}
