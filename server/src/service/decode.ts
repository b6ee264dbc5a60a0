// File bytes → text. regedit exports UTF-16LE with a BOM, Notepad and editors write UTF-8 with or
// without one, and scripts piped through other tools lose their BOM: all must yield the same text,
// so that findings sit at the same line and column whatever the encoding.

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** NUL characters remain after decoding: not a text file, do not parse it. */
  binary: boolean;
}

/** Enough bytes to tell UTF-16 from UTF-8 without reading a large file twice. */
const SNIFF_LENGTH = 1024;

/**
 * BOM-less UTF-16: at least this share of 2-byte units has a NUL in the high half (ASCII-heavy
 * text has one in nearly every unit; UTF-8 text has none)…
 */
const UTF16_NUL_SHARE = 0.4;
/** …and at most this share in the other half (a few characters such as U+0100 have one there). */
const UTF16_OTHER_NUL_SHARE = 0.05;

export function decodeBytes(bytes: Uint8Array): DecodedText {
  const [first, second, third] = bytes;
  if (first === 0xef && second === 0xbb && third === 0xbf) return decoded(bytes.subarray(3), 'utf-8-bom');
  if (first === 0xff && second === 0xfe) return decoded(bytes.subarray(2), 'utf-16le');
  if (first === 0xfe && second === 0xff) return decoded(bytes.subarray(2), 'utf-16be');
  return decoded(bytes, sniffUtf16(bytes) ?? 'utf-8');
}

function decoded(bytes: Uint8Array, encoding: TextEncodingName): DecodedText {
  const label = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
  // Not fatal: a stray invalid byte becomes U+FFFD (one code unit) instead of losing the file.
  // ignoreBOM keeps a second BOM as text: only the first one, already removed, is a marker.
  const text = new TextDecoder(label, { fatal: false, ignoreBOM: true }).decode(bytes);
  return { text, encoding, binary: text.includes('\u0000') };
}

function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const units = Math.floor(Math.min(bytes.length, SNIFF_LENGTH) / 2);
  if (units === 0) return undefined;
  let nulInHighByte = 0; // "A" in UTF-16LE is 41 00
  let nulInLowByte = 0; // "A" in UTF-16BE is 00 41
  for (let unit = 0; unit < units; unit++) {
    const even = bytes[unit * 2];
    const odd = bytes[unit * 2 + 1];
    if (even !== 0 && odd === 0) nulInHighByte++;
    else if (even === 0 && odd !== 0) nulInLowByte++;
  }
  const looksLike = (dominant: number, other: number) => dominant >= units * UTF16_NUL_SHARE && other <= units * UTF16_OTHER_NUL_SHARE;
  if (looksLike(nulInHighByte, nulInLowByte)) return 'utf-16le';
  if (looksLike(nulInLowByte, nulInHighByte)) return 'utf-16be';
  return undefined;
}
