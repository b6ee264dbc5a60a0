// A .reg value kept as offsets into the text. A Services export has hundreds of thousands of
// values and a check reads the data of a handful, so a value is one small object: its spans are
// built when asked, and its data is read from the text (hex decoded, escapes undone) on each
// access instead of being held for the life of the document. Offsets are relative to the key's
// header, so that an edit above a key moves the key and none of its values.
import type { RegistryData, RegistryDataType, RegistryWrite, Span } from '../common/model';
import type { RegKey, RegValue } from './ast';

/** How the data was written, which says how to read it back. */
export const DataForm = {
  /** Unreadable, or a deletion (`-`): `{ kind: 'invalid' }`. */
  invalid: 0,
  /** `dword:` with its value already read. */
  number: 1,
  /** A quoted string without escapes: the text between the quotes. */
  plainString: 2,
  /** A quoted string with `\\` or `\"`: unescaped when read. */
  escapedString: 3,
  /** Well-formed `hex:`/`hex(N):` bytes, continuation lines included. */
  hex: 4,
} as const;

export type DataForm = (typeof DataForm)[keyof typeof DataForm];

/** What every value of one file shares. */
export interface ValueSource {
  /** The current text: an incremental re-parse points every value of the document at the new one. */
  text: string;
  /** REGEDIT5 strings are UTF-16LE; REGEDIT4 strings are ANSI bytes. */
  utf16Strings: boolean;
}

export class RegValueNode implements RegValue, RegistryWrite {
  constructor(
    private readonly source: ValueSource,
    private readonly key: RegKey,
    readonly name: string,
    /** Of the whole value: the opening quote of the name, or the `@`. All offsets are from the key's `[`. */
    private readonly start: number,
    private readonly nameStart: number,
    private readonly nameEnd: number,
    private readonly dataStart: number,
    /** End of the type prefix (`dword:`, `hex(7):`); equals dataStart when there is none. */
    private readonly typeEnd: number,
    private readonly dataEnd: number,
    readonly type: RegistryDataType | undefined,
    readonly deleted: boolean,
    readonly form: DataForm,
    /** The dword's value (form number) or the byte count (form hex). */
    private readonly number: number,
  ) {}

  get valueName(): string {
    return this.name;
  }

  get keyPath(): string {
    return this.key.path;
  }

  get keySpan(): Span {
    return this.key.pathSpan;
  }

  private get base(): number {
    return this.key.headerSpan.start;
  }

  get nameSpan(): Span {
    const base = this.base;
    return { start: base + this.nameStart, end: base + this.nameEnd };
  }

  get typePrefix(): string | undefined {
    const base = this.base;
    return this.typeEnd > this.dataStart ? this.source.text.slice(base + this.dataStart, base + this.typeEnd) : undefined;
  }

  get typeSpan(): Span | undefined {
    const base = this.base;
    return this.typeEnd > this.dataStart ? { start: base + this.dataStart, end: base + this.typeEnd } : undefined;
  }

  get dataSpan(): Span {
    const base = this.base;
    return { start: base + this.dataStart, end: base + this.dataEnd };
  }

  get span(): Span {
    const base = this.base;
    return { start: base + this.start, end: base + this.dataEnd };
  }

  get statementSpan(): Span {
    return this.span;
  }

  /** The kind `data` would have, without reading it. */
  get dataKind(): RegistryData['kind'] {
    switch (this.form) {
      case DataForm.number:
        return 'number';
      case DataForm.plainString:
      case DataForm.escapedString:
        return 'string';
      case DataForm.hex:
        return hexKind(this.type, this.number);
      default:
        return 'invalid';
    }
  }

  /**
   * False when no string of hex-encoded data can be only a port or a range (`59533`,
   * `5000-5100`), told from the bytes without decoding them; true means "decode and see".
   */
  mayHoldPortText(): boolean {
    if (this.form !== DataForm.hex) return true;
    const { text, utf16Strings } = this.source;
    const base = this.base;
    let digits = false;
    let plain = true;
    let low = -1;
    for (let i = base + this.typeEnd; i < base + this.dataEnd; i++) {
      const c = text.charCodeAt(i);
      if (!isHex(c)) continue;
      const byte = hexValue(c) * 16 + hexValue(text.charCodeAt(i + 1));
      i++;
      let unit = byte;
      if (utf16Strings) {
        if (low < 0) {
          low = byte;
          continue;
        }
        unit = low | (byte << 8);
        low = -1;
      }
      if (unit === 0) {
        if (digits && plain) return true;
        digits = false;
        plain = true;
      } else if (unit >= 0x30 && unit <= 0x39) {
        digits = true;
      } else if (!(unit === 0x20 || unit === 0x2d || (unit >= 0x09 && unit <= 0x0d) || unit >= 0x80)) {
        // Beyond ASCII some characters are spaces to a regular expression's \s: those stay possible.
        plain = false;
      }
    }
    return digits && plain;
  }

  get data(): RegistryData {
    const { text } = this.source;
    const base = this.base;
    switch (this.form) {
      case DataForm.number:
        return { kind: 'number', value: this.number };
      case DataForm.plainString:
        return { kind: 'string', value: text.slice(base + this.dataStart + 1, base + this.dataEnd - 1) };
      case DataForm.escapedString:
        return { kind: 'string', value: unescapeQuoted(text, base + this.dataStart + 1, base + this.dataEnd - 1) };
      case DataForm.hex:
        return decodeHex(this.type ?? 'REG_BINARY', readHexBytes(text, base + this.typeEnd, base + this.dataEnd, this.number), this.source.utf16Strings);
      default:
        return { kind: 'invalid' };
    }
  }
}

/** The text between a string's quotes with `\x` read as `x` (a trailing lone `\` stays). */
export function unescapeQuoted(text: string, start: number, end: number): string {
  let value = '';
  let from = start;
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) === 92 /* \ */ && i + 1 < end) {
      value += text.slice(from, i) + text[i + 1];
      i++;
      from = i + 1;
    }
  }
  return value + text.slice(from, end);
}

function hexKind(type: RegistryDataType | undefined, byteCount: number): RegistryData['kind'] {
  switch (type) {
    case 'REG_DWORD':
      return byteCount === 4 ? 'number' : 'bytes';
    case 'REG_QWORD':
      return byteCount === 8 ? 'number' : 'bytes';
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
      return 'string';
    case 'REG_MULTI_SZ':
      return 'strings';
    default:
      return 'bytes';
  }
}

/** The bytes of well-formed hex data: every pair of adjacent hex digits in the span is one byte. */
function readHexBytes(text: string, start: number, end: number, count: number): number[] {
  const bytes = new Array<number>(count);
  let n = 0;
  for (let i = start; i < end && n < count; i++) {
    const c = text.charCodeAt(i);
    if (!isHex(c)) continue;
    bytes[n++] = hexValue(c) * 16 + hexValue(text.charCodeAt(i + 1));
    i++;
  }
  return bytes;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

export function hexValue(c: number): number {
  return c <= 57 ? c - 48 : (c | 32) - 87;
}

function decodeHex(type: RegistryDataType, bytes: number[], utf16Strings: boolean): RegistryData {
  switch (type) {
    case 'REG_DWORD':
      return bytes.length === 4 ? { kind: 'number', value: (bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24)) >>> 0 } : { kind: 'bytes', value: bytes };
    case 'REG_QWORD':
      return bytes.length === 8 ? { kind: 'number', value: bytes.reduceRight((sum, b) => sum * 256 + b, 0) } : { kind: 'bytes', value: bytes };
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
      return { kind: 'string', value: withoutTrailingNuls(decodeString(bytes, utf16Strings)) };
    case 'REG_MULTI_SZ':
      return { kind: 'strings', value: decodeString(bytes, utf16Strings).split('\0').filter((part, index, parts) => part !== '' || index < parts.length - 2) };
    default:
      return { kind: 'bytes', value: bytes };
  }
}

/** A scan, not `/\0+$/`: the regex retries from every NUL of a long run and is quadratic. */
function withoutTrailingNuls(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0) end--;
  return text.slice(0, end);
}

function decodeString(bytes: number[], utf16Strings: boolean): string {
  let result = '';
  if (!utf16Strings) {
    for (const b of bytes) result += String.fromCharCode(b);
    return result;
  }
  for (let i = 0; i + 1 < bytes.length; i += 2) result += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
  return result;
}
