// A cmd.exe batch script parser, line by line as cmd itself reads the file:
// join `^` continuations, expand `%VAR%` from earlier `set` lines, split commands at
// `&`, `|`, `&&`, `||` and block parentheses, then words by whitespace and quotes.
// It reads enough to find `reg` and `netsh` lines and comments, not to run the script.
import type { Comment, ParseProblem, Span } from '../common/model';
import type { NativeArg } from './nativeArg';

export interface CmdCommand {
  /** Lower-cased program name without folder or extension: `reg`, `netsh`, `set`. */
  name: string;
  nameSpan: Span;
  args: NativeArg[];
  span: Span;
}

export interface CmdVariable {
  /** As written in `set NAME=value`. */
  name: string;
  value: string;
  span: Span;
  /** Where the value is written, when it is written verbatim. */
  valueSpan: Span | undefined;
}

export interface CmdScript {
  commands: CmdCommand[];
  comments: Comment[];
  variables: CmdVariable[];
  problems: ParseProblem[];
}

/**
 * A line after continuations and expansion, with the source range each character came from. Most
 * lines are one stretch of the source, unexpanded: their ranges are computed, not stored.
 */
class LogicalLine {
  constructor(
    readonly chars: string,
    /** Where `chars` starts in the source, when it is one unexpanded stretch of it. */
    private readonly base: number,
    private readonly starts?: Int32Array,
    private readonly ends?: Int32Array,
  ) {}

  startOf(index: number): number {
    return this.starts === undefined ? this.base + index : this.starts[index];
  }

  endOf(index: number): number {
    return this.ends === undefined ? this.base + index + 1 : this.ends[index];
  }
}

/** Builds a logical line from stretches of the source and single characters mapped to source ranges. */
class LineBuilder {
  /** The line's text, in pieces joined when asked: appending a character at a time would nest strings deeply. */
  private readonly pieces: string[] = [];
  /** The stretches of the source the line is made of, as long as it is made of nothing else. */
  private stretches: [number, number][] | undefined = [];
  private starts: number[] = [];
  private ends: number[] = [];

  constructor(private readonly source: string) {}

  get chars(): string {
    const text = this.pieces.join('');
    this.pieces.length = 0;
    if (text !== '') this.pieces.push(text);
    return text;
  }

  /** Source text [start, end). */
  stretch(start: number, end: number): void {
    if (end <= start) return;
    this.pieces.push(this.source.slice(start, end));
    if (this.stretches !== undefined) this.stretches.push([start, end]);
    else this.map(start, end);
  }

  /** One character standing for the source range [start, end). */
  char(c: string, start: number, end: number): void {
    this.mapEach();
    this.pieces.push(c);
    this.starts.push(start);
    this.ends.push(end);
  }

  dropLast(): void {
    const text = this.chars.slice(0, -1);
    this.pieces.length = 0;
    this.pieces.push(text);
    const last = this.stretches?.[this.stretches.length - 1];
    if (this.stretches === undefined) {
      this.starts.pop();
      this.ends.pop();
    } else if (last !== undefined && --last[1] <= last[0]) this.stretches.pop();
  }

  build(): LogicalLine {
    if (this.stretches !== undefined && this.stretches.length <= 1) return new LogicalLine(this.chars, this.stretches[0]?.[0] ?? 0);
    this.mapEach();
    return new LogicalLine(this.chars, 0, new Int32Array(this.starts), new Int32Array(this.ends));
  }

  /** From stretches to a range per character, once the line is more than one stretch. */
  private mapEach(): void {
    if (this.stretches === undefined) return;
    for (const [start, end] of this.stretches) this.map(start, end);
    this.stretches = undefined;
  }

  private map(start: number, end: number): void {
    for (let i = start; i < end; i++) {
      this.starts.push(i);
      this.ends.push(i + 1);
    }
  }
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

/**
 * The logical lines of a script: physical lines joined where one ends in an unescaped `^` outside
 * quotes (the caret removed). The `\r` of a CRLF is no character of the line.
 */
function readLogicalLines(text: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  /** The logical line being joined from several physical ones, if any. */
  let joined: LineBuilder | undefined;
  let inQuote = false;
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : -1;
    if (c === 34 /* " */) inQuote = !inQuote;
    if (c !== -1 && c !== 10 && c !== 13) continue;
    const end = i;
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    const continues = c !== -1 && !inQuote && text.charCodeAt(end - 1) === 94 /* ^ */ && end > lineStart;
    if (joined === undefined && !continues) {
      lines.push(new LogicalLine(text.slice(lineStart, end), lineStart));
    } else {
      joined ??= new LineBuilder(text);
      joined.stretch(lineStart, end);
      if (!continues || escapedCaret(joined.chars)) {
        lines.push(joined.build());
        joined = undefined;
      } else {
        joined.dropLast();
        lineStart = i + 1;
        continue;
      }
    }
    lineStart = i + 1;
    if (c === -1) break;
    inQuote = false;
  }
  return lines;
}

/** True when the line's final `^` is itself escaped by an odd run of carets before it. */
function escapedCaret(chars: string): boolean {
  let run = 0;
  for (let i = chars.length - 1; i >= 0 && chars[i] === '^'; i--) run++;
  return run % 2 === 0;
}

function isVariableNameChar(c: string): boolean {
  return c !== '%' && c !== '\n' && c !== '\r' && c !== ' ' && c !== ':';
}

/**
 * cmd.exe's limit on a command line: a line whose expansion would go past it is left as written
 * (cmd.exe refuses to run it). Without one, `set A=%A%%A%` repeated doubles the line each time.
 */
const MAX_EXPANDED_LINE = 8191;

/** `%NAME%` → the value set earlier; `%%` → `%`; unknown names, `%1`, `%~dp0` stay as written. */
function expandPercents(text: string, line: LogicalLine, variables: Map<string, string>): LogicalLine {
  const { chars } = line;
  if (!chars.includes('%')) return line;
  const out = new LineBuilder(text);
  let added = 0;
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] !== '%') {
      out.char(chars[i], line.startOf(i), line.endOf(i));
      continue;
    }
    if (chars[i + 1] === '%') {
      out.char('%', line.startOf(i), line.endOf(i + 1));
      i++;
      continue;
    }
    let j = i + 1;
    while (j < chars.length && j - i <= 64 && isVariableNameChar(chars[j])) j++;
    const value = chars[j] === '%' && j > i + 1 ? variables.get(chars.slice(i + 1, j).toUpperCase()) : undefined;
    if (value !== undefined && chars.length + added + value.length > MAX_EXPANDED_LINE) return line;
    if (value === undefined) {
      out.char('%', line.startOf(i), line.endOf(i));
      continue;
    }
    for (let k = 0; k < value.length; k++) out.char(value[k], line.startOf(i), line.endOf(j));
    added += value.length;
    i = j;
  }
  return out.build();
}

interface Word {
  value: string;
  /** Indices into the logical line, [first, last]. */
  first: number;
  last: number;
}

const COMPARISONS = new Set(['equ', 'neq', 'lss', 'leq', 'gtr', 'geq']);

class CmdParser {
  readonly script: CmdScript = { commands: [], comments: [], variables: [], problems: [] };
  private readonly variables = new Map<string, string>();
  private readonly openBlocks: number[] = [];
  private line = new LogicalLine('', 0);
  private pos = 0;

  constructor(private readonly text: string) {}

  parse(): CmdScript {
    for (const raw of readLogicalLines(this.text)) {
      this.line = expandPercents(this.text, raw, this.variables);
      this.pos = 0;
      this.parseLine();
    }
    for (const open of this.openBlocks) {
      this.script.problems.push({ start: open, end: open + 1, code: 'cmd-syntax', message: "This '(' block is never closed with ')'." });
    }
    return this.script;
  }

  private char(offset = 0): string | undefined {
    return this.line.chars[this.pos + offset];
  }

  private skipSpaces(): void {
    while (isSpace(this.char())) this.pos++;
  }

  private spanOf(first: number, last: number): Span {
    return { start: this.line.startOf(first), end: this.line.endOf(last) };
  }

  private restAsComment(markerLength: number): void {
    const first = this.pos;
    const last = this.line.chars.length - 1;
    let textStart = first + markerLength;
    if (isSpace(this.line.chars[textStart]) || this.line.chars[textStart] === '.') textStart++;
    this.script.comments.push({ span: this.spanOf(first, last), text: this.line.chars.slice(textStart) });
    this.pos = this.line.chars.length;
  }

  private parseLine(): void {
    let atLineStart = true;
    while (this.pos < this.line.chars.length) {
      this.skipSpaces();
      const c = this.char();
      if (c === undefined) return;
      if (c === '@') {
        this.pos++;
        continue;
      }
      if (c === ':' && atLineStart) {
        if (this.char(1) === ':') this.restAsComment(2);
        else this.pos = this.line.chars.length;
        return;
      }
      atLineStart = false;
      if (c === '(') {
        this.openBlocks.push(this.line.startOf(this.pos));
        this.pos++;
        continue;
      }
      if (c === ')' && this.openBlocks.length > 0) {
        this.openBlocks.pop();
        this.pos++;
        continue;
      }
      if (c === '&' || c === '|') {
        this.pos++;
        continue;
      }
      const keyword = this.peekKeyword();
      if (keyword === 'rem') {
        this.restAsComment(3);
        return;
      }
      if (keyword === 'if') this.skipIfCondition();
      else if (keyword === 'else') this.pos += 4;
      else if (keyword === 'for') this.skipForHead();
      else this.parseCommand();
    }
  }

  /** The next word lower-cased when it is a keyword cmd treats specially here. */
  private peekKeyword(): string | undefined {
    for (const keyword of ['rem', 'if', 'else', 'for']) {
      const word = this.line.chars.slice(this.pos, this.pos + keyword.length).toLowerCase();
      const after = this.char(keyword.length);
      const ends = after === undefined || isSpace(after) || after === '(' || (keyword === 'rem' && (after === '.' || after === ':'));
      if (word === keyword && ends) return keyword;
    }
    return undefined;
  }

  private readWord(): Word | undefined {
    this.skipSpaces();
    const { chars } = this.line;
    const first = this.pos;
    // The value is taken in runs between quotes and carets, not character by character: a string
    // built one character at a time is flattened again at every comparison.
    let value = '';
    let run = this.pos;
    let inQuote = false;
    const depth = this.openBlocks.length;
    while (this.pos < chars.length) {
      const c = chars[this.pos];
      if (c === '"') {
        value += chars.slice(run, this.pos);
        inQuote = !inQuote;
        run = ++this.pos;
        continue;
      }
      if (!inQuote) {
        if (isSpace(c) || c === '&' || c === '|' || c === '<' || c === '>' || (c === ')' && depth > 0)) break;
        if (c === '^' && this.pos + 1 < chars.length) {
          value += chars.slice(run, this.pos) + chars[this.pos + 1];
          this.pos += 2;
          run = this.pos;
          continue;
        }
      }
      this.pos++;
    }
    value += chars.slice(run, this.pos);
    return this.pos === first ? undefined : { value, first, last: this.pos - 1 };
  }

  private skipIfCondition(): void {
    this.pos += 2;
    let word = this.readWord();
    if (word?.value.toLowerCase() === '/i') word = this.readWord();
    if (word?.value.toLowerCase() === 'not') word = this.readWord();
    const test = word?.value.toLowerCase();
    if (test === 'exist' || test === 'defined' || test === 'errorlevel' || test === 'cmdextversion') {
      this.readWord();
      return;
    }
    if (word === undefined || (word.value.includes('==') && !word.value.endsWith('=='))) return;
    if (word.value.endsWith('==')) {
      this.readWord();
      return;
    }
    const operator = this.readWord();
    if (operator === undefined) return;
    if (operator.value === '==' || COMPARISONS.has(operator.value.toLowerCase())) this.readWord();
  }

  /** Skips `for ... in (...) do`, leaving the position at the command after `do`. */
  private skipForHead(): void {
    this.pos += 3;
    let parens = 0;
    let inQuote = false;
    while (this.pos < this.line.chars.length) {
      const c = this.line.chars[this.pos];
      if (c === '"') inQuote = !inQuote;
      else if (!inQuote && c === '(') parens++;
      else if (!inQuote && c === ')') parens--;
      else if (!inQuote && parens <= 0 && isSpace(this.char(-1)) && this.line.chars.slice(this.pos, this.pos + 2).toLowerCase() === 'do') {
        const after = this.char(2);
        if (after === undefined || isSpace(after) || after === '(') {
          this.pos += 2;
          return;
        }
      }
      this.pos++;
    }
  }

  private skipRedirection(): boolean {
    const c = this.char();
    const numbered = c !== undefined && c >= '0' && c <= '9' && (this.char(1) === '>' || this.char(1) === '<');
    if (c !== '>' && c !== '<' && !numbered) return false;
    if (numbered) this.pos++;
    while (this.char() === '>' || this.char() === '<') this.pos++;
    if (this.char() === '&' && this.char(1) !== undefined && /[0-9]/.test(this.char(1) as string)) {
      this.pos += 2;
      return true;
    }
    this.readWord();
    return true;
  }

  private nativeArg(word: Word): NativeArg {
    const span = this.spanOf(word.first, word.last);
    const raw = this.text.slice(span.start, span.end);
    const quoted = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"');
    const contentSpan = quoted ? { start: span.start + 1, end: span.end - 1 } : span;
    const verbatim = this.text.slice(contentSpan.start, contentSpan.end) === word.value;
    return { value: word.value, span, literal: verbatim ? { span, contentSpan } : undefined };
  }

  private parseCommand(): void {
    const commandStart = this.pos;
    const words: Word[] = [];
    while (this.pos < this.line.chars.length) {
      this.skipSpaces();
      if (this.skipRedirection()) continue;
      const word = this.readWord();
      if (word === undefined) break;
      words.push(word);
    }
    if (words.length === 0) {
      if (this.pos === commandStart) this.pos++;
      return;
    }
    const [nameWord, ...argWords] = words;
    const command: CmdCommand = {
      name: programName(nameWord.value),
      nameSpan: this.spanOf(nameWord.first, nameWord.last),
      args: argWords.map((word) => this.nativeArg(word)),
      span: this.spanOf(nameWord.first, words[words.length - 1].last),
    };
    this.script.commands.push(command);
    if (command.name === 'set') this.recordSet(nameWord.last + 1, this.pos);
  }

  /** `set NAME=value` / `set "NAME=value"`: remember it for `%NAME%` on later lines. */
  private recordSet(from: number, to: number): void {
    let first = from;
    while (first < to && isSpace(this.line.chars[first])) first++;
    let raw = this.line.chars.slice(first, to);
    if (raw.startsWith('/')) {
      // `set /p NAME=prompt` reads NAME from the user: its value is unknown from here on.
      const equals = raw.indexOf('=');
      if (raw.slice(0, 2).toLowerCase() === '/p' && equals > 0) this.variables.delete(raw.slice(2, equals).trim().toUpperCase());
      return;
    }
    let offset = first;
    if (raw.startsWith('"')) {
      const close = raw.lastIndexOf('"');
      raw = close > 0 ? raw.slice(1, close) : raw.slice(1);
      offset++;
    } else {
      raw = raw.replace(/\^(.)/g, '$1');
    }
    const equals = raw.indexOf('=');
    if (equals <= 0) return;
    const name = raw.slice(0, equals);
    const value = raw.slice(equals + 1);
    this.variables.set(name.toUpperCase(), value);
    const valueFirst = offset + equals + 1;
    const valueLast = valueFirst + value.length - 1;
    const valueSpan = value.length > 0 && valueLast < to ? this.spanOf(valueFirst, valueLast) : undefined;
    const verbatim = valueSpan !== undefined && this.text.slice(valueSpan.start, valueSpan.end) === value;
    this.script.variables.push({ name, value, span: this.spanOf(first, Math.max(first, to - 1)), valueSpan: verbatim ? valueSpan : undefined });
  }
}

/** `C:\Windows\System32\REG.EXE` → `reg`. */
export function programName(written: string): string {
  const base = written.slice(Math.max(written.lastIndexOf('\\'), written.lastIndexOf('/')) + 1).toLowerCase();
  return base.replace(/\.(exe|com|bat|cmd)$/, '');
}

export function parseCmd(text: string): CmdScript {
  return new CmdParser(text).parse();
}
