// Decodes a JSON-RPC message body (UTF-8 JSON) the way `JSON.parse(body.toString('utf8'))` does,
// without its peak memory for the messages that carry a whole document. Decoding a 50 MB didOpen
// that way holds the body's bytes, the body as one string and the parsed text at once. Here each
// string of at least LARGE_STRING_BYTES is unescaped in place in the body and made a string from
// there; the rest of the message, with a placeholder for each such string, is small and goes to
// JSON.parse. A string this cannot decode exactly as JSON.parse would (an unpaired surrogate
// escape, which UTF-8 cannot hold; anything invalid) sends the whole body the plain way, before
// anything in it is changed.

/** Below this, the plain way's extra copy costs too little to matter. */
export const LARGE_STRING_BYTES = 1024 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

/** A string token's content: the bytes between its quotes. */
interface Span {
  start: number;
  end: number;
}

/** The message in `body`, which this may change in place. Throws what JSON.parse throws on invalid JSON. */
export function parseMessageBody(body: Buffer, largeStringBytes = LARGE_STRING_BYTES): unknown {
  const large = body.length >= largeStringBytes ? largeStrings(body, largeStringBytes) : [];
  if (large.length === 0) return JSON.parse(body.toString('utf8'));
  const texts: string[] = [];
  /** The JSON around the large strings, from the start and after each one. */
  const around: string[] = [];
  let from = 0;
  for (const span of large) {
    texts.push(body.toString('utf8', span.start, unescapeInPlace(body, span)));
    around.push(body.toString('utf8', from, span.start));
    from = span.end;
  }
  around.push(body.toString('utf8', from));
  // A string of the message itself may equal a placeholder: then more strings are replaced than
  // there are placeholders, and other placeholders are tried.
  for (let attempt = 0; ; attempt++) {
    const placeholders = new Map(texts.map((text, index) => [`large-string-${attempt}-${index}`, text]));
    let skeleton = around[0];
    for (const [index, placeholder] of [...placeholders.keys()].entries()) skeleton += placeholder + around[index + 1];
    let replaced = 0;
    const message: unknown = JSON.parse(skeleton, (_key, value: unknown) => {
      const text = typeof value === 'string' ? placeholders.get(value) : undefined;
      if (text === undefined) return value;
      replaced++;
      return text;
    });
    if (replaced === texts.length) return message;
  }
}

/**
 * The string values (not keys) of at least `minimum` bytes, in order; none when one of them cannot
 * be decoded here or a string is unterminated (JSON.parse then decides, on the unchanged body).
 */
function largeStrings(body: Buffer, minimum: number): Span[] {
  const found: Span[] = [];
  for (let quote = body.indexOf(QUOTE); quote !== -1; ) {
    const span = { start: quote + 1, end: closingQuote(body, quote + 1) };
    if (span.end === -1) return [];
    if (span.end - span.start >= minimum && !isKey(body, span.end + 1)) {
      if (!decodable(body, span)) return [];
      found.push(span);
    }
    quote = body.indexOf(QUOTE, span.end + 1);
  }
  return found;
}

/** The index of the quote that closes the string whose content starts at `from`, or -1. */
function closingQuote(body: Buffer, from: number): number {
  for (let index = from; index < body.length; index++) {
    const byte = body[index];
    if (byte === QUOTE) return index;
    if (byte === BACKSLASH) index++;
  }
  return -1;
}

/** Whether the token that ended before `from` is an object key (a `:` follows, after blanks). */
function isKey(body: Buffer, from: number): boolean {
  let index = from;
  while (index < body.length && (body[index] === 0x20 || body[index] === 0x09 || body[index] === 0x0a || body[index] === 0x0d)) index++;
  return body[index] === COLON;
}

/** Valid JSON string content whose `\u` escapes are all characters (surrogates only in pairs). */
function decodable(body: Buffer, { start, end }: Span): boolean {
  for (let index = start; index < end; index++) {
    const byte = body[index];
    if (byte < 0x20) return false;
    if (byte !== BACKSLASH) continue;
    const escaped = body[++index];
    if (escaped !== 0x75 /* u */) {
      if (ESCAPED[escaped] === undefined) return false;
      continue;
    }
    const unit = hex4(body, index + 1, end);
    if (unit === -1 || (unit >= 0xdc00 && unit <= 0xdfff)) return false;
    index += 4;
    if (unit < 0xd800 || unit > 0xdbff) continue;
    const low = body[index + 1] === BACKSLASH && body[index + 2] === 0x75 ? hex4(body, index + 3, end) : -1;
    if (low < 0xdc00 || low > 0xdfff) return false;
    index += 6;
  }
  return true;
}

/** Decodes the escapes of a decodable span into UTF-8 over the span itself; returns where the decoded bytes end. */
function unescapeInPlace(body: Buffer, { start, end }: Span): number {
  let write = body.indexOf(BACKSLASH, start);
  if (write === -1 || write >= end) return end;
  for (let read = write; read < end; ) {
    const byte = body[read];
    if (byte !== BACKSLASH) {
      body[write++] = byte;
      read++;
      continue;
    }
    const escaped = body[read + 1];
    if (escaped !== 0x75 /* u */) {
      body[write++] = ESCAPED[escaped]!;
      read += 2;
      continue;
    }
    let codePoint = hex4(body, read + 2, end);
    read += 6;
    if (codePoint >= 0xd800 && codePoint <= 0xdbff) {
      codePoint = 0x10000 + ((codePoint - 0xd800) << 10) + (hex4(body, read + 2, end) - 0xdc00);
      read += 6;
    }
    write = writeUtf8(body, write, codePoint);
  }
  return write;
}

function writeUtf8(body: Buffer, at: number, codePoint: number): number {
  let write = at;
  if (codePoint < 0x80) {
    body[write++] = codePoint;
  } else if (codePoint < 0x800) {
    body[write++] = 0xc0 | (codePoint >> 6);
    body[write++] = 0x80 | (codePoint & 0x3f);
  } else if (codePoint < 0x10000) {
    body[write++] = 0xe0 | (codePoint >> 12);
    body[write++] = 0x80 | ((codePoint >> 6) & 0x3f);
    body[write++] = 0x80 | (codePoint & 0x3f);
  } else {
    body[write++] = 0xf0 | (codePoint >> 18);
    body[write++] = 0x80 | ((codePoint >> 12) & 0x3f);
    body[write++] = 0x80 | ((codePoint >> 6) & 0x3f);
    body[write++] = 0x80 | (codePoint & 0x3f);
  }
  return write;
}

/** The value of four hex digits at `at` (all before `end`), or -1. */
function hex4(body: Buffer, at: number, end: number): number {
  if (at + 4 > end) return -1;
  let value = 0;
  for (let index = at; index < at + 4; index++) {
    const digit = HEX[body[index]];
    if (digit === undefined) return -1;
    value = (value << 4) | digit;
  }
  return value;
}

/** The byte each single-character escape stands for, by the escape's character code. */
const ESCAPED: (number | undefined)[] = [];
for (const [character, byte] of [
  ['"', 0x22],
  ['\\', 0x5c],
  ['/', 0x2f],
  ['b', 0x08],
  ['f', 0x0c],
  ['n', 0x0a],
  ['r', 0x0d],
  ['t', 0x09],
] as const) {
  ESCAPED[character.charCodeAt(0)] = byte;
}

const HEX: (number | undefined)[] = [];
for (let digit = 0; digit < 16; digit++) {
  HEX[digit.toString(16).charCodeAt(0)] = digit;
  HEX[digit.toString(16).toUpperCase().charCodeAt(0)] = digit;
}
