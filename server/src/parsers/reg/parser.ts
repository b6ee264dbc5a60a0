// Parser for Windows Registry Editor files (.reg): `Windows Registry Editor Version 5.00` and
// `REGEDIT4`. Line based and linear; it never throws: what it cannot read becomes a ParseProblem
// under the `reg-syntax` or `reg-dword-format` rule id, and parsing goes on at the next line.
import type { OffsetEdit, ParseProblem, RegistryDataType, Span } from '../common/model';
import * as textHelpers from '../common/text';
import type { RegFile, RegHeader, RegKey } from './ast';
import * as values from './values';
import type { ValueSource } from './values';

// Bound once. Run through a CommonJS loader (tsx, as the tests and the benchmark run TypeScript),
// every use of an imported name is a getter call: more than the work per character of the loops below.
const { isHexDigit, isSpace, lineAt, skipSpaces, trimEnd } = textHelpers;
const { DataForm, hexValue, RegKeyNode, ValueTable } = values;
type DataForm = values.DataForm;
type RegKeyNode = values.RegKeyNode;

export const REG_SYNTAX = 'reg-syntax';
export const REG_DWORD_FORMAT = 'reg-dword-format';

const HEADER_V5 = 'Windows Registry Editor Version 5.00';

// Two runs read by the regular-expression engine rather than character by character in
// JavaScript, which takes twice as long: they make up most of an export. Sticky, without
// alternatives: each stops at the first character it does not take, never backtracking over a line.
/** Well-formed hex bytes: `hh,` over and over, and on after a `\\` that ends the line. */
const HEX_RUN = /(?:[0-9A-Fa-f]{2},)*(?:\\(?:\r\n|\n|\r)[ \t]*(?:[0-9A-Fa-f]{2},)*)*/y;
/** Inside a quoted string: everything but the quote, the backslash and a line break. */
const PLAIN_STRING = /[^"\\\r\n]*/y;
const HEADER_V4 = 'REGEDIT4';

const HEX_TYPES: Record<number, RegistryDataType> = {
  0: 'REG_NONE',
  1: 'REG_SZ',
  2: 'REG_EXPAND_SZ',
  3: 'REG_BINARY',
  4: 'REG_DWORD',
  7: 'REG_MULTI_SZ',
  11: 'REG_QWORD',
};

export interface RegParseResult {
  tree: RegFile;
  problems: ParseProblem[];
  /** `;` comments: span of the whole comment, text after the `;`. */
  comments: { span: Span; text: string }[];
}

export function parseReg(text: string): RegParseResult {
  return new RegParser(text).parse();
}

/**
 * The source every value of a parsed file reads from, so that a re-parse can move it to the new
 * text. Kept on the tree, not in a WeakMap: V8's young-generation collections keep a WeakMap's
 * values alive, and with them every parse, until a full collection.
 */
const SOURCE = Symbol('source');

interface SourcedRegFile extends RegFile {
  [SOURCE]?: ValueSource;
}

function withSource(tree: RegFile, source: ValueSource): RegFile {
  const sourced: SourcedRegFile = { header: tree.header, keys: tree.keys, [SOURCE]: source };
  return sourced;
}

/** What the keys and values of a parsed file read: its text and its table of values. */
export function sourceOf(tree: RegFile): ValueSource | undefined {
  return (tree as SourcedRegFile)[SOURCE];
}

/** One edit: [start, oldEnd) of the old text became [start, newEnd) of the new one. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/**
 * The parse of `text` made from the parse of the text before `change`: the keys from the last one
 * above the change down to the first unchanged key line below it are read again; the keys above
 * are kept and the keys below are moved. Same result as parseReg(text), in time proportional to
 * the keys touched (plus a pass over the key list). The previous result is consumed: its keys are
 * moved and its values read the new text. Undefined when the change is not below a key line
 * (the header and what precedes the first key are read again only by a full parse).
 */
export function reparseReg(previous: RegParseResult, text: string, change: TextChange): RegReparse | undefined {
  const source = sourceOf(previous.tree);
  const keys = previous.tree.keys as RegKeyNode[];
  const first = lastKeyBefore(keys, change.start);
  const firstLf = text.indexOf('\n');
  // The missing-header problem sits at the first key and its fix reads the file's first line
  // break: both must lie above what is read again.
  if (!source || first < 1 || firstLf < 0 || firstLf >= keys[first].start) return undefined;
  // Re-parses only add rows to the table; a full parse starts a new one, so that a long editing
  // session does not keep unused rows without bound.
  if (source.table.count > 2 * source.table.fullParseRows + UNUSED_ROWS_BEFORE_FULL_PARSE) return undefined;
  const delta = change.newEnd - change.oldEnd;
  const from = keys[first].start;
  // Below the change, a key line that the old parse also began a key at ends the window.
  const isOldKeyStart = (offset: number) => {
    if (offset < change.newEnd) return false;
    const index = lastKeyBefore(keys, offset - delta + 1);
    return index >= 0 && keys[index].start === offset - delta;
  };
  // From the start of the key's line, so that the key keeps its indentation.
  const parser = new RegParser(text, source, previous.tree.header, { start: keys[first].lineStart, line: keys[first].line }, isOldKeyStart);
  const window = parser.parse();
  const resume = parser.stoppedAt;
  // A window read to the end of the text keeps nothing of the old parse below it, not even what sat
  // at the old end (a value without data there would otherwise be reported twice).
  const oldResume = resume < text.length ? resume - delta : Number.POSITIVE_INFINITY;
  const next = resume < text.length ? lastKeyBefore(keys, oldResume + 1) : keys.length;
  if (next < keys.length) {
    const lineDelta = parser.stoppedLine - keys[next].line;
    for (let index = next; index < keys.length; index++) moveKey(keys[index], delta, lineDelta);
  }
  source.text = text;
  const result: RegReparse = {
    // concat copies the kept runs as blocks; spreading 200,000 keys would step through each.
    tree: withSource({ header: previous.tree.header, keys: keys.slice(0, first).concat(window.tree.keys as RegKeyNode[], keys.slice(next)) }, source),
    problems: [...previous.problems.filter((problem) => problem.start < from), ...window.problems, ...moved(previous.problems, oldResume, delta, moveProblem)],
    comments: [...previous.comments.filter((comment) => comment.span.start < from), ...window.comments, ...moved(previous.comments, oldResume, delta, moveComment)],
    window: { from, oldResume, delta, firstKey: first, nextKey: next, keys: window.tree.keys, comments: window.comments },
  };
  return result;
}

/** A re-parse, and what it read again: everything from `from` up to `oldResume + delta` in the new text. */
export interface RegReparse extends RegParseResult {
  window: {
    from: number;
    oldResume: number;
    delta: number;
    /** The previous keys kept: [0, firstKey) as they were and [nextKey, …) moved by delta. */
    firstKey: number;
    nextKey: number;
    keys: RegKey[];
    comments: RegParseResult['comments'];
  };
}

const UNUSED_ROWS_BEFORE_FULL_PARSE = 1 << 16;

/** The index of the last key whose `[` is before `offset`, or -1. */
export function lastKeyBefore(keys: readonly RegKey[], offset: number): number {
  let low = 0;
  let high = keys.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if (keys[middle].start < offset) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

function moved<T extends Span | { span: Span }>(items: readonly T[], from: number, delta: number, move: (item: T, delta: number) => T): T[] {
  const result: T[] = [];
  for (const item of items) if (('span' in item ? item.span.start : item.start) >= from) result.push(delta === 0 ? item : move(item, delta));
  return result;
}

function moveSpan(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

/** A key's spans are made when asked, from its start: spans handed out earlier keep their meaning. */
function moveKey(key: RegKeyNode, delta: number, lineDelta: number): void {
  key.start += delta;
  key.line += lineDelta;
}

function moveProblem(problem: ParseProblem, delta: number): ParseProblem {
  const fixes = problem.fixes?.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => ({ ...edit, ...moveSpan(edit, delta) })) }));
  return { ...problem, ...moveSpan(problem, delta), ...(fixes ? { fixes } : {}) };
}

function moveComment(comment: { span: Span; text: string }, delta: number): { span: Span; text: string } {
  return { span: moveSpan(comment.span, delta), text: comment.text };
}

class RegParser {
  private readonly problems: ParseProblem[] = [];
  private readonly comments: { span: Span; text: string }[] = [];
  private readonly keys: RegKeyNode[] = [];
  private header: RegHeader | undefined;
  /** Where the next unread line starts; lines are read one at a time, never all kept. */
  private offset = 0;
  private readonly source: ValueSource;
  /**
   * The line being read, as two numbers rather than an object per line: a large export has
   * hundreds of thousands of lines, and every short-lived object is garbage to collect.
   */
  private lineEnd = 0;
  /** The next LF and CR at or after `offset` (text.length when none): each searched for once. */
  private nextLf = -1;
  private nextCr = -1;

  /** 0-based line of the line nextLine returned last. */
  private line = -1;

  /** Where a window parse stopped: the `[` of the first unchanged key line, or the end of the text. */
  stoppedAt: number;
  /** The line of stoppedAt. */
  stoppedLine = -1;
  private readonly window: { start: number; line: number } | undefined;

  constructor(
    private readonly text: string,
    source?: ValueSource,
    header?: RegHeader,
    /** Where a re-parse starts: the start of a key's line, and that line. */
    window?: { start: number; line: number },
    private readonly stopAt: (keyStart: number) => boolean = () => false,
  ) {
    // Room for a value every 64 characters, more than an export has: the table seldom grows.
    this.source = source ?? { text, utf16Strings: true, table: new ValueTable(text.length >> 6) };
    this.header = header;
    this.window = window;
    this.stoppedAt = text.length;
  }

  private get atEnd(): boolean {
    return this.offset >= this.text.length;
  }

  /** Reads the next line: returns its start, sets lineEnd, moves offset past its line break (CRLF, LF or CR). */
  private nextLine(): number {
    const { text, offset } = this;
    // indexOf is a vectorised search; remembering the next of each keeps the whole scan linear.
    if (this.nextLf < offset) this.nextLf = indexOrLength(text, '\n', offset);
    if (this.nextCr < offset) this.nextCr = indexOrLength(text, '\r', offset);
    if (this.nextCr < this.nextLf) {
      this.lineEnd = this.nextCr;
      this.offset = this.nextCr + (this.nextCr + 1 === this.nextLf ? 2 : 1);
    } else {
      this.lineEnd = this.nextLf;
      this.offset = Math.min(this.nextLf + 1, text.length);
    }
    this.line++;
    return offset;
  }

  parse(): RegParseResult {
    if (this.window === undefined) {
      this.readHeader();
    } else {
      this.offset = this.window.start;
      this.line = this.window.line - 1;
    }
    while (!this.atEnd) {
      const start = this.nextLine();
      const first = skipSpaces(this.text, start, this.lineEnd);
      if (this.text.charCodeAt(first) === 91 /* [ */ && first < this.lineEnd && this.stopAt(first)) {
        this.stoppedAt = first;
        this.stoppedLine = this.line;
        break;
      }
      this.readLine(start, first, this.lineEnd);
    }
    if (this.window === undefined) this.source.table.fullParseRows = this.source.table.count;
    return { tree: withSource({ header: this.header, keys: this.keys }, this.source), problems: this.problems, comments: this.comments };
  }

  private readHeader(): void {
    while (!this.atEnd) {
      const line = lineAt(this.text, this.offset);
      // An editor may hand over the byte order mark as a character.
      const start = skipSpaces(this.text, this.text.charCodeAt(line.start) === 0xfeff ? line.start + 1 : line.start, line.end);
      const end = trimEnd(this.text, start, line.end);
      if (start === end) {
        this.skipLine(line.next);
        continue;
      }
      const written = this.text.slice(start, end);
      const span = { start, end };
      if (written === HEADER_V5) {
        this.header = { kind: 'regedit5', span };
        this.skipLine(line.next);
      } else if (written === HEADER_V4) {
        this.header = { kind: 'regedit4', span };
        this.source.utf16Strings = false;
        this.skipLine(line.next);
      } else if (written.toLowerCase() === HEADER_V5.toLowerCase() || written.toLowerCase() === HEADER_V4.toLowerCase()) {
        this.header = { kind: 'invalid', span };
        this.problem(REG_SYNTAX, span, `The header must be written exactly \`${HEADER_V5}\` or \`${HEADER_V4}\`; regedit rejects \`${written}\`.`, [
          { title: `Write \`${HEADER_V5}\``, edits: [{ ...span, newText: HEADER_V5 }], preferred: true },
        ]);
        this.skipLine(line.next);
      } else {
        this.header = { kind: 'invalid', span: { start: line.start, end: line.start } };
        const missing = written.startsWith('[') || written.startsWith(';');
        this.problem(
          REG_SYNTAX,
          missing ? { start, end: start } : span,
          missing
            ? `A .reg file must start with \`${HEADER_V5}\` (or \`${HEADER_V4}\`); regedit refuses to import it without.`
            : `\`${written.length > 60 ? written.slice(0, 60) + '…' : written}\` is not a .reg header: the first line must be \`${HEADER_V5}\` or \`${HEADER_V4}\`.`,
          missing ? [{ title: `Insert the \`${HEADER_V5}\` header`, edits: [{ start: line.start, end: line.start, newText: HEADER_V5 + this.eol() + this.eol() }], preferred: true }] : undefined,
        );
        if (!missing) this.skipLine(line.next);
      }
      return;
    }
  }

  /** Moves past a line read without nextLine (the header and the blank lines above it). */
  private skipLine(next: number): void {
    this.offset = next;
    this.line++;
  }

  private eol(): string {
    const lf = this.text.indexOf('\n');
    return lf > 0 && this.text.charCodeAt(lf - 1) === 13 ? '\r\n' : lf < 0 ? '\r\n' : '\n';
  }

  /** The line [lineStart, lineEnd), whose first non-blank character is at `start`. */
  private readLine(lineStart: number, start: number, lineEnd: number): void {
    if (start === lineEnd) return;
    const c = this.text.charCodeAt(start);
    if (c === 59 /* ; */) {
      this.comment(start, lineEnd);
    } else if (c === 91 /* [ */) {
      this.readKey(lineEnd, start, start - lineStart);
    } else if (c === 34 /* " */ || c === 64 /* @ */) {
      this.readValue(lineEnd, start);
    } else {
      const end = trimEnd(this.text, start, lineEnd);
      this.problem(REG_SYNTAX, { start, end }, 'Unexpected line: expected a `[key]`, a `"name"=data` value, `@=data` or a `;` comment.');
    }
  }

  private comment(start: number, end: number): void {
    this.comments.push({ span: { start, end }, text: this.text.slice(start + 1, end) });
  }

  private readKey(lineEnd: number, start: number, indent: number): void {
    let close = lineEnd - 1;
    while (close > start && this.text.charCodeAt(close) !== 93 /* ] */) close--;
    const deleted = this.text.charCodeAt(start + 1) === 45; /* - */
    const pathStart = deleted ? start + 2 : start + 1;
    let pathEnd: number;
    let headerEnd: number;
    if (close < pathStart) {
      pathEnd = trimEnd(this.text, pathStart, lineEnd);
      headerEnd = pathEnd;
      this.problem(REG_SYNTAX, { start, end: headerEnd }, 'The key has no closing `]`.', [
        { title: 'Close the key with `]`', edits: [{ start: headerEnd, end: headerEnd, newText: ']' }], preferred: true },
      ]);
    } else {
      pathEnd = close;
      headerEnd = close + 1;
      this.trailing(headerEnd, lineEnd, 'after the key');
    }
    if (isBlank(this.text, pathStart, pathEnd)) this.problem(REG_SYNTAX, { start, end: headerEnd }, 'The key path is empty.');
    this.keys.push(new RegKeyNode(this.source, start, this.line, indent, pathStart - start, pathEnd - start, headerEnd - start, deleted, this.source.table.count));
  }

  /** Only spaces or a `;` comment may follow a complete key or value. */
  private trailing(from: number, end: number, where: string): void {
    const i = skipSpaces(this.text, from, end);
    if (i === end) return;
    if (this.text.charCodeAt(i) === 59) {
      this.comment(i, end);
      return;
    }
    const stop = trimEnd(this.text, i, end);
    this.problem(REG_SYNTAX, { start: i, end: stop }, `Unexpected text ${where}: \`${this.text.slice(i, Math.min(stop, i + 40))}\`.`);
  }

  private readValue(lineEnd: number, start: number): void {
    const key = this.keys[this.keys.length - 1];
    let nameStart: number;
    let nameEnd: number;
    let i: number;
    const defaultName = this.text.charCodeAt(start) === 64;
    let nameEscaped = false;
    if (defaultName) {
      nameStart = start;
      nameEnd = start + 1;
      i = start + 1;
    } else {
      const end = this.quotedEnd(start, lineEnd);
      if (end < 0) {
        this.problem(REG_SYNTAX, { start, end: trimEnd(this.text, start, lineEnd) }, 'The value name has no closing `"`.');
        return;
      }
      nameEscaped = this.quotedEscaped;
      nameStart = start + 1;
      nameEnd = end - 1;
      i = end;
    }
    i = skipSpaces(this.text, i, lineEnd);
    if (this.text.charCodeAt(i) !== 61 /* = */) {
      this.problem(REG_SYNTAX, { start, end: trimEnd(this.text, start, lineEnd) }, 'Expected `=` after the value name.');
      return;
    }
    const dataStart = skipSpaces(this.text, i + 1, lineEnd);
    this.readData(lineEnd, dataStart);
    const { dataType, dataEnd } = this;
    if (!key) {
      this.problem(REG_SYNTAX, { start, end: dataEnd }, 'This value is outside any key: add a `[HKEY_...]` line above it.');
      return;
    }
    const deleted = dataType === undefined && this.text.charCodeAt(dataStart) === 45;
    const base = key.start;
    this.source.table.add(
      start - base,
      nameStart - base,
      nameEnd - base,
      dataStart - base,
      this.dataTypeEnd - base,
      dataEnd - base,
      dataType,
      this.dataForm,
      this.dataNumber,
      deleted,
      nameEscaped,
      defaultName,
    );
    key.valueCount++;
    key.length = dataEnd - base;
  }

  /** Set by quotedEnd: whether the string it just read has escapes to undo. */
  private quotedEscaped = false;

  /** What readData found, in fields rather than an object per value. */
  private dataType: RegistryDataType | undefined;
  /** End of the data as written (continuation lines included). */
  private dataEnd = 0;
  /** End of the type prefix; the data's start when there is none. */
  private dataTypeEnd = 0;
  private dataForm: DataForm = DataForm.invalid;
  /** The dword's value (form number) or the byte count (form hex). */
  private dataNumber = 0;

  private found(type: RegistryDataType | undefined, end: number, typeEnd: number, form: DataForm, number = 0): void {
    this.dataType = type;
    this.dataEnd = end;
    this.dataTypeEnd = typeEnd;
    this.dataForm = form;
    this.dataNumber = number;
  }

  /** The next `"` and `\\` at or after where they were last looked for (text.length when none): each searched for once. */
  private nextQuote = -1;
  private nextBackslash = -1;

  /** A double-quoted string with `\\` and `\"` escapes, on one line: the offset past its closing quote, or -1. */
  private quotedEnd(start: number, end: number): number {
    this.quotedEscaped = false;
    const { text } = this;
    if (this.nextQuote <= start) this.nextQuote = indexOrLength(text, '"', start + 1);
    if (this.nextBackslash <= start) this.nextBackslash = indexOrLength(text, '\\', start + 1);
    // Most strings have no escape: the closing quote is the next one, found by indexOf.
    if (this.nextBackslash > this.nextQuote) return this.nextQuote < end ? this.nextQuote + 1 : -1;
    let i = start + 1;
    for (;;) {
      PLAIN_STRING.lastIndex = i;
      PLAIN_STRING.test(text);
      i = PLAIN_STRING.lastIndex;
      // The run stops at a quote, a backslash or the line's end.
      if (i >= end) return -1;
      if (text.charCodeAt(i) === 34 /* " */) return i + 1;
      // A backslash escapes the next character; one that ends the line escapes nothing.
      if (i + 1 >= end) return -1;
      this.quotedEscaped = true;
      i += 2;
    }
  }

  private readData(lineEnd: number, start: number): void {
    const c = this.text.charCodeAt(start);
    const dataEnd = trimEnd(this.text, start, lineEnd);
    if (c === 45 /* - */) {
      this.trailing(start + 1, lineEnd, 'after `-`');
      return this.found(undefined, start + 1, start, DataForm.invalid);
    }
    if (c === 34) {
      const end = this.quotedEnd(start, lineEnd);
      if (end < 0) {
        this.problem(REG_SYNTAX, { start, end: dataEnd }, 'The string has no closing `"`.', [
          { title: 'Close the string with `"`', edits: [{ start: dataEnd, end: dataEnd, newText: '"' }], preferred: true },
        ]);
        return this.found('REG_SZ', dataEnd, start, DataForm.invalid);
      }
      const form = this.quotedEscaped ? DataForm.escapedString : DataForm.plainString;
      this.trailing(end, lineEnd, 'after the string');
      return this.found('REG_SZ', end, start, form);
    }
    // `dword:`, the commonest prefix, first.
    if (start + 6 <= dataEnd && isDwordPrefix(this.text, start, start + 6)) return this.readDword(lineEnd, start, start + 6);
    // The type prefix ends at the first `:` of the data (looked for only there: indexOf would run on
    // through the rest of the file when a line has none).
    let colon = start;
    while (colon < dataEnd && this.text.charCodeAt(colon) !== 58 /* : */) colon++;
    const prefixEnd = colon < dataEnd ? colon + 1 : start;
    if (isDwordPrefix(this.text, start, prefixEnd)) {
      return this.readDword(lineEnd, start, prefixEnd);
    }
    const hexType = hexTypeNumber(this.text, start, prefixEnd);
    if (hexType >= 0) {
      return this.readHex(lineEnd, start, prefixEnd, hexType);
    }
    const prefix = this.text.slice(start, prefixEnd);
    if (prefix !== '' && /^[a-z0-9()]+:$/.test(prefix.toLowerCase())) {
      this.problem(REG_SYNTAX, { start, end: prefixEnd }, `Unknown type prefix \`${prefix}\`: use \`dword:\`, \`hex:\` or \`hex(N):\`, or a quoted string.`);
      return this.found(undefined, dataEnd, prefixEnd, DataForm.invalid);
    }
    this.problem(REG_SYNTAX, { start, end: Math.max(dataEnd, start) }, 'Expected value data: a quoted string, `dword:`, `hex:`, `hex(N):` or `-`.');
    return this.found(undefined, dataEnd, start, DataForm.invalid);
  }

  private readDword(lineEnd: number, start: number, digitsStart: number): void {
    let i = digitsStart;
    let value = 0;
    while (i < lineEnd && isHexDigit(this.text.charCodeAt(i))) {
      value = value * 16 + hexValue(this.text.charCodeAt(i));
      i++;
    }
    const next = i < lineEnd ? this.text.charCodeAt(i) : 32;
    if (i === digitsStart || (next !== 32 && next !== 9 && next !== 59)) {
      let end = i;
      while (end < lineEnd && !isSpace(this.text.charCodeAt(end)) && this.text.charCodeAt(end) !== 59) end++;
      if (end === digitsStart) {
        this.problem(REG_DWORD_FORMAT, { start, end: digitsStart }, '`dword:` has no digits: it must be followed by exactly 8 hex digits.');
      } else {
        this.problem(REG_DWORD_FORMAT, { start: digitsStart, end }, `\`dword:\` must be followed by exactly 8 hex digits, not \`${this.text.slice(digitsStart, end)}\`.`);
      }
      return this.found('REG_DWORD', end, digitsStart, DataForm.invalid);
    }
    this.trailing(i, lineEnd, 'after the dword');
    if (i - digitsStart !== 8) {
      // Only a malformed dword needs its digits as text (messages, fixes); 8 digits never do.
      const digits = this.text.slice(digitsStart, i);
      // Digits beyond 2^53 lose precision either way; parseInt reads them as the old parser did.
      value = parseInt(digits, 16);
      const fixes = this.dwordFixes(digitsStart, i, digits, value);
      const tooBig = digits.length > 8 && value > 0xffffffff;
      this.problem(
        REG_DWORD_FORMAT,
        { start: digitsStart, end: i },
        tooBig
          ? `\`dword:${digits}\` does not fit in 32 bits: a dword takes exactly 8 hex digits.`
          : `\`dword:\` must be followed by exactly 8 hex digits; \`${digits}\` has ${digits.length}.`,
        fixes,
      );
      if (tooBig) return this.found('REG_DWORD', i, digitsStart, DataForm.invalid);
    }
    return this.found('REG_DWORD', i, digitsStart, DataForm.number, value);
  }

  private dwordFixes(start: number, end: number, digits: string, value: number) {
    const fixes: { title: string; edits: OffsetEdit[]; preferred?: boolean }[] = [];
    if (value <= 0xffffffff) {
      const padded = value.toString(16).padStart(8, '0');
      fixes.push({ title: `Write it as 8 hex digits: ${padded} (= ${value})`, edits: [{ start, end, newText: padded }], preferred: true });
    }
    // `dword:59532` is usually a decimal port typed where hex belongs.
    if (/^[0-9]+$/.test(digits)) {
      const decimal = Number(digits);
      if (decimal <= 0xffffffff && decimal !== value) {
        fixes.push({ title: `Read ${digits} as decimal: ${decimal.toString(16).padStart(8, '0')} (= ${decimal})`, edits: [{ start, end, newText: decimal.toString(16).padStart(8, '0') }] });
      }
    }
    return fixes;
  }

  /** `hex:` and `hex(N):` byte lists, which may continue over lines ending in `\\`; bytes are counted, not kept. */
  private readHex(firstLineEnd: number, start: number, bytesStart: number, typeNumber: number): void {
    const type: RegistryDataType = HEX_TYPES[typeNumber] ?? 'REG_OTHER';
    const text = this.text;
    let lineEnd = firstLineEnd;
    let count = 0;
    let i = bytesStart;
    let end = bytesStart;
    let bad = false;
    for (;;) {
      // The common shape first: `hh,` over and over, on across continuation lines.
      HEX_RUN.lastIndex = i;
      HEX_RUN.test(text);
      const stop = HEX_RUN.lastIndex;
      if (stop > i) {
        const run = this.crossContinuations(i, stop);
        count += (stop - i - run.separators) / 3;
        end = text.charCodeAt(stop - 1) === 44 /* , */ ? stop : run.lastBackslash + 1;
        lineEnd = this.lineEnd;
        i = stop;
      }
      i = skipSpaces(text, i, lineEnd);
      if (i >= lineEnd) break;
      const c = text.charCodeAt(i);
      if (c === 92 /* \ */ && skipSpaces(text, i + 1, lineEnd) === lineEnd) {
        end = i + 1;
        if (this.atEnd) break;
        i = this.nextLine();
        lineEnd = this.lineEnd;
        continue;
      }
      if (c === 59 /* ; */) {
        this.comment(i, lineEnd);
        break;
      }
      if (isHexDigit(c) && isHexDigit(text.charCodeAt(i + 1)) && i + 1 < lineEnd) {
        count++;
        i += 2;
        end = i;
        const next = skipSpaces(text, i, lineEnd);
        if (next < lineEnd && text.charCodeAt(next) === 44 /* , */) {
          i = next + 1;
          end = i;
        } else if (next < lineEnd && text.charCodeAt(next) !== 92 && text.charCodeAt(next) !== 59) {
          bad = this.badHex(next, lineEnd) || bad;
          break;
        }
        continue;
      }
      bad = this.badHex(i, lineEnd) || bad;
      break;
    }
    const badEnd = bad ? trimEnd(text, start, lineEnd) : end;
    return this.found(type, Math.max(end, badEnd), bytesStart, bad ? DataForm.invalid : DataForm.hex, count);
  }

  /** What crossContinuations found: the characters that are no byte, and the last `\\` crossed. */
  private readonly crossed = { separators: 0, lastBackslash: -1 };

  /**
   * Moves the line state past every `\\` + line break that a hex run [from, stop) crossed, and
   * counts what separates the bytes there (the backslash, the break, the indentation).
   */
  private crossContinuations(from: number, stop: number): { separators: number; lastBackslash: number } {
    const text = this.text;
    const crossed = this.crossed;
    crossed.separators = 0;
    crossed.lastBackslash = -1;
    let nextLineStart = -1;
    let lines = 0;
    for (let at = from; ; ) {
      if (this.nextBackslash < at) this.nextBackslash = indexOrLength(text, '\\', at);
      const backslash = this.nextBackslash;
      if (backslash >= stop) break;
      const lineStart = backslash + (text.charCodeAt(backslash + 1) === 13 && text.charCodeAt(backslash + 2) === 10 ? 3 : 2);
      crossed.separators += skipSpaces(text, lineStart, stop) - backslash;
      crossed.lastBackslash = backslash;
      // A `\\` on the last line continues nothing: the run ends there, as the line does.
      if (lineStart < text.length) {
        nextLineStart = lineStart;
        lines++;
      }
      at = backslash + 1;
    }
    if (lines > 0) {
      this.line += lines - 1;
      this.offset = nextLineStart;
      this.nextLine();
    }
    return crossed;
  }

  private badHex(at: number, end: number): boolean {
    const stop = trimEnd(this.text, at, end);
    this.problem(REG_SYNTAX, { start: at, end: Math.max(stop, at + 1) }, 'Bad hex data: expected two hex digits per byte, separated by commas, with `\\` to continue on the next line.');
    return true;
  }

  private problem(code: string, span: Span, message: string, fixes?: ParseProblem['fixes']): void {
    this.problems.push({ code, start: span.start, end: span.end, message, ...(fixes && fixes.length > 0 ? { fixes } : {}) });
  }
}

/** Whether [start, end) holds only white space, as String.prototype.trim counts it. */
function isBlank(text: string, start: number, end: number): boolean {
  if (start >= end) return true;
  const c = text.charCodeAt(start);
  // Printable ASCII is never white space: the path of every real key stops here.
  if (c > 32 && c < 127) return false;
  return text.slice(start, end).trim() === '';
}

function indexOrLength(text: string, search: string, from: number): number {
  const index = text.indexOf(search, from);
  return index < 0 ? text.length : index;
}

/** `dword:` in any letter case. */
function isDwordPrefix(text: string, start: number, end: number): boolean {
  if (end - start !== 6 || text.charCodeAt(start + 5) !== 58 /* : */) return false;
  for (let i = 0; i < 5; i++) if ((text.charCodeAt(start + i) | 32) !== DWORD.charCodeAt(i)) return false;
  return true;
}

const DWORD = 'dword';

/** The type number of `hex:` (3) or `hex(N):` (N hex, 1–8 digits) in any case; -1 for anything else. */
function hexTypeNumber(text: string, start: number, end: number): number {
  if (end - start < 4 || (text.charCodeAt(start) | 32) !== 104 || (text.charCodeAt(start + 1) | 32) !== 101 || (text.charCodeAt(start + 2) | 32) !== 120) return -1;
  if (end - start === 4) return text.charCodeAt(start + 3) === 58 ? 3 : -1;
  const digits = end - start - 6;
  if (text.charCodeAt(start + 3) !== 40 || text.charCodeAt(end - 2) !== 41 || text.charCodeAt(end - 1) !== 58 || digits < 1 || digits > 8) return -1;
  let value = 0;
  for (let i = start + 4; i < end - 2; i++) {
    const c = text.charCodeAt(i);
    // The old pattern matched the lower-cased prefix against [0-9a-f]: upper-case digits count too.
    if (!isHexDigit(c)) return -1;
    value = value * 16 + hexValue(c);
  }
  return value;
}
