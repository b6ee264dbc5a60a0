// iptables-save / iptables-restore text → IptablesFile. Never throws: a line it cannot
// read becomes an `invalid` node plus a problem, and the next line is read normally.
import type { ParseProblem, Span } from '../common/model';
import { FIREWALL_SYNTAX } from '../common/firewall';
import type {
  IptablesCommand,
  IptablesFile,
  IptablesLine,
  IptablesOption,
  IptablesToken,
} from './ast';

export interface IptablesParseResult {
  file: IptablesFile;
  problems: ParseProblem[];
}

/** Options that take no argument, so a `!` after them negates the next option instead. */
const FLAG_OPTIONS = new Set([
  '--syn',
  '-f',
  '--fragment',
  '--log-uid',
  '--log-tcp-sequence',
  '--log-tcp-options',
  '--log-ip-options',
  '--log-macdecode',
  '--set',
  '--rcheck',
  '--update',
  '--remove',
  '--rsource',
  '--rdest',
  '--reap',
  '--clamp-mss-to-pmtu',
  '--random',
  '--random-fully',
  '--persistent',
  '--physdev-is-in',
  '--physdev-is-out',
  '--physdev-is-bridged',
  '--rttl',
  '--ecn-tcp-cwr',
  '--ecn-tcp-ece',
  '-4',
  '-6',
  '--ipv4',
  '--ipv6',
]);

/** The programs a shell-script line may start with. */
const PROGRAMS = /^(?:.*\/)?(ip6?tables(?:-legacy|-nft)?)$/;

/** A command line as read: its command and options, which the tree does not keep. */
export interface ReadCommand {
  command: IptablesOption;
  options: IptablesOption[];
}

/**
 * `onLine` sees every line as it is read, with a command line's words: a reader that builds from
 * them at once (the model) never reads a line twice.
 */
export function parseIptables(text: string, onLine?: (line: IptablesLine, read: ReadCommand | undefined) => void): IptablesParseResult {
  const problems: ParseProblem[] = [];
  const lines: IptablesLine[] = [];
  let read: ReadCommand | undefined;
  const keepRead = (command: ReadCommand) => {
    read = command;
  };
  const readLine = (start: number, end: number) => {
    read = undefined;
    const line = parseLine(text, start, end, problems, keepRead);
    if (!line) return;
    lines.push(line);
    onLine?.(line, read);
  };
  // Physical lines, joined where one ends with a backslash (shell continuation).
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    if (c !== 10 && c !== 13) continue;
    const lineEnd = i;
    if (i < text.length && c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (lineEnd > start && text.charCodeAt(lineEnd - 1) === 92 /* \ */ && i < text.length) continue;
    readLine(start, lineEnd);
    start = i + 1;
  }
  return { file: { lines }, problems };
}

/**
 * A command line's command (with its arguments: chain, position, policy) and the options after
 * it, in order, `-t` excluded: read again from the line's text (its problems were reported when
 * the file was parsed).
 */
export function readCommand(text: string, line: IptablesCommand): { command: IptablesOption | undefined; options: IptablesOption[] } {
  const ignored: ParseProblem[] = [];
  return splitCommand(readOptions(commandWords(tokenize(text, line.span, ignored)).rest, ignored));
}

function parseLine(text: string, lineStart: number, lineEnd: number, problems: ParseProblem[], onCommand: (read: ReadCommand) => void): IptablesLine | undefined {
  let start = lineStart;
  while (start < lineEnd && isBlank(text.charCodeAt(start))) start++;
  let end = lineEnd;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  if (start === end) return undefined;
  const span = { start, end };
  const first = text[start];
  if (first === '#') return { kind: 'comment', span, text: text.slice(start + 1, end) };

  const tokens = tokenize(text, span, problems);
  if (tokens.length === 0) return undefined;
  const head = tokens[0];
  if (first === '*' && !head.quoted) {
    const name = head.text.slice(1);
    if (name === '' || tokens.length > 1) return invalid(span, problems, 'A table header is `*` and a table name, such as *filter.');
    return { kind: 'table', span, name, nameSpan: { start: head.span.start + 1, end: head.span.end } };
  }
  if (first === ':' && !head.quoted) return parseChainDeclaration(span, tokens, problems);
  if (head.text === 'COMMIT' && !head.quoted) {
    if (tokens.length > 1) return invalid(span, problems, 'COMMIT stands alone on its line.');
    return { kind: 'commit', span };
  }
  const { program, rest } = commandWords(tokens);
  if (rest.length > 0 && rest[0].text.startsWith('-') && !rest[0].quoted) {
    return parseCommand(span, rest, program, problems, onCommand);
  }
  return invalid(
    span,
    problems,
    'Expected a table (*filter), a chain (:INPUT DROP [0:0]), a rule (-A INPUT ...), COMMIT or a # comment.',
  );
}

function parseChainDeclaration(span: Span, tokens: IptablesToken[], problems: ParseProblem[]): IptablesLine {
  const head = tokens[0];
  const name = head.text.slice(1);
  const policy = tokens[1];
  const counters = tokens[2];
  if (name === '' || !policy || tokens.length > 3 || (counters && !/^\[\d+:\d+\]$/.test(counters.text))) {
    return invalid(span, problems, 'A chain line is `:NAME POLICY [packets:bytes]`, such as :INPUT DROP [0:0].');
  }
  return {
    kind: 'chain',
    span,
    name,
    nameSpan: { start: head.span.start + 1, end: head.span.end },
    policy: policy.text,
    policySpan: policy.span,
  };
}

/** The words of a command line after its packet counters and program name. */
function commandWords(tokens: IptablesToken[]): { program: string | undefined; rest: IptablesToken[] } {
  let rest = tokens;
  // iptables-save -c writes `[packets:bytes]` before each rule.
  if (rest.length > 0 && /^\[\d+:\d+\]$/.test(rest[0].text)) rest = rest.slice(1);
  const programMatch = rest.length > 0 && !rest[0].quoted ? PROGRAMS.exec(rest[0].text) : null;
  return programMatch ? { program: programMatch[1], rest: rest.slice(1) } : { program: undefined, rest };
}

/** The table (`-t`), the command (the first of COMMANDS) and the other options, in order. */
function splitCommand(all: IptablesOption[]): { table: string | undefined; command: IptablesOption | undefined; options: IptablesOption[] } {
  let table: string | undefined;
  let command: IptablesOption | undefined;
  const options: IptablesOption[] = [];
  for (const option of all) {
    if ((option.name === '-t' || option.name === '--table') && option.args.length > 0) table = option.args[0].text;
    else if (!command && COMMANDS.has(option.name)) command = option;
    else options.push(option);
  }
  return { table, command, options };
}

function parseCommand(
  span: Span,
  tokens: IptablesToken[],
  program: string | undefined,
  problems: ParseProblem[],
  onCommand: (read: ReadCommand) => void,
): IptablesLine {
  const { table, command, options } = splitCommand(readOptions(tokens, problems));
  if (!command) {
    return invalid(span, problems, 'A rule line starts with a command such as -A CHAIN.');
  }
  if (command.args.length === 0) {
    problems.push({ code: FIREWALL_SYNTAX, message: `${command.name} needs a chain name.`, ...command.span });
  }
  onCommand({ command, options });
  return { kind: 'command', span, name: command.name, table, program };
}

const COMMANDS = new Set([
  '-A',
  '--append',
  '-I',
  '--insert',
  '-N',
  '--new-chain',
  '--new',
  '-P',
  '--policy',
  '-D',
  '--delete',
  '-R',
  '--replace',
  '-F',
  '--flush',
  '-X',
  '--delete-chain',
  '-Z',
  '--zero',
  '-E',
  '--rename-chain',
]);

/** Options that take exactly one argument: a second word after them is a mistake. */
const SINGLE_ARGUMENT = new Set([
  '-p',
  '--protocol',
  '-s',
  '--source',
  '--src',
  '-d',
  '--destination',
  '--dst',
  '-i',
  '--in-interface',
  '-o',
  '--out-interface',
  '-j',
  '--jump',
  '-g',
  '--goto',
  '-m',
  '--match',
  '--dport',
  '--destination-port',
  '--sport',
  '--source-port',
  '--dports',
  '--destination-ports',
  '--sports',
  '--source-ports',
  '--ports',
  '--state',
  '--ctstate',
  '--comment',
  '-t',
  '--table',
]);

function readOptions(tokens: IptablesToken[], problems: ParseProblem[]): IptablesOption[] {
  const options: IptablesOption[] = [];
  let pendingNegation: Span | undefined;
  let current: IptablesOption | undefined;
  for (const token of tokens) {
    if (token.text === '!' && !token.quoted) {
      // Old form `-s ! 10.0.0.0/8`: the `!` right after an option that takes a value.
      if (current && current.args.length === 0 && !current.negated && !FLAG_OPTIONS.has(current.name)) {
        current.negated = true;
        current.span.end = token.span.end;
      } else {
        pendingNegation = token.span;
        current = undefined;
      }
      continue;
    }
    if (isOptionName(token)) {
      current = {
        name: token.text,
        nameSpan: token.span,
        negated: pendingNegation !== undefined,
        args: [],
        span: { start: pendingNegation?.start ?? token.span.start, end: token.span.end },
      };
      pendingNegation = undefined;
      options.push(current);
      if (FLAG_OPTIONS.has(token.text)) current = undefined;
      continue;
    }
    if (!current || (SINGLE_ARGUMENT.has(current.name) && current.args.length >= 1)) {
      const after = current ? ` after ${current.name} ${current.args[0].text}` : '';
      problems.push({ code: FIREWALL_SYNTAX, message: `Unexpected '${token.text}'${after}.`, ...token.span });
      continue;
    }
    // Most options take one word: arrays of the exact size, not a growable one per option.
    current.args = current.args.length === 0 ? [token] : [...current.args, token];
    current.span.end = token.span.end;
  }
  if (pendingNegation) {
    problems.push({ code: FIREWALL_SYNTAX, message: '`!` must come before an option.', ...pendingNegation });
  }
  for (const option of options) {
    if (option.args.length === 0 && SINGLE_ARGUMENT.has(option.name)) {
      problems.push({ code: FIREWALL_SYNTAX, message: `${option.name} needs a value.`, ...option.span });
    }
  }
  return options;
}

function isOptionName(token: IptablesToken): boolean {
  return !token.quoted && token.text.length > 1 && token.text.startsWith('-') && !/^-\d/.test(token.text);
}

function tokenize(text: string, span: Span, problems: ParseProblem[]): IptablesToken[] {
  const tokens: IptablesToken[] = [];
  let i = span.start;
  while (i < span.end) {
    const c = text.charCodeAt(i);
    if (isBlank(c) || c === 10 || c === 13 || (c === 92 && isLineBreakAt(text, i + 1))) {
      i++;
      continue;
    }
    // A `#` starting a word ends the line's content (a comment after a shell command).
    if (c === 35 && tokens.length > 0) break;
    const start = i;
    // Unquoted runs are sliced, not built a character at a time: most words have no quotes.
    let value = '';
    let quoted = false;
    let run = i;
    while (i < span.end) {
      const code = text.charCodeAt(i);
      if (code === 34 /* " */ || code === 39 /* ' */) {
        quoted = true;
        value += text.slice(run, i);
        const close = readQuoted(text, i, span.end);
        value += close.value;
        if (!close.closed) {
          problems.push({ code: FIREWALL_SYNTAX, message: 'This quote is never closed.', start: i, end: span.end });
        }
        i = close.end;
        run = i;
        continue;
      }
      if (isBlank(code) || code === 10 || code === 13) break;
      i++;
    }
    value = quoted ? value + text.slice(run, i) : text.slice(start, i);
    tokens.push({ text: value, span: { start, end: i }, quoted });
  }
  return tokens;
}

function readQuoted(text: string, open: number, end: number): { value: string; end: number; closed: boolean } {
  const quote = text.charCodeAt(open);
  let value = '';
  let i = open + 1;
  let run = i;
  while (i < end) {
    const code = text.charCodeAt(i);
    if (code === quote) return { value: value + text.slice(run, i), end: i + 1, closed: true };
    if (code === 92 /* \ */ && quote === 34 && i + 1 < end) {
      value += text.slice(run, i) + text[i + 1];
      i += 2;
      run = i;
      continue;
    }
    i++;
  }
  return { value: value + text.slice(run, end), end, closed: false };
}

function invalid(span: Span, problems: ParseProblem[], message: string): IptablesLine {
  problems.push({ code: FIREWALL_SYNTAX, message, ...span });
  return { kind: 'invalid', span };
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

function isLineBreakAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 10 || c === 13;
}
