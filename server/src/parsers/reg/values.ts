// A .reg file kept as numbers. A Services export has hundreds of thousands of values and a check
// reads the data of a handful, so the parser writes each value as a row of integers into one
// table (no object, no string per value: nothing for the garbage collector to trace) and a key is
// one small object pointing at its rows. Value objects, names, spans and data are made only when
// asked, and data is read from the text (hex decoded, escapes undone) on each access. Offsets are
// relative to the key's `[`, so that an edit above a key moves the key and none of its values.
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

/** The columns of a value's row in the table. */
const START = 0;
const NAME_START = 1;
const NAME_END = 2;
const DATA_START = 3;
const TYPE_END = 4;
const DATA_END = 5;
const FLAGS = 6;
const NUMBER = 7;
const COLUMNS = 8;

/** FLAGS: the form in the low bits, then the type, then single bits. */
const FORM_MASK = 0b111;
const TYPE_SHIFT = 3;
const TYPE_MASK = 0b1111;
const DELETED = 1 << 7;
/** The name has `\\` or `\"` escapes to undo. */
const NAME_ESCAPED = 1 << 8;
/** `@`: the default value, whose name is ''. */
const DEFAULT_NAME = 1 << 9;

const TYPES: readonly (RegistryDataType | undefined)[] = [undefined, 'REG_SZ', 'REG_EXPAND_SZ', 'REG_MULTI_SZ', 'REG_DWORD', 'REG_QWORD', 'REG_BINARY', 'REG_NONE', 'REG_OTHER'];
const TYPE_CODES = Object.fromEntries(TYPES.map((type, code) => [type, code])) as Record<RegistryDataType, number>;

const NO_VALUES: readonly RegValueNode[] = [];

/** One row per value, in the order the parser read them; a key's values are consecutive rows. */
export class ValueTable {
  rows: Int32Array;
  count = 0;
  /** The rows the full parse wrote: re-parses add rows and leave the replaced ones unused. */
  fullParseRows = 0;

  constructor(capacity: number) {
    this.rows = rowsOf(COLUMNS * Math.max(64, capacity));
  }

  /**
   * Appends a row and returns its index. Rows are never changed or removed: a re-parse appends
   * the rows of the keys it reads again, and the rows of the keys it dropped stay valid for whoever
   * still holds them.
   */
  add(
    start: number,
    nameStart: number,
    nameEnd: number,
    dataStart: number,
    typeEnd: number,
    dataEnd: number,
    type: RegistryDataType | undefined,
    form: DataForm,
    number: number,
    deleted: boolean,
    nameEscaped: boolean,
    defaultName: boolean,
  ): number {
    if ((this.count + 1) * COLUMNS > this.rows.length) {
      const grown = rowsOf(this.rows.length * 2);
      grown.set(this.rows);
      this.rows = grown;
    }
    const row = this.count * COLUMNS;
    const rows = this.rows;
    rows[row + START] = start;
    rows[row + NAME_START] = nameStart;
    rows[row + NAME_END] = nameEnd;
    rows[row + DATA_START] = dataStart;
    rows[row + TYPE_END] = typeEnd;
    rows[row + DATA_END] = dataEnd;
    rows[row + FLAGS] = form | ((type === undefined ? 0 : TYPE_CODES[type]) << TYPE_SHIFT) | (deleted ? DELETED : 0) | (nameEscaped ? NAME_ESCAPED : 0) | (defaultName ? DEFAULT_NAME : 0);
    // A dword's value may use all 32 bits: stored as int32, read back with >>> 0.
    rows[row + NUMBER] = number | 0;
    return this.count++;
  }
}

/**
 * Room for `length` numbers. Small tables are cut from shared 1 MB buffers: a buffer of its own
 * per parse costs more than the parse of a small file (V8 counts each as external memory and
 * collects garbage for it). A shared buffer lives as long as any table cut from it.
 */
function rowsOf(length: number): Int32Array {
  const bytes = length * Int32Array.BYTES_PER_ELEMENT;
  if (bytes > SHARED_BUFFER_BYTES / 8) return new Int32Array(length);
  if (!shared || sharedUsed + bytes > SHARED_BUFFER_BYTES) {
    shared = new ArrayBuffer(SHARED_BUFFER_BYTES);
    sharedUsed = 0;
  }
  const rows = new Int32Array(shared, sharedUsed, length);
  sharedUsed += bytes;
  return rows;
}

const SHARED_BUFFER_BYTES = 1 << 20;
let shared: ArrayBuffer | undefined;
let sharedUsed = 0;

/** What every value of one file shares. */
export interface ValueSource {
  /** The current text: an incremental re-parse points every value of the document at the new one. */
  text: string;
  /** REGEDIT5 strings are UTF-16LE; REGEDIT4 strings are ANSI bytes. */
  utf16Strings: boolean;
  /** The rows of every value, shared by the successive parses of one document. */
  table: ValueTable;
}

/** A key: its offsets and the rows of its values. Objects and strings are made when asked. */
export class RegKeyNode implements RegKey {
  private cachedPath: string | undefined;
  private cachedHiveLength = -1;
  private cachedValues: RegValueNode[] | undefined;
  /** The last valuesNamed answer for this key, and the test it answered: an edit elsewhere keeps it. */
  namedBy: ((name: string) => boolean) | undefined;
  named: readonly RegValueNode[] = NO_VALUES;
  /** Offset of the end of the key's last value (or of its header), from `start`. */
  length: number;

  constructor(
    private readonly source: ValueSource,
    /** Offset of the `[`. */
    public start: number,
    /** 0-based line of the `[`. */
    public line: number,
    /** Blanks before the `[` on its line. */
    private readonly indent: number,
    private readonly pathStart: number,
    private readonly pathEnd: number,
    private readonly headerEnd: number,
    readonly deleted: boolean,
    /** The row of the first value in the table, and how many rows follow. */
    readonly firstRow: number,
  ) {
    this.length = headerEnd;
  }

  valueCount = 0;

  get lineStart(): number {
    return this.start - this.indent;
  }

  get path(): string {
    this.cachedPath ??= this.source.text.slice(this.start + this.pathStart, this.start + this.pathEnd);
    return this.cachedPath;
  }

  get hiveLength(): number {
    if (this.cachedHiveLength < 0) {
      const { text } = this.source;
      const end = this.start + this.pathEnd;
      let i = this.start + this.pathStart;
      while (i < end && text.charCodeAt(i) !== 92 /* \ */) i++;
      this.cachedHiveLength = i - (this.start + this.pathStart);
    }
    return this.cachedHiveLength;
  }

  get pathSpan(): Span {
    return { start: this.start + this.pathStart, end: this.start + this.pathEnd };
  }

  get headerSpan(): Span {
    return { start: this.start, end: this.start + this.headerEnd };
  }

  get span(): Span {
    return { start: this.start, end: this.start + this.length };
  }

  get values(): RegValueNode[] {
    if (!this.cachedValues) {
      const values: RegValueNode[] = [];
      for (let index = 0; index < this.valueCount; index++) values.push(new RegValueNode(this.source, this, this.firstRow + index));
      this.cachedValues = values;
    }
    return this.cachedValues;
  }
}

/**
 * The values whose name passes `isWanted`, in document order. A file repeats a few dozen names:
 * `isWanted` is asked once per name, and the other values are matched to a name already asked
 * about by a comparison with the text, without making a string or an object for them; with
 * `shapes` (of every name `isWanted` accepts), a name of another shape is passed over from its
 * row and two characters. Each key keeps its answer, so that after an edit only the keys read
 * again are looked at.
 */
export function valuesNamed(source: ValueSource, keys: readonly RegKeyNode[], isWanted: (name: string) => boolean, shapes?: NameShapes): RegValueNode[] {
  const names = new NameMemo(source, isWanted, shapes);
  const found: RegValueNode[] = [];
  for (const key of keys) {
    if (key.namedBy !== isWanted) {
      key.named = names.valuesOf(key);
      key.namedBy = isWanted;
    }
    for (const value of key.named) found.push(value);
  }
  return found;
}

/** What `isWanted` said of each name met so far in one text, direct-mapped by length and end characters. */
class NameMemo {
  private readonly slots: ({ written: string; wanted: boolean } | undefined)[] = new Array(NAME_SLOTS);
  private defaultWanted: boolean | undefined;

  constructor(
    private readonly source: ValueSource,
    private readonly isWanted: (name: string) => boolean,
    private readonly shapes: NameShapes | undefined,
  ) {}

  valuesOf(key: RegKeyNode): readonly RegValueNode[] {
    const { rows } = this.source.table;
    const { text } = this.source;
    const base = key.start;
    let found: RegValueNode[] | undefined;
    for (let index = 0, at = key.firstRow * COLUMNS; index < key.valueCount; index++, at += COLUMNS) {
      const flags = rows[at + FLAGS];
      let wanted: boolean;
      if (flags & DEFAULT_NAME) {
        wanted = this.defaultWanted ??= this.isWanted('');
      } else {
        const start = base + rows[at + NAME_START];
        const end = base + rows[at + NAME_END];
        const length = end - start;
        // An escape makes the written name differ from the name.
        if (this.shapes && !(flags & NAME_ESCAPED) && !this.shapes.mayInclude(text, start, end)) continue;
        // Direct-mapped by length and three characters; another name in the slot is asked about and takes it.
        const mixed = length === 0 ? 0 : (length << 21) ^ (text.charCodeAt(start) << 14) ^ (text.charCodeAt(start + (length >> 1)) << 7) ^ text.charCodeAt(end - 1);
        const slot = Math.imul(mixed, 0x9e3779b1) >>> (32 - NAME_SLOT_BITS);
        const known = this.slots[slot];
        if (known !== undefined && known.written.length === length && text.startsWith(known.written, start)) {
          wanted = known.wanted;
        } else {
          const written = text.slice(start, end);
          wanted = this.isWanted(flags & NAME_ESCAPED ? unescapeQuoted(text, start, end) : written);
          this.slots[slot] = { written, wanted };
        }
      }
      if (!wanted) continue;
      found ??= [];
      found.push(key.values[index]);
    }
    return found ?? NO_VALUES;
  }
}

/**
 * A set of names reduced to their length and first and last characters, case folded: "certainly
 * none of them" for most other names, told without making a string. A name with a character
 * outside ASCII at either end may still equal one of them ignoring case (the Kelvin sign is a
 * `k`): it is never ruled out.
 */
export class NameShapes {
  private readonly bits = new Uint32Array(SHAPE_COUNT >>> 5);

  constructor(names: Iterable<string>) {
    for (const name of names) if (name.length > 0) this.add(shapeOf(name.length, name.charCodeAt(0), name.charCodeAt(name.length - 1)));
  }

  /** False when text[start, end) is certainly none of the names. */
  mayInclude(text: string, start: number, end: number): boolean {
    if (end <= start) return true;
    const first = text.charCodeAt(start);
    const last = text.charCodeAt(end - 1);
    if (first > 127 || last > 127) return true;
    const shape = shapeOf(end - start, first, last);
    return (this.bits[shape >>> 5] & (1 << (shape & 31))) !== 0;
  }

  private add(shape: number): void {
    this.bits[shape >>> 5] |= 1 << (shape & 31);
  }
}

const SHAPE_COUNT = 1 << 12;

function shapeOf(length: number, first: number, last: number): number {
  return (Math.imul(Math.imul(length, 31) + foldAsciiCase(first), 31) + foldAsciiCase(last)) & (SHAPE_COUNT - 1);
}

function foldAsciiCase(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

const NAME_SLOT_BITS = 7;
const NAME_SLOTS = 1 << NAME_SLOT_BITS;

/**
 * False when the value of `row` cannot be a port mention (see model.ts), told from its row and a
 * few characters: a number whose name does not say "port", a string that does not start like a
 * number, bytes. True means "read the value and see".
 */
export function mayMentionPort(source: ValueSource, key: RegKeyNode, row: number): boolean {
  const { rows } = source.table;
  const { text } = source;
  const at = row * COLUMNS;
  const flags = rows[at + FLAGS];
  const form = (flags & FORM_MASK) as DataForm;
  const type = TYPES[(flags >> TYPE_SHIFT) & TYPE_MASK];
  const kind = dataKindOf(form, type, rows[at + NUMBER] >>> 0);
  if (kind === 'number') {
    if (flags & DEFAULT_NAME) return false;
    // An escape may hide a letter of "port": such names are read whole.
    return (flags & NAME_ESCAPED) !== 0 || includesPort(text, key.start + rows[at + NAME_START], key.start + rows[at + NAME_END]);
  }
  if (kind !== 'string' && kind !== 'strings') return false;
  if (form === DataForm.hex) return hexMayHoldPortText(source, type, key.start + rows[at + TYPE_END], key.start + rows[at + DATA_END]);
  // A quoted string that is only a port starts with a digit or a space; printable ASCII other
  // than those (and an escape, which may hide a digit) settles it at the first character.
  const first = text.charCodeAt(key.start + rows[at + DATA_START] + 1);
  return !(first > 32 && first < 127 && !(first >= 48 && first <= 57) && first !== 92);
}

/** `/port/i` over [start, end), without making the string. */
function includesPort(text: string, start: number, end: number): boolean {
  for (let i = start; i + 4 <= end; i++) {
    if ((text.charCodeAt(i) | 32) === 112 && (text.charCodeAt(i + 1) | 32) === 111 && (text.charCodeAt(i + 2) | 32) === 114 && (text.charCodeAt(i + 3) | 32) === 116) return true;
  }
  return false;
}

export class RegValueNode implements RegValue, RegistryWrite {
  private cachedName: string | undefined;

  constructor(
    private readonly source: ValueSource,
    private readonly key: RegKeyNode,
    /** The value's row in the table. */
    readonly row: number,
  ) {}

  private column(column: number): number {
    return this.source.table.rows[this.row * COLUMNS + column];
  }

  private get flags(): number {
    return this.column(FLAGS);
  }

  get name(): string {
    if (this.cachedName === undefined) {
      const flags = this.flags;
      const base = this.key.start;
      const start = base + this.column(NAME_START);
      const end = base + this.column(NAME_END);
      this.cachedName = flags & DEFAULT_NAME ? '' : flags & NAME_ESCAPED ? unescapeQuoted(this.source.text, start, end) : this.source.text.slice(start, end);
    }
    return this.cachedName;
  }

  get type(): RegistryDataType | undefined {
    return TYPES[(this.flags >> TYPE_SHIFT) & TYPE_MASK];
  }

  get deleted(): boolean {
    return (this.flags & DELETED) !== 0;
  }

  get form(): DataForm {
    return (this.flags & FORM_MASK) as DataForm;
  }

  /** The dword's value (form number) or the byte count (form hex). */
  private get number(): number {
    return this.column(NUMBER) >>> 0;
  }

  get valueName(): string {
    return this.name;
  }

  get keyPath(): string {
    return this.key.path;
  }

  get keySpan(): Span {
    return this.key.pathSpan;
  }

  get nameSpan(): Span {
    const base = this.key.start;
    return { start: base + this.column(NAME_START), end: base + this.column(NAME_END) };
  }

  get typePrefix(): string | undefined {
    const base = this.key.start;
    const dataStart = this.column(DATA_START);
    const typeEnd = this.column(TYPE_END);
    return typeEnd > dataStart ? this.source.text.slice(base + dataStart, base + typeEnd) : undefined;
  }

  get typeSpan(): Span | undefined {
    const base = this.key.start;
    const dataStart = this.column(DATA_START);
    const typeEnd = this.column(TYPE_END);
    return typeEnd > dataStart ? { start: base + dataStart, end: base + typeEnd } : undefined;
  }

  get dataSpan(): Span {
    const base = this.key.start;
    return { start: base + this.column(DATA_START), end: base + this.column(DATA_END) };
  }

  get span(): Span {
    const base = this.key.start;
    return { start: base + this.column(START), end: base + this.column(DATA_END) };
  }

  get statementSpan(): Span {
    return this.span;
  }

  /** The kind `data` would have, without reading it. */
  get dataKind(): RegistryData['kind'] {
    return dataKindOf(this.form, this.type, this.number);
  }

  /**
   * False when no string of hex-encoded data can be only a port or a range (`59533`,
   * `5000-5100`), told from the bytes without decoding them; true means "decode and see".
   */
  mayHoldPortText(): boolean {
    if (this.form !== DataForm.hex) return true;
    const base = this.key.start;
    return hexMayHoldPortText(this.source, this.type, base + this.column(TYPE_END), base + this.column(DATA_END));
  }

  get data(): RegistryData {
    const { text } = this.source;
    const base = this.key.start;
    const dataStart = base + this.column(DATA_START);
    const dataEnd = base + this.column(DATA_END);
    switch (this.form) {
      case DataForm.number:
        return { kind: 'number', value: this.number };
      case DataForm.plainString:
        return { kind: 'string', value: text.slice(dataStart + 1, dataEnd - 1) };
      case DataForm.escapedString:
        return { kind: 'string', value: unescapeQuoted(text, dataStart + 1, dataEnd - 1) };
      case DataForm.hex:
        return decodeHex(this.type ?? 'REG_BINARY', readHexBytes(text, base + this.column(TYPE_END), dataEnd, this.number), this.source.utf16Strings);
      default:
        return { kind: 'invalid' };
    }
  }
}

/** The kind of data a value of this form, type and number (byte count for hex) reads as. */
export function dataKindOf(form: DataForm, type: RegistryDataType | undefined, number: number): RegistryData['kind'] {
  switch (form) {
    case DataForm.number:
      return 'number';
    case DataForm.plainString:
    case DataForm.escapedString:
      return 'string';
    case DataForm.hex:
      return hexKind(type, number);
    default:
      return 'invalid';
  }
}

/**
 * Whether hex-encoded string data in [start, end) may decode to a string that is only a port or a
 * range (digits, spaces, `-`), told from the bytes. A REG_SZ is one string: the first other
 * character settles it. A REG_MULTI_SZ is one string per NUL: any of them may be.
 */
export function hexMayHoldPortText(source: Pick<ValueSource, 'text' | 'utf16Strings'>, type: RegistryDataType | undefined, start: number, end: number): boolean {
  const { text, utf16Strings } = source;
  const single = type !== 'REG_MULTI_SZ';
  let digits = false;
  let plain = true;
  let low = -1;
  for (let i = start; i < end; i++) {
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
      if (single) return false;
      plain = false;
    }
  }
  return digits && plain;
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
