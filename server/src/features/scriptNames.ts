// What PowerShell and cmd scripts name that the catalog may know: Windows services
// (`Restart-Service MSExchangeRPC`, `net stop MSExchangeAB`), firewall rules (`-DisplayName`,
// `name=`), registry keys and value names read or written by any command. The neutral model holds
// only what rules need (writes, port mentions); hover, completion and symbols also need these.
import type { NativeArg } from '../parsers/cmd/nativeArg';
import type { CmdDocument } from '../parsers/cmd/model';
import { parseNetsh, type NetshCommand } from '../parsers/cmd/netsh';
import { parseCmd, type CmdCommand } from '../parsers/cmd/parser';
import { expandRegistryHive, parseRegCommand, type RegCommand } from '../parsers/cmd/regCommand';
import type { Span } from '../parsers/common/model';
import type { PsScript } from '../parsers/powershell/ast';
import { commands, type PsArgumentValue, type PsCommandView, type PsResolved } from '../parsers/powershell/commands';
import { psRegistryKeyPath } from '../parsers/powershell/model';
import { documentSlot } from '../rules/support/documentMemo';
import type { AnalyzedDocument } from '../service/types';

export type ScriptName =
  | { kind: 'service'; name: string; span: Span; statement: Span }
  | { kind: 'firewallRule'; name: string; span: Span; statement: Span }
  | { kind: 'registryKey'; keyPath: string; span: Span; statement: Span }
  | { kind: 'registryValue'; keyPath: string; valueName: string; span: Span; statement: Span };

const SERVICE_CMDLETS = new Set(['restart-service', 'start-service', 'stop-service', 'get-service', 'set-service', 'suspend-service', 'resume-service']);
const FIREWALL_CMDLETS = new Set([
  'new-netfirewallrule',
  'set-netfirewallrule',
  'get-netfirewallrule',
  'remove-netfirewallrule',
  'enable-netfirewallrule',
  'disable-netfirewallrule',
]);
/** Cmdlets whose first positional argument is a `-Path`. */
const PATH_FIRST = new Set([
  'get-item',
  'new-item',
  'remove-item',
  'test-path',
  'get-childitem',
  'set-location',
  'get-itemproperty',
  'get-itempropertyvalue',
  'set-itemproperty',
  'new-itemproperty',
  'remove-itemproperty',
]);
/** Cmdlets whose second positional argument is a value `-Name`. */
const VALUE_NAME_SECOND = new Set(['get-itemproperty', 'get-itempropertyvalue', 'set-itemproperty', 'new-itemproperty', 'remove-itemproperty']);
const PATH = ['Path', 'LiteralPath', 'PSPath', 'LP'];
const NAME = ['Name', 'PSProperty'];
/** `net start X`, `sc stop X`, `sc config X …`: the verbs after which the service name comes. */
const NET_VERBS = new Set(['start', 'stop', 'pause', 'continue']);
const SC_VERBS = new Set(['start', 'stop', 'pause', 'continue', 'query', 'queryex', 'qc', 'config', 'failure', 'qfailure', 'description', 'sdshow']);

/** A string as written: its value and where its text sits (inside the quotes). */
export interface WrittenString {
  value: string;
  span: Span;
}

export function writtenStrings(resolved: PsResolved | undefined): WrittenString[] {
  if (resolved === undefined) return [];
  if (resolved.kind === 'string') return [{ value: resolved.value, span: resolved.contentSpan ?? resolved.span }];
  if (resolved.kind === 'array') return resolved.items.flatMap(writtenStrings);
  return [];
}

const namesByDocument = documentSlot<ScriptName[]>('scriptNames');

/** Every name a PowerShell or cmd script writes, in source order; computed once per analysed document. */
export function scriptNames(doc: AnalyzedDocument): ScriptName[] {
  let names = namesByDocument.get(doc);
  if (names === undefined) {
    names = doc.syntax.format === 'powershell' ? powerShellNames(doc.syntax.tree) : doc.syntax.format === 'bat' ? cmdNames(doc.syntax.tree) : [];
    names.sort((a, b) => a.span.start - b.span.start);
    namesByDocument.set(doc, names);
  }
  return names;
}

function powerShellNames(script: PsScript): ScriptName[] {
  const names: ScriptName[] = [];
  for (const view of commands(script)) {
    const statement = view.command.span;
    if (SERVICE_CMDLETS.has(view.name)) {
      const [service] = view.bind([['Name', 'ServiceName', 'SN']]);
      for (const { value, span } of writtenStrings(service?.resolved)) names.push({ kind: 'service', name: value, span, statement });
    } else if (FIREWALL_CMDLETS.has(view.name)) {
      const named = [view.parameter('DisplayName'), view.parameter('Name', 'ID')].map((parameter) => parameter?.value);
      const positional = view.name === 'new-netfirewallrule' || view.parameter('Name', 'ID', 'DisplayName') !== undefined ? undefined : view.positional(0);
      for (const argument of [...named, positional]) {
        for (const { value, span } of writtenStrings(argument?.resolved)) names.push({ kind: 'firewallRule', name: value, span, statement });
      }
    } else if (view.name === 'netsh' || view.name === 'reg' || view.name === 'net' || view.name === 'net1') {
      for (const item of cmdNames(nativeCommandIn(script.text, view))) names.push(item);
    } else {
      for (const item of registryNames(view)) names.push(item);
    }
  }
  return names;
}

function registryNames(view: PsCommandView): ScriptName[] {
  const statement = view.command.span;
  const pathFirst = PATH_FIRST.has(view.name);
  if (!pathFirst && view.parameter(...PATH) === undefined) return [];
  const [path, name] = pathFirst ? view.bind([PATH, NAME]) : [view.parameter(...PATH)?.value, view.parameter(...NAME)?.value];
  const names: ScriptName[] = [];
  for (const written of writtenStrings(path?.resolved)) {
    const keyPath = psRegistryKeyPath(written.value);
    if (keyPath === undefined) continue;
    names.push({ kind: 'registryKey', keyPath, span: written.span, statement });
    const valueName: PsArgumentValue | undefined = VALUE_NAME_SECOND.has(view.name) ? name : undefined;
    for (const { value, span } of writtenStrings(valueName?.resolved)) names.push({ kind: 'registryValue', keyPath, valueName: value, span, statement });
  }
  return names;
}

/**
 * A native command line of a PowerShell script (`netsh …`, `reg add …`, `net stop …`) read the way
 * cmd reads it, with offsets in the script. Both shells pass these arguments alike, except that
 * PowerShell splits an unquoted `a,b`; reading the text keeps the list the author meant.
 */
export function nativeCommandIn(text: string, view: PsCommandView): CmdDocument {
  const { start, end } = view.command.span;
  const parsed = parseCmd(text.slice(start, end));
  const shiftSpan = (span: Span): Span => ({ start: span.start + start, end: span.end + start });
  const shiftArg = (arg: NativeArg): NativeArg => ({
    value: arg.value,
    span: shiftSpan(arg.span),
    literal: arg.literal === undefined ? undefined : { span: shiftSpan(arg.literal.span), contentSpan: shiftSpan(arg.literal.contentSpan) },
  });
  const shifted: CmdCommand[] = parsed.commands.map((command) => ({ ...command, nameSpan: shiftSpan(command.nameSpan), span: shiftSpan(command.span), args: command.args.map(shiftArg) }));
  const document: CmdDocument = { ...parsed, commands: shifted, regCommands: [], netsh: [] };
  for (const command of shifted) {
    if (command.name === 'netsh') document.netsh.push(parseNetsh(command.args, command.span, text));
    else if (command.name === 'reg') {
      const reg = parseRegCommand(command.args, command.span, 'ps-syntax').command;
      if (reg !== undefined) document.regCommands.push(reg);
    }
  }
  return document;
}

function argSpan(arg: NativeArg): Span {
  return arg.literal?.contentSpan ?? arg.span;
}

function cmdNames(script: CmdDocument): ScriptName[] {
  const names: ScriptName[] = [];
  for (const command of script.commands) {
    const verb = command.args[0]?.value.toLowerCase();
    const service = command.args[1];
    const controls = (command.name === 'net' || command.name === 'net1') && verb !== undefined && NET_VERBS.has(verb);
    const configures = command.name === 'sc' && verb !== undefined && SC_VERBS.has(verb);
    if ((controls || configures) && service !== undefined) names.push({ kind: 'service', name: service.value, span: argSpan(service), statement: command.span });
  }
  for (const netsh of script.netsh) names.push(...netshNames(netsh));
  for (const reg of script.regCommands) names.push(...regNames(reg));
  return names;
}

function netshNames(netsh: NetshCommand): ScriptName[] {
  return netsh.args.filter((arg) => arg.key === 'name').map((arg) => ({ kind: 'firewallRule', name: arg.value, span: arg.valueSpan, statement: netsh.span }));
}

function regNames(reg: RegCommand): ScriptName[] {
  if (reg.key === undefined) return [];
  const keyPath = expandRegistryHive(reg.key.value);
  const names: ScriptName[] = [{ kind: 'registryKey', keyPath, span: argSpan(reg.key), statement: reg.span }];
  if (reg.name !== undefined && !reg.defaultValue) names.push({ kind: 'registryValue', keyPath, valueName: reg.name.value, span: argSpan(reg.name), statement: reg.span });
  return names;
}
