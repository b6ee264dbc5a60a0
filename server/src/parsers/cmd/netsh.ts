// netsh command lines: the context words (`advfirewall firewall add rule`) and the
// `key=value` arguments with their spans, for cmd and PowerShell alike.
import type { PortMention, Span } from '../common/model';
import type { NativeArg } from './nativeArg';
import { portMentionsInList } from './portList';

export interface NetshWord {
  /** Lower-cased. */
  text: string;
  span: Span;
}

export interface NetshArg {
  /** Lower-cased key (`localport`). */
  key: string;
  keySpan: Span;
  /** The value as netsh receives it, quotes removed. */
  value: string;
  /** Where the value is written, inside its quotes. */
  valueSpan: Span;
  span: Span;
}

export interface NetshCommand {
  span: Span;
  /** Words before and between the arguments: `advfirewall`, `firewall`, `add`, `rule`. */
  words: NetshWord[];
  args: NetshArg[];
}

function isQuote(c: string | undefined): boolean {
  return c === '"' || c === "'";
}

/** `args` are the arguments after `netsh`; `text` is the document, to find the `=` as written. */
export function parseNetsh(args: readonly NativeArg[], span: Span, text: string): NetshCommand {
  const command: NetshCommand = { span, words: [], args: [] };
  for (const arg of args) {
    const equals = arg.value.indexOf('=');
    if (equals <= 0) {
      command.words.push({ text: arg.value.toLowerCase(), span: arg.span });
      continue;
    }
    const raw = text.slice(arg.span.start, arg.span.end);
    const rawEquals = raw.indexOf('=');
    const key = arg.value.slice(0, equals).toLowerCase();
    const value = arg.value.slice(equals + 1);
    let valueStart = rawEquals < 0 ? arg.span.end : arg.span.start + rawEquals + 1;
    let valueEnd = arg.span.end;
    if (valueEnd - valueStart >= 2 && isQuote(text[valueStart]) && text[valueEnd - 1] === text[valueStart]) {
      valueStart++;
      valueEnd--;
    }
    const keyEnd = rawEquals < 0 ? arg.span.start : arg.span.start + rawEquals;
    command.args.push({
      key,
      keySpan: { start: arg.span.start, end: keyEnd },
      value,
      valueSpan: { start: valueStart, end: valueEnd },
      span: arg.span,
    });
  }
  return command;
}

const PORT_KEYS = new Set(['localport', 'remoteport', 'port', 'listenport', 'connectport']);

/** The argument named `key`, if the command has it. */
export function netshArg(command: NetshCommand, key: string): NetshArg | undefined {
  return command.args.find((arg) => arg.key === key);
}

/**
 * Ports in `localport=`/`remoteport=`/`port=`/`listenport=`/`connectport=`, `start=` of
 * `set dynamicport`, and the positional port of the legacy `firewall add portopening TCP 135`.
 */
export function netshPortMentions(command: NetshCommand, text: string): PortMention[] {
  const mentions: PortMention[] = [];
  const dynamicPort = command.words.some((word) => word.text === 'dynamicport' || word.text === 'dynamic');
  for (const arg of command.args) {
    if (PORT_KEYS.has(arg.key) || (dynamicPort && arg.key === 'start')) {
      // Ports written as digits, at their place in the text; `%PORT%` or `$port` are found
      // where the variable is set.
      mentions.push(...portMentionsInList(text.slice(arg.valueSpan.start, arg.valueSpan.end), arg.valueSpan.start, arg.valueSpan));
    }
  }
  const portOpening = command.words.findIndex((word) => word.text === 'portopening');
  const positionalPort = portOpening >= 0 ? command.words[portOpening + 2] : undefined;
  if (positionalPort !== undefined) {
    mentions.push(...portMentionsInList(positionalPort.text, positionalPort.span.start, positionalPort.span));
  }
  return mentions;
}
