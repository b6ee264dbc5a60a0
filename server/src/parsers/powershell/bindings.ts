// Ports written in Exchange cmdlet parameters: `-Port 587`, `-ProxyTargetPort 1995`, and
// bindings (`-Bindings 0.0.0.0:587`, `-SSLBindings '[::]:993'`, `mail.contoso.com:993:SSL`).
// Rules read them with spans on the port itself; the model reports the ones outside 1–65535.
import { INVALID_PORT, MAX_PORT } from '../common/firewall';
import type { ParseProblem, Span } from '../common/model';
import { endsWithIgnoringCase, isPortValueName } from '../cmd/portValues';
import type { PsArgumentValue, PsCommandView, PsResolved } from './commands';

export interface WrittenBinding {
  /** The binding as the cmdlet receives it (`0.0.0.0:587`). */
  binding: string;
  /** The port as written, digits only; undefined when the binding has no port. */
  port: number | undefined;
  portText: string;
  /** Where the port digits are written; the whole binding's literal when it was assembled. */
  portSpan: Span;
  /** Where the whole binding is written (inside its quotes). */
  span: Span;
}

function literals(resolved: PsResolved | undefined): { value: string; span: Span; contentSpan: Span | undefined }[] {
  if (resolved === undefined) return [];
  if (resolved.kind === 'string') return [{ value: resolved.value, span: resolved.span, contentSpan: resolved.contentSpan }];
  if (resolved.kind === 'array') return resolved.items.flatMap((item) => literals(item));
  return [];
}

/** Where the port sits in `0.0.0.0:587`, `[::]:993`, `host:993:SSL`. */
export function portPosition(binding: string): { start: number; end: number } | undefined {
  let portStart: number;
  if (binding.startsWith('[')) {
    const close = binding.indexOf(']');
    if (close < 0 || binding[close + 1] !== ':') return undefined;
    portStart = close + 2;
  } else {
    const colon = binding.indexOf(':');
    if (colon < 0) return undefined;
    portStart = colon + 1;
  }
  const next = binding.indexOf(':', portStart);
  return { start: portStart, end: next < 0 ? binding.length : next };
}

/** Each binding of a `-Bindings`-like parameter (array items and comma lists alike). */
export function writtenBindings(text: string, value: PsArgumentValue | undefined): WrittenBinding[] {
  const result: WrittenBinding[] = [];
  for (const literal of literals(value?.resolved)) {
    const verbatim = literal.contentSpan !== undefined && text.slice(literal.contentSpan.start, literal.contentSpan.end) === literal.value;
    let offset = 0;
    for (const piece of literal.value.split(',')) {
      const lead = piece.length - piece.trimStart().length;
      const binding = piece.trim();
      const at = literal.contentSpan !== undefined && verbatim ? literal.contentSpan.start + offset + lead : undefined;
      const span = at === undefined ? literal.span : { start: at, end: at + binding.length };
      const position = portPosition(binding);
      offset += piece.length + 1;
      if (position === undefined || binding === '') continue;
      const portText = binding.slice(position.start, position.end);
      const port = /^\d{1,10}$/.test(portText) ? Number(portText) : undefined;
      const portSpan = at === undefined ? literal.span : { start: at + position.start, end: at + position.end };
      result.push({ binding, port, portText, portSpan, span });
    }
  }
  return result;
}

export function isBindingParameter(name: string): boolean {
  return endsWithIgnoringCase(name, 'bindings');
}

/** Numbers a port parameter holds, each where it is written. */
function portNumbers(resolved: PsResolved | undefined): { value: number; span: Span }[] {
  if (resolved === undefined) return [];
  if (resolved.kind === 'number') return Number.isInteger(resolved.value) ? [{ value: resolved.value, span: resolved.span }] : [];
  if (resolved.kind === 'string') return /^\s*\d{1,10}\s*$/.test(resolved.value) ? [{ value: Number(resolved.value), span: resolved.contentSpan ?? resolved.span }] : [];
  if (resolved.kind === 'array') return resolved.items.flatMap((item) => portNumbers(item));
  return [];
}

/** Commands whose port parameters the firewall reader checks itself. */
const FIREWALL_CMDLETS = new Set(['new-netfirewallrule', 'set-netfirewallrule']);

/** `-Port 70000`, `-Bindings 0.0.0.0:0`: a port parameter outside 1–65535. */
export function invalidPortProblems(text: string, view: PsCommandView): ParseProblem[] {
  if (FIREWALL_CMDLETS.has(view.name)) return [];
  const problems: ParseProblem[] = [];
  for (const parameter of view.parameters) {
    if (isPortValueName(parameter.name)) {
      for (const number of portNumbers(parameter.value?.resolved)) {
        if (number.value >= 1 && number.value <= MAX_PORT) continue;
        problems.push({ ...number.span, code: INVALID_PORT, message: `-${parameter.name} ${number.value} is not a port: use a whole number from 1 to 65535.` });
      }
    } else if (isBindingParameter(parameter.name)) {
      for (const binding of writtenBindings(text, parameter.value)) {
        if (binding.port !== undefined && binding.port >= 1 && binding.port <= MAX_PORT) continue;
        problems.push({ ...binding.portSpan, code: INVALID_PORT, message: `The binding ${binding.binding} has no valid port: write address:port with a port from 1 to 65535.` });
      }
    }
  }
  return problems;
}
