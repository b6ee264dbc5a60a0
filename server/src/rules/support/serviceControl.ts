// Where a script stops, starts or restarts Windows services (or the whole machine), in
// PowerShell and cmd alike: `Restart-Service MSExchangeRPC, MSExchangeAB`,
// `Get-Service MSExchangeRPC | Restart-Service`, `Stop-Service` + `Start-Service`,
// `net stop`/`net start`, `sc.exe stop`/`start`, `Restart-Computer`, `shutdown /r`.
import { matchesWildcard } from '../../parsers/common/wildcard';
import type { PsCommand, PsScript } from '../../parsers/powershell/ast';
import { commands, resolveValue, viewCommand, viewMemo, type PsCommandView, type PsResolved } from '../../parsers/powershell/commands';
import type { AnalyzedDocument } from '../../service/types';

export type ServiceAction = 'stop' | 'start' | 'restart';

export interface ServiceControl {
  action: ServiceAction;
  /** Service names or wildcard patterns as written (`MSExchange*`); empty for a reboot, which restarts all. */
  names: string[];
  reboot: boolean;
  /** Where the command starts: controls count only after the write they follow. */
  offset: number;
}

const CMDLET_ACTIONS: ReadonlyMap<string, ServiceAction> = new Map([
  ['restart-service', 'restart'],
  ['stop-service', 'stop'],
  ['start-service', 'start'],
]);

function strings(resolved: PsResolved | undefined): string[] {
  if (resolved === undefined) return [];
  if (resolved.kind === 'string') return [resolved.value];
  if (resolved.kind === 'array') return resolved.items.flatMap(strings);
  return [];
}

/** `-Name`, or the first positional argument, of a *-Service cmdlet. */
function serviceNames(view: PsCommandView): string[] {
  const [names] = view.bind([['Name', 'ServiceName']]);
  return strings(names?.resolved);
}

/** The positional arguments as strings, as a native program receives them. */
function positionalStrings(view: PsCommandView): string[] {
  return view.positionals.map((value) => strings(value.resolved)[0] ?? '');
}

function nativeAction(args: readonly string[]): { action: ServiceAction; name: string } | undefined {
  // `sc \\server stop name` controls another machine.
  if (args[0]?.startsWith('\\\\')) return undefined;
  const verb = args[0]?.toLowerCase();
  const name = args[1];
  if ((verb === 'stop' || verb === 'start') && name !== undefined) return { action: verb, name };
  return undefined;
}

function isReboot(args: readonly string[]): boolean {
  return args.some((arg) => /^[/-]r$/i.test(arg));
}

/** What one command does to services, wherever it stands; null for most commands. */
interface CommandControl {
  action: ServiceAction;
  names: string[];
  reboot: boolean;
  /** A *-Service cmdlet given no names takes them from the pipeline. */
  fromPipeline: boolean;
}

/** Kept on the command's view: it reads nothing but the command (no offsets to move). */
const controlOfView = viewMemo<CommandControl | null>(() => undefined, null);

function commandControl(view: PsCommandView): CommandControl | null {
  const action = CMDLET_ACTIONS.get(view.name);
  if (action !== undefined) {
    const names = serviceNames(view);
    return { action, names, reboot: false, fromPipeline: names.length === 0 };
  }
  if (view.name === 'restart-computer' || (view.name === 'shutdown' && isReboot(positionalStrings(view)))) {
    return { action: 'restart', names: [], reboot: true, fromPipeline: false };
  }
  if (view.name === 'net' || (view.name === 'sc' && /\.exe$/i.test(view.command.name ?? ''))) {
    // In PowerShell a bare `sc` is Set-Content: only `sc.exe` is the service controller.
    const native = nativeAction(positionalStrings(view));
    if (native) return { action: native.action, names: [native.name], reboot: false, fromPipeline: false };
  }
  return null;
}

function powerShellControls(doc: AnalyzedDocument): ServiceControl[] {
  if (doc.syntax.format !== 'powershell') return [];
  const script = doc.syntax.tree;
  let piped: Map<PsCommand, string[]> | undefined;
  const controls: ServiceControl[] = [];
  for (const view of commands(script)) {
    let control = controlOfView.get(view);
    if (control === undefined) controlOfView.set(view, (control = commandControl(view)));
    if (control === null) continue;
    const offset = view.command.span.start;
    const names = control.fromPipeline ? ((piped ??= pipedNames(script)).get(view.command) ?? []) : control.names;
    controls.push({ action: control.action, names, reboot: control.reboot, offset });
  }
  return controls;
}

/** What flows into each *-Service cmdlet from the element before it in a pipeline. */
function pipedNames(script: PsScript): Map<PsCommand, string[]> {
  const piped = new Map<PsCommand, string[]>();
  for (const pipeline of script.pipelines) {
    for (let i = 1; i < pipeline.elements.length; i++) {
      const previous = pipeline.elements[i - 1];
      const current = pipeline.elements[i];
      // Only the *-Service cmdlets read service names from the pipeline.
      if (current.kind !== 'command' || !CMDLET_ACTIONS.has(current.normalizedName)) continue;
      if (previous.kind === 'expression') piped.set(current, strings(resolveValue(script, previous.value)));
      else if (previous.normalizedName === 'get-service') piped.set(current, serviceNames(viewCommand(script, previous)));
    }
  }
  return piped;
}

function cmdControls(doc: AnalyzedDocument): ServiceControl[] {
  if (doc.syntax.format !== 'bat') return [];
  const controls: ServiceControl[] = [];
  for (const command of doc.syntax.tree.commands) {
    const args = command.args.map((arg) => arg.value);
    const offset = command.span.start;
    if (command.name === 'net' || command.name === 'sc') {
      const native = nativeAction(args);
      if (native) controls.push({ action: native.action, names: [native.name], reboot: false, offset });
    } else if (command.name === 'shutdown' && isReboot(args)) {
      controls.push({ action: 'restart', names: [], reboot: true, offset });
    }
  }
  return controls;
}

export function serviceControls(doc: AnalyzedDocument): ServiceControl[] {
  return [...powerShellControls(doc), ...cmdControls(doc)].sort((a, b) => a.offset - b.offset);
}

/** PowerShell's wildcards (`*`, `?`, `[a-z]`) in a service name, case-insensitive. */
function namesService(pattern: string, service: string): boolean {
  // Most names are written out: no pattern to compile for those.
  if (!/[*?[]/.test(pattern)) return pattern.toLowerCase() === service.toLowerCase();
  return matchesWildcard(pattern, service, { ignoreCase: true });
}

function controlsService(control: ServiceControl, service: string): boolean {
  return control.reboot || control.names.some((name) => namesService(name, service));
}

/**
 * True when the service runs with new settings after `offset`: restarted after it, or started
 * after it having been stopped before that start (`net stop` … write … `net start` counts).
 */
export function restartedAfter(controls: readonly ServiceControl[], service: string, offset: number): boolean {
  let stopped = false;
  for (const control of controls) {
    if (!controlsService(control, service)) continue;
    if (control.action === 'stop') stopped = true;
    else if (control.offset > offset && (control.action === 'restart' || stopped)) return true;
  }
  return false;
}
