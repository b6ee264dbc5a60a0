import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, check, messagesOf } from '../support/service';

const reg = (...lines: string[]) => ['Windows Registry Editor Version 5.00', '', ...lines, ''].join('\r\n');

describe('reg-hive-abbreviation', () => {
  test('HKLM and HKCU in key lines, deletions included', () => {
    const text = reg('[HKLM\\SOFTWARE\\A]', '[-HKCU\\Software\\B]');
    check('reg', text, ['reg-hive-abbreviation error 3:2-3:6', 'reg-hive-abbreviation error 4:3-4:7']);
    assert.deepEqual(messagesOf('reg', text, 'reg-hive-abbreviation')[0], 'Regedit does not understand `HKLM` in a .reg file: write the full hive name `HKEY_LOCAL_MACHINE`.');
  });

  test('an abbreviated key still gets the static-port checks', () => {
    check('reg', reg('[HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]', '"TCP/IP Port"=dword:000004d2'), [
      'reg-hive-abbreviation error 3:2-3:6',
      'static-port-out-of-range warning 4:15-4:29',
    ]);
  });

  test('full hive names are fine', () => {
    check('reg', reg('[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]', '[HKEY_USERS\\.DEFAULT]', '[HKEY_CLASSES_ROOT\\.reg]'), []);
  });

  test('severity override and suppression', () => {
    check('reg', reg('[HKLM\\SOFTWARE\\A]'), [], { rules: { 'reg-hive-abbreviation': 'off' } });
    check('reg', reg('; exchange-ports-disable-next-line reg-hive-abbreviation', '[HKLM\\SOFTWARE\\A]'), []);
  });

  test('the fix expands the hive', () => {
    assert.equal(applyFix('reg', reg('[HKLM\\SOFTWARE\\A]'), 'reg-hive-abbreviation', 'Expand to HKEY_LOCAL_MACHINE'), reg('[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]'));
  });
});
