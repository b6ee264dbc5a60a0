import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, check } from '../support/service';

const reg = (...lines: string[]) => ['Windows Registry Editor Version 5.00', '', '[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]', ...lines, ''].join('\r\n');

describe('reg-dword-format', () => {
  test('fewer or more than 8 digits, or non-hex', () => {
    check('reg', reg('"a"=dword:e88c', '"b"=dword:0000e88c0', '"c"=dword:0x0000e8'), [
      'reg-dword-format error 4:11-4:15',
      'reg-dword-format error 5:11-5:20',
      'reg-dword-format error 6:11-6:19',
    ]);
  });

  test('exactly 8 hex digits is fine', () => {
    check('reg', reg('"a"=dword:0000e88c'), []);
  });

  test('severity override and suppression', () => {
    check('reg', reg('"a"=dword:e88c'), ['reg-dword-format warning 4:11-4:15'], { rules: { 'reg-dword-format': 'warning' } });
    check('reg', reg('; exchange-ports-disable-next-line reg-dword-format', '"a"=dword:e88c'), []);
  });

  test('fixes: pad to 8 digits, or read the digits as the decimal port they look like', () => {
    assert.equal(applyFix('reg', reg('"a"=dword:e88c'), 'reg-dword-format', 'Write it as 8 hex digits: 0000e88c (= 59532)'), reg('"a"=dword:0000e88c'));
    assert.equal(applyFix('reg', reg('"a"=dword:59532'), 'reg-dword-format', 'Read 59532 as decimal: 0000e88c (= 59532)'), reg('"a"=dword:0000e88c'));
  });
});
