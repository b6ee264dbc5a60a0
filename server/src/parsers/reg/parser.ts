// Parser for Windows Registry Editor files (.reg): `Windows Registry Editor Version 5.00` and
// `REGEDIT4`. Line based and linear; it never throws: what it cannot read becomes a ParseProblem
// under the `reg-syntax` or `reg-dword-format` rule id, and parsing goes on at the next line.
import type { OffsetEdit, ParseProblem, RegistryData, RegistryDataType, Span } from '../common/model';
import { isHexDigit, isSpace, lineAt, skipSpaces, trimEnd, type Line } from '../common/text';
import type { RegFile, RegHeader, RegKey, RegValue } from './ast';

export const REG_SYNTAX = 'reg-syntax';
export const REG_DWORD_FORMAT = 'reg-dword-format';

const HEADER_V5 = 'Windows Registry Editor Version 5.00';
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

class RegParser {
  private readonly problems: ParseProblem[] = [];
  private readonly comments: { span: Span; text: string }[] = [];
  private readonly keys: RegKey[] = [];
  private header: RegHeader | undefined;
  /** Where the next unread line starts; lines are read one at a time, never all kept. */
  private offset = 0;
  private utf16Strings = true;

  constructor(private readonly text: string) {}

  private get atEnd(): boolean {
    return this.offset >= this.text.length;
  }

  private nextLine(): Line {
    const line = lineAt(this.text, this.offset);
    this.offset = line.next;
    return line;
  }

  parse(): RegParseResult {
    this.readHeader();
    while (!this.atEnd) this.readLine(this.nextLine());
    return { tree: { header: this.header, keys: this.keys }, problems: this.problems, comments: this.comments };
  }

  private readHeader(): void {
    while (!this.atEnd) {
      const line = lineAt(this.text, this.offset);
      // An editor may hand over the byte order mark as a character.
      const start = skipSpaces(this.text, this.text.charCodeAt(line.start) === 0xfeff ? line.start + 1 : line.start, line.end);
      const end = trimEnd(this.text, start, line.end);
      if (start === end) {
        this.offset = line.next;
        continue;
      }
      const written = this.text.slice(start, end);
      const span = { start, end };
      if (written === HEADER_V5) {
        this.header = { kind: 'regedit5', span };
        this.offset = line.next;
      } else if (written === HEADER_V4) {
        this.header = { kind: 'regedit4', span };
        this.utf16Strings = false;
        this.offset = line.next;
      } else if (written.toLowerCase() === HEADER_V5.toLowerCase() || written.toLowerCase() === HEADER_V4.toLowerCase()) {
        this.header = { kind: 'invalid', span };
        this.problem(REG_SYNTAX, span, `The header must be written exactly \`${HEADER_V5}\` or \`${HEADER_V4}\`; regedit rejects \`${written}\`.`, [
          { title: `Write \`${HEADER_V5}\``, edits: [{ ...span, newText: HEADER_V5 }], preferred: true },
        ]);
        this.offset = line.next;
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
        if (!missing) this.offset = line.next;
      }
      return;
    }
  }

  private eol(): string {
    const lf = this.text.indexOf('\n');
    return lf > 0 && this.text.charCodeAt(lf - 1) === 13 ? '\r\n' : lf < 0 ? '\r\n' : '\n';
  }

  private readLine(line: Line): void {
    const start = skipSpaces(this.text, line.start, line.end);
    if (start === line.end) return;
    const c = this.text.charCodeAt(start);
    if (c === 59 /* ; */) {
      this.comment(start, line.end);
    } else if (c === 91 /* [ */) {
      this.readKey(line, start);
    } else if (c === 34 /* " */ || c === 64 /* @ */) {
      this.readValue(line, start);
    } else {
      const end = trimEnd(this.text, start, line.end);
      this.problem(REG_SYNTAX, { start, end }, 'Unexpected line: expected a `[key]`, a `"name"=data` value, `@=data` or a `;` comment.');
    }
  }

  private comment(start: number, end: number): void {
    this.comments.push({ span: { start, end }, text: this.text.slice(start + 1, end) });
  }

  private readKey(line: Line, start: number): void {
    const close = this.text.lastIndexOf(']', line.end - 1);
    const deleted = this.text.charCodeAt(start + 1) === 45; /* - */
    const pathStart = deleted ? start + 2 : start + 1;
    let pathEnd: number;
    let headerEnd: number;
    if (close < pathStart) {
      pathEnd = trimEnd(this.text, pathStart, line.end);
      headerEnd = pathEnd;
      this.problem(REG_SYNTAX, { start, end: headerEnd }, 'The key has no closing `]`.', [
        { title: 'Close the key with `]`', edits: [{ start: headerEnd, end: headerEnd, newText: ']' }], preferred: true },
      ]);
    } else {
      pathEnd = close;
      headerEnd = close + 1;
      this.trailing(headerEnd, line.end, 'after the key');
    }
    const path = this.text.slice(pathStart, pathEnd);
    if (path.trim() === '') this.problem(REG_SYNTAX, { start, end: headerEnd }, 'The key path is empty.');
    const headerSpan = { start, end: headerEnd };
    this.keys.push({ path, pathSpan: { start: pathStart, end: pathEnd }, headerSpan, span: { ...headerSpan }, deleted, values: [] });
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

  private readValue(line: Line, start: number): void {
    const key = this.keys[this.keys.length - 1];
    let name: string;
    let nameSpan: Span;
    let i: number;
    if (this.text.charCodeAt(start) === 64) {
      name = '';
      nameSpan = { start, end: start + 1 };
      i = start + 1;
    } else {
      const quoted = this.readQuoted(start, line.end);
      if (!quoted) {
        this.problem(REG_SYNTAX, { start, end: trimEnd(this.text, start, line.end) }, 'The value name has no closing `"`.');
        return;
      }
      name = quoted.value;
      nameSpan = { start: start + 1, end: quoted.end - 1 };
      i = quoted.end;
    }
    i = skipSpaces(this.text, i, line.end);
    if (this.text.charCodeAt(i) !== 61 /* = */) {
      this.problem(REG_SYNTAX, { start, end: trimEnd(this.text, start, line.end) }, 'Expected `=` after the value name.');
      return;
    }
    const dataStart = skipSpaces(this.text, i + 1, line.end);
    const data = this.readData(line, dataStart);
    const value: RegValue = {
      name,
      nameSpan,
      typePrefix: data.typePrefix,
      typeSpan: data.typeSpan,
      type: data.type,
      data: data.data,
      dataSpan: { start: dataStart, end: data.end },
      span: { start, end: data.end },
      deleted: data.type === undefined && this.text.charCodeAt(dataStart) === 45,
    };
    if (!key) {
      this.problem(REG_SYNTAX, value.span, 'This value is outside any key: add a `[HKEY_...]` line above it.');
      return;
    }
    key.values.push(value);
    key.span.end = value.span.end;
  }

  /** A double-quoted string with `\\` and `\"` escapes, on one line. */
  private readQuoted(start: number, end: number): { value: string; end: number } | undefined {
    // Slices between escapes: most names and strings have none, so this allocates one string.
    let value = '';
    let from = start + 1;
    for (let i = from; i < end; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 92 /* \ */ && i + 1 < end) {
        value += this.text.slice(from, i) + this.text[i + 1];
        i++;
        from = i + 1;
      } else if (c === 34) {
        return { value: value + this.text.slice(from, i), end: i + 1 };
      }
    }
    return undefined;
  }

  private readData(
    line: Line,
    start: number,
  ): { type: RegistryDataType | undefined; data: RegistryData; end: number; typePrefix?: string; typeSpan?: Span } {
    const c = this.text.charCodeAt(start);
    const lineEnd = trimEnd(this.text, start, line.end);
    if (c === 45 /* - */) {
      this.trailing(start + 1, line.end, 'after `-`');
      return { type: undefined, data: { kind: 'invalid' }, end: start + 1 };
    }
    if (c === 34) {
      const quoted = this.readQuoted(start, line.end);
      if (!quoted) {
        this.problem(REG_SYNTAX, { start, end: lineEnd }, 'The string has no closing `"`.', [
          { title: 'Close the string with `"`', edits: [{ start: lineEnd, end: lineEnd, newText: '"' }], preferred: true },
        ]);
        return { type: 'REG_SZ', data: { kind: 'invalid' }, end: lineEnd };
      }
      this.trailing(quoted.end, line.end, 'after the string');
      return { type: 'REG_SZ', data: { kind: 'string', value: quoted.value }, end: quoted.end };
    }
    const colon = this.text.indexOf(':', start);
    const prefix = colon >= 0 && colon < lineEnd ? this.text.slice(start, colon + 1) : '';
    const lower = prefix.toLowerCase();
    if (lower === 'dword:') {
      return this.readDword(line, start, colon + 1, prefix);
    }
    const hexType = /^hex(?:\(([0-9a-f]{1,8})\))?:$/.exec(lower);
    if (hexType) {
      const typeNumber = hexType[1] === undefined ? 3 : parseInt(hexType[1], 16);
      return this.readHex(line, start, colon + 1, prefix, typeNumber);
    }
    if (prefix !== '' && /^[a-z0-9()]+:$/.test(lower)) {
      this.problem(REG_SYNTAX, { start, end: colon + 1 }, `Unknown type prefix \`${prefix}\`: use \`dword:\`, \`hex:\` or \`hex(N):\`, or a quoted string.`);
      return { type: undefined, data: { kind: 'invalid' }, end: lineEnd, typePrefix: prefix, typeSpan: { start, end: colon + 1 } };
    }
    this.problem(REG_SYNTAX, { start, end: Math.max(lineEnd, start) }, 'Expected value data: a quoted string, `dword:`, `hex:`, `hex(N):` or `-`.');
    return { type: undefined, data: { kind: 'invalid' }, end: lineEnd };
  }

  private readDword(line: Line, start: number, digitsStart: number, prefix: string) {
    const typeSpan = { start, end: digitsStart };
    let i = digitsStart;
    while (i < line.end && isHexDigit(this.text.charCodeAt(i))) i++;
    const digits = this.text.slice(digitsStart, i);
    const base = { type: 'REG_DWORD' as const, typePrefix: prefix, typeSpan };
    const next = i < line.end ? this.text.charCodeAt(i) : 32;
    if (digits.length === 0 || (next !== 32 && next !== 9 && next !== 59)) {
      let end = i;
      while (end < line.end && !isSpace(this.text.charCodeAt(end)) && this.text.charCodeAt(end) !== 59) end++;
      if (end === digitsStart) {
        this.problem(REG_DWORD_FORMAT, typeSpan, '`dword:` has no digits: it must be followed by exactly 8 hex digits.');
      } else {
        this.problem(REG_DWORD_FORMAT, { start: digitsStart, end }, `\`dword:\` must be followed by exactly 8 hex digits, not \`${this.text.slice(digitsStart, end)}\`.`);
      }
      return { ...base, data: { kind: 'invalid' } as RegistryData, end };
    }
    this.trailing(i, line.end, 'after the dword');
    const value = parseInt(digits, 16);
    if (digits.length !== 8) {
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
      if (tooBig) return { ...base, data: { kind: 'invalid' } as RegistryData, end: i };
    }
    return { ...base, data: { kind: 'number', value } as RegistryData, end: i };
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

  /** `hex:` and `hex(N):` byte lists, which may continue over lines ending in `\`. */
  private readHex(firstLine: Line, start: number, bytesStart: number, prefix: string, typeNumber: number) {
    const typeSpan = { start, end: bytesStart };
    const type: RegistryDataType = HEX_TYPES[typeNumber] ?? 'REG_OTHER';
    const bytes: number[] = [];
    let line = firstLine;
    let i = bytesStart;
    let end = bytesStart;
    let bad = false;
    for (;;) {
      i = skipSpaces(this.text, i, line.end);
      if (i >= line.end) break;
      const c = this.text.charCodeAt(i);
      if (c === 92 /* \ */ && skipSpaces(this.text, i + 1, line.end) === line.end) {
        end = i + 1;
        if (this.atEnd) break;
        line = this.nextLine();
        i = line.start;
        continue;
      }
      if (c === 59 /* ; */) {
        this.comment(i, line.end);
        break;
      }
      if (isHexDigit(c) && isHexDigit(this.text.charCodeAt(i + 1)) && i + 1 < line.end) {
        bytes.push(hexValue(c) * 16 + hexValue(this.text.charCodeAt(i + 1)));
        i += 2;
        end = i;
        const next = skipSpaces(this.text, i, line.end);
        if (next < line.end && this.text.charCodeAt(next) === 44 /* , */) {
          i = next + 1;
          end = i;
        } else if (next < line.end && this.text.charCodeAt(next) !== 92 && this.text.charCodeAt(next) !== 59) {
          bad = this.badHex(next, line.end) || bad;
          break;
        }
        continue;
      }
      bad = this.badHex(i, line.end) || bad;
      break;
    }
    const badEnd = bad ? trimEnd(this.text, start, line.end) : end;
    const data: RegistryData = bad ? { kind: 'invalid' } : this.decodeHex(type, bytes);
    return { type, data, end: Math.max(end, badEnd), typePrefix: prefix, typeSpan };
  }

  private badHex(at: number, end: number): boolean {
    const stop = trimEnd(this.text, at, end);
    this.problem(REG_SYNTAX, { start: at, end: Math.max(stop, at + 1) }, 'Bad hex data: expected two hex digits per byte, separated by commas, with `\\` to continue on the next line.');
    return true;
  }

  private decodeHex(type: RegistryDataType, bytes: number[]): RegistryData {
    switch (type) {
      case 'REG_DWORD':
        return bytes.length === 4 ? { kind: 'number', value: (bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24)) >>> 0 } : { kind: 'bytes', value: bytes };
      case 'REG_QWORD':
        return bytes.length === 8 ? { kind: 'number', value: bytes.reduceRight((sum, b) => sum * 256 + b, 0) } : { kind: 'bytes', value: bytes };
      case 'REG_SZ':
      case 'REG_EXPAND_SZ':
        return { kind: 'string', value: this.decodeString(bytes).replace(/\0+$/, '') };
      case 'REG_MULTI_SZ':
        return { kind: 'strings', value: this.decodeString(bytes).split('\0').filter((part, index, parts) => part !== '' || index < parts.length - 2) };
      default:
        return { kind: 'bytes', value: bytes };
    }
  }

  /** Version 5 files hold UTF-16LE strings; REGEDIT4 files hold ANSI bytes. */
  private decodeString(bytes: number[]): string {
    let result = '';
    if (!this.utf16Strings) {
      for (const b of bytes) result += String.fromCharCode(b);
      return result;
    }
    for (let i = 0; i + 1 < bytes.length; i += 2) result += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
    return result;
  }

  private problem(code: string, span: Span, message: string, fixes?: ParseProblem['fixes']): void {
    this.problems.push({ code, start: span.start, end: span.end, message, ...(fixes && fixes.length > 0 ? { fixes } : {}) });
  }
}

function hexValue(c: number): number {
  return c <= 57 ? c - 48 : (c | 32) - 87;
}
