import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { decodeBytes } from '../../../server/src/service/decode';
import { utf16be, utf16le, utf8 } from './helpers';

const REG = 'Windows Registry Editor Version 5.00\r\n\r\n"RpcTcpPort"="59533"\r\n';

describe('decodeBytes', () => {
  test('UTF-8 without a BOM', () => {
    assert.deepEqual(decodeBytes(utf8(REG)), { text: REG, encoding: 'utf-8', binary: false });
  });

  test('UTF-8 with a BOM: the BOM is not part of the text', () => {
    assert.deepEqual(decodeBytes(utf8(REG, true)), { text: REG, encoding: 'utf-8-bom', binary: false });
  });

  test('UTF-16LE with a BOM, as regedit exports', () => {
    assert.deepEqual(decodeBytes(utf16le(REG)), { text: REG, encoding: 'utf-16le', binary: false });
  });

  test('UTF-16BE with a BOM', () => {
    assert.deepEqual(decodeBytes(utf16be(REG)), { text: REG, encoding: 'utf-16be', binary: false });
  });

  test('UTF-16LE and BE without a BOM are recognised by their NUL bytes', () => {
    assert.deepEqual(decodeBytes(utf16le(REG, false)), { text: REG, encoding: 'utf-16le', binary: false });
    assert.deepEqual(decodeBytes(utf16be(REG, false)), { text: REG, encoding: 'utf-16be', binary: false });
  });

  test('BOM-less UTF-16LE with a few characters that have a NUL low byte (U+0100 is 00 01)', () => {
    const text = `; Ā Ȁ\r\n${REG}`;
    assert.equal(decodeBytes(utf16le(text, false)).encoding, 'utf-16le');
    assert.equal(decodeBytes(utf16le(text, false)).text, text);
  });

  test('surrogate pairs survive in both byte orders', () => {
    const text = '; 😀 ports\r\n';
    assert.equal(decodeBytes(utf16le(text)).text, text);
    assert.equal(decodeBytes(utf16be(text)).text, text);
    assert.equal(decodeBytes(utf8(text)).text, text);
  });

  test('an odd byte count in UTF-16 ends in one U+FFFD instead of throwing', () => {
    const bytes = Buffer.concat([utf16le('ab'), Buffer.from([0x63])]);
    assert.deepEqual(decodeBytes(bytes), { text: 'ab\ufffd', encoding: 'utf-16le', binary: false });
  });

  test('a lone surrogate becomes U+FFFD: one code unit, so later columns do not shift', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe, 0x3d, 0xd8]), Buffer.from('x', 'utf16le')]);
    assert.equal(decodeBytes(bytes).text, '\ufffdx');
  });

  test('invalid UTF-8 becomes U+FFFD instead of throwing', () => {
    const bytes = Buffer.from([0x61, 0xff, 0x62, 0xc3]);
    assert.deepEqual(decodeBytes(bytes), { text: 'a\ufffdb\ufffd', encoding: 'utf-8', binary: false });
  });

  test('only the first BOM is a marker; a second one is text', () => {
    assert.equal(decodeBytes(utf8('\ufeffx', true)).text, '\ufeffx');
  });

  test('NUL bytes that are not UTF-16 mark binary content', () => {
    const bytes = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff]);
    assert.equal(decodeBytes(bytes).binary, true);
  });

  test('a NUL character inside UTF-16 text marks binary content too', () => {
    assert.equal(decodeBytes(utf16le('a\u0000b')).binary, true);
  });

  test('empty and one-byte files are UTF-8 text', () => {
    assert.deepEqual(decodeBytes(new Uint8Array()), { text: '', encoding: 'utf-8', binary: false });
    assert.deepEqual(decodeBytes(Buffer.from('x')), { text: 'x', encoding: 'utf-8', binary: false });
  });

  test('the regedit-style example decodes to the same text as its UTF-8 twin', () => {
    const exported = decodeBytes(readFileSync('examples/cas-static-ports-good.reg'));
    const twin = decodeBytes(readFileSync('examples/cas-static-ports-good.utf8.reg'));
    assert.equal(exported.encoding, 'utf-16le');
    assert.equal(twin.encoding, 'utf-8');
    assert.equal(exported.text, twin.text);
    assert.ok(exported.text.startsWith('Windows Registry Editor Version 5.00\r\n'));
  });
});
