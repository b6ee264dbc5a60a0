// A message body decoded with its large strings unescaped in place gives exactly what
// JSON.parse(body.toString('utf8')) gives, or fails where it fails: for any JSON value written
// with any mix of escapes, and for any bytes at all. The threshold is lowered so small strings
// take the in-place path too.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parseMessageBody } from '../../../server/src/lsp/messageBody';
import { params } from '../../robustness/support/fuzz';

/** What the plain way gives: the value, or that it throws. */
function plain(bytes: Buffer): { value: unknown } | 'throws' {
  try {
    return { value: JSON.parse(bytes.toString('utf8')) };
  } catch {
    return 'throws';
  }
}

function inPlace(bytes: Buffer, threshold: number): { value: unknown } | 'throws' {
  try {
    return { value: parseMessageBody(Buffer.from(bytes), threshold) };
  } catch {
    return 'throws';
  }
}

/** JSON text of `value` with each string character written raw, as `\uXXXX` (either case) or as its short escape, by `choices`. */
function writeJson(value: unknown, choices: readonly number[]): string {
  let next = 0;
  const choose = () => choices[next++ % choices.length];
  const writeString = (text: string) => {
    let out = '"';
    for (const character of text) {
      for (let index = 0; index < character.length; index++) {
        const code = character.charCodeAt(index);
        const short = SHORT_ESCAPES[character[index]];
        const choice = choose();
        const hex = code.toString(16).padStart(4, '0');
        if (choice === 1 || code < 0x20 || (code >= 0xd800 && code <= 0xdfff && character.length === 1)) out += `\\u${hex}`;
        else if (choice === 2) out += `\\u${hex.toUpperCase()}`;
        else if (choice === 3 && short) out += short;
        else if (short && (character === '"' || character === '\\')) out += short;
        else out += character[index];
      }
    }
    return `${out}"`;
  };
  const write = (item: unknown): string => {
    if (typeof item === 'string') return writeString(item);
    if (Array.isArray(item)) return `[${item.map(write).join(', ')}]`;
    if (item !== null && typeof item === 'object') return `{ ${Object.entries(item).map(([key, entry]) => `${writeString(key)} :${write(entry)}`).join(',\n')} }`;
    return JSON.stringify(item);
  };
  return write(value);
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Strings of any UTF-16 code units, lone surrogates included, and the characters escapes are made of. */
const anyString = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 12 }),
  fc.string({ unit: fc.constantFrom('"', '\\', '/', 'u', 'd', '8', '0', '\n', '\u00e9', '\ud83d\ude00', '\ud800', '\udc00', 'a'), maxLength: 12 }),
);
const anyJson = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, anyString, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(anyString, tie('value'), { maxKeys: 4 })),
})).value;

describe('parseMessageBody', () => {
  test('a didOpen with escapes of every kind, above the threshold: the same text', () => {
    const text = 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM]\r\n"Name"="é\t😀 \u0000 /"\r\n';
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///a.reg', version: 1, text } } }));
    const expected = JSON.parse(body.toString('utf8')) as { params: { textDocument: { text: string } } };
    assert.equal(expected.params.textDocument.text, text);
    assert.deepEqual(parseMessageBody(body, 16), expected);
  });

  test('surrogate pairs written as escapes decode to their character; a lone one falls back and is kept', () => {
    assert.deepEqual(parseMessageBody(Buffer.from('["\\ud83d\\ude00 x", "\\uD83D\\uDE00"]'), 1), ['😀 x', '😀']);
    assert.deepEqual(parseMessageBody(Buffer.from('{"text": "abc \\ud800 def"}'), 1), { text: 'abc \ud800 def' });
  });

  test('a string of the message that reads like a placeholder is kept as it is', () => {
    const text = '{"a": "large-string-0-0", "b": "a long enough text", "c": ["large-string-1-0", "large-string-0-0"]}';
    assert.deepEqual(parseMessageBody(Buffer.from(text), 17), JSON.parse(text));
  });

  test('a large string that is a key stays a key', () => {
    assert.deepEqual(parseMessageBody(Buffer.from('{"a long key" \n: "a long value"}'), 4), { 'a long key': 'a long value' });
  });

  test('invalid JSON throws, in a large string or around it', () => {
    for (const text of ['{"text": "a\u0001b"}', '{"text": "bad \\x escape"}', '{"text": "\\u12G4"}', '{"text": "unterminated}', '{"text": "fine"', '{"text" "fine"}']) {
      assert.throws(() => parseMessageBody(Buffer.from(text), 1), SyntaxError, text);
    }
  });

  test('any JSON value, written with any mix of escapes and blanks: the same value as JSON.parse', () => {
    fc.assert(
      fc.property(anyJson, fc.array(fc.nat(3), { minLength: 1, maxLength: 16 }), fc.nat(8), (value, choices, threshold) => {
        const bytes = Buffer.from(writeJson(value, choices), 'utf8');
        const expected = plain(bytes);
        assert.notEqual(expected, 'throws');
        assert.deepEqual(inPlace(bytes, threshold), expected);
      }),
      params(500),
    );
  });

  test('any bytes, and valid bodies with bytes changed: the same value, or both throw', () => {
    const validBytes = fc.tuple(anyJson, fc.array(fc.nat(3), { minLength: 1, maxLength: 8 })).map(([value, choices]) => Buffer.from(writeJson(value, choices), 'utf8'));
    const mutated = fc.tuple(validBytes, fc.array(fc.tuple(fc.nat(), fc.constantFrom(0x00, 0x0a, 0x22, 0x5c, 0x75, 0x7d, 0x80, 0xc3, 0xe2, 0xed, 0xf0, 0xff)), { maxLength: 3 })).map(([bytes, changes]) => {
      const copy = Buffer.from(bytes);
      for (const [at, byte] of changes) if (copy.length > 0) copy[at % copy.length] = byte;
      return copy;
    });
    fc.assert(
      fc.property(fc.oneof(mutated, fc.uint8Array({ maxLength: 64 }).map((array) => Buffer.from(array))), fc.nat(8), (bytes, threshold) => {
        assert.deepEqual(inPlace(bytes, threshold), plain(bytes));
      }),
      params(1000),
    );
  });
});
