// Character classes of the PowerShell lexical grammar, on UTF-16 code units.
// PowerShell accepts typographic quotes and dashes as ASCII ones: scripts pasted from
// web pages rely on that.

export const BACKTICK = 96;

// The classes of the ASCII characters, looked up in one table: a parse asks them of every character,
// and until the parser is optimised each question is a chain of comparisons in the interpreter.
const NAME = 1;
const PLAIN = 2;
const ENDS = 4;
const PARAMETER = 8;
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (letter || (c >= 48 && c <= 57) || c === 95) ASCII[c] |= NAME;
  if (c > 32 && c !== 34 && c !== 36 && c !== 38 && c !== 39 && c !== 40 && c !== 41 && c !== 44 && c !== 59 && c !== 93 && c !== 96 && c !== 123 && c !== 124 && c !== 125 && c !== 127) {
    ASCII[c] |= PLAIN;
  }
  if (c === 32 || c === 9 || c === 11 || c === 12 || c === 10 || c === 13 || c === 38 || c === 40 || c === 41 || c === 44 || c === 59 || c === 123 || c === 124 || c === 125) {
    ASCII[c] |= ENDS;
  }
  if ((ASCII[c] & ENDS) === 0 && c !== 58 && c !== 34 && c !== 39) ASCII[c] |= PARAMETER;
}

export function isNewline(c: number): boolean {
  return c === 10 || c === 13;
}

export function isBlank(c: number): boolean {
  return (
    c === 32 ||
    c === 9 ||
    c === 11 ||
    c === 12 ||
    c === 0xa0 ||
    c === 0xfeff ||
    c === 0x85 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

export function isDash(c: number): boolean {
  return c === 45 || c === 0x2013 || c === 0x2014 || c === 0x2015;
}

export function isDoubleQuote(c: number): boolean {
  return c === 34 || c === 0x201c || c === 0x201d || c === 0x201e;
}

export function isSingleQuote(c: number): boolean {
  return c === 39 || c === 0x2018 || c === 0x2019 || c === 0x201a || c === 0x201b;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isLetter(c: number): boolean {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return !isBlank(c) && !isDash(c) && !isDoubleQuote(c) && !isSingleQuote(c) && /\p{L}/u.test(String.fromCharCode(c));
}

/** Characters of a simple variable name (`$port`, `$env:X` between the colons). */
export function isNameChar(c: number): boolean {
  if (c < 128) return c >= 0 && (ASCII[c] & NAME) !== 0;
  return isLetter(c);
}

/** Characters a bareword made of nothing else reads as they are: no quote, `$`, backtick or terminator. */
export function isPlainWordChar(c: number): boolean {
  if (c < 128) return c >= 0 && (ASCII[c] & PLAIN) !== 0;
  return !isBlank(c) && !isNewline(c) && !isDoubleQuote(c) && !isSingleQuote(c);
}

/**
 * The end of the run of `text` from `from` (at most `end`) of ASCII characters with `flag` in the
 * table and other characters `accepts` takes: one call per word, not per character.
 */
function runEnd(text: string, from: number, end: number, flag: number, accepts: (c: number) => boolean): number {
  let i = from;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c < 128 ? (ASCII[c] & flag) === 0 : !accepts(c)) break;
    i++;
  }
  return i;
}

/** Past ASCII, a word or a parameter's name ends only at a blank or a quote. */
function isWordCharPastAscii(c: number): boolean {
  return !isBlank(c) && !isDoubleQuote(c) && !isSingleQuote(c);
}

/** The end of the run of plain word characters of `text` from `from` (at most `end`). */
export function plainWordEnd(text: string, from: number, end: number): number {
  return runEnd(text, from, end, PLAIN, isWordCharPastAscii);
}

/** The end of the run of name characters of `text` from `from` (at most `end`). */
export function nameEnd(text: string, from: number, end: number): number {
  return runEnd(text, from, end, NAME, isLetter);
}

/** The end of a parameter's name (`-Name`, `-Name:value`) of `text` from `from` (at most `end`): a terminator, `:` or a quote. */
export function parameterNameEnd(text: string, from: number, end: number): number {
  return runEnd(text, from, end, PARAMETER, isWordCharPastAscii);
}

/** The end of the run of blanks of `text` from `from` (at most `end`). */
export function blanksEnd(text: string, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) i++;
    else if (c > 10 && isBlank(c)) i++;
    else break;
  }
  return i;
}

/** Characters that always end a bareword argument (PowerShell's "force start new token" set). */
export function endsGenericToken(c: number): boolean {
  // Blanks, line breaks, & ( ) , ; { | } and the end of the input.
  if (c < 128) return c < 0 || (ASCII[c] & ENDS) !== 0;
  return isBlank(c);
}

/** The character a backtick escape stands for (`` `n `` → newline; others are themselves). */
export function backtickEscape(c: string): string {
  switch (c) {
    case '0':
      return '\0';
    case 'a':
      return '\x07';
    case 'b':
      return '\b';
    case 'e':
      return '\x1b';
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    case 'v':
      return '\v';
    default:
      return c;
  }
}

/** A Map, not an object: `5constructor` is no number. */
const MULTIPLIERS: ReadonlyMap<string, number> = new Map([
  ['kb', 1024],
  ['mb', 1024 ** 2],
  ['gb', 1024 ** 3],
  ['tb', 1024 ** 4],
  ['pb', 1024 ** 5],
]);
const TYPE_SUFFIXES = ['ul', 'uy', 'us', 'l', 'u', 'y', 's', 'n', 'd'];

/** A PowerShell number literal (`59532`, `0xE86C`, `-1`, `1.5e3`, `10kb`, `5L`), or undefined. */
export function parseNumberLiteral(text: string): number | undefined {
  let i = 0;
  let sign = 1;
  const first = text.charCodeAt(0);
  if (isDash(first) || first === 43) {
    sign = isDash(first) ? -1 : 1;
    i++;
  }
  // Every number starts with a digit or a point: most words end here.
  const lead = text.charCodeAt(i);
  if (!isDigit(lead) && lead !== 46) return undefined;
  let value: number;
  const lower = text.toLowerCase();
  if (lower.startsWith('0x', i)) {
    const digitsStart = i + 2;
    i = digitsStart;
    while (i < lower.length && /[0-9a-f]/.test(lower[i])) i++;
    if (i === digitsStart || i - digitsStart > 16) return undefined;
    value = parseInt(lower.slice(digitsStart, i), 16);
  } else {
    const start = i;
    while (i < lower.length && isDigit(lower.charCodeAt(i))) i++;
    let digits = i - start;
    if (lower[i] === '.') {
      i++;
      const fractionStart = i;
      while (i < lower.length && isDigit(lower.charCodeAt(i))) i++;
      digits += i - fractionStart;
    }
    if (digits === 0) return undefined;
    if (lower[i] === 'e') {
      let j = i + 1;
      if (lower[j] === '+' || lower[j] === '-') j++;
      const expStart = j;
      while (j < lower.length && isDigit(lower.charCodeAt(j))) j++;
      if (j > expStart) i = j;
    }
    value = Number(lower.slice(start, i));
  }
  const suffix = TYPE_SUFFIXES.find((s) => lower.startsWith(s, i) && (i + s.length === lower.length || MULTIPLIERS.has(lower.slice(i + s.length))));
  if (suffix !== undefined) i += suffix.length;
  const multiplier = MULTIPLIERS.get(lower.slice(i));
  if (multiplier !== undefined) return sign * value * multiplier;
  return i === lower.length && Number.isFinite(value) ? sign * value : undefined;
}
