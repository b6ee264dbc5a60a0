import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, check } from '../support/service';

describe('reg-syntax', () => {
  test('a missing header, an unclosed key, an unterminated string', () => {
    check('reg', '[HKEY_LOCAL_MACHINE\\SOFTWARE\\A\r\n"a"="b\r\n', ['reg-syntax error 1:1-1:1', 'reg-syntax error 1:1-1:31', 'reg-syntax error 2:5-2:7']);
  });

  test('a well-formed file has none', () => {
    check('reg', 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]\r\n"a"="b"\r\n', []);
  });

  test('severity override and suppression', () => {
    check('reg', 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\A]\r\nnonsense\r\n', [], { rules: { 'reg-syntax': 'off' } });
    check('reg', 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\A]\r\n; exchange-ports-disable-next-line reg-syntax\r\nnonsense\r\n', []);
  });

  test('fixes: close the string, insert the header', () => {
    assert.equal(
      applyFix('reg', 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\A]\r\n"a"="b\r\n', 'reg-syntax', 'Close the string with `"`'),
      'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\A]\r\n"a"="b"\r\n',
    );
    assert.equal(
      applyFix('reg', '[HKEY_LOCAL_MACHINE\\A]\n"a"="b"\n', 'reg-syntax', 'Insert the `Windows Registry Editor Version 5.00` header'),
      'Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\A]\n"a"="b"\n',
    );
  });
});
