import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { check, messagesOf } from '../support/service';

const RPC_KEY = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]';
const reg = (...lines: string[]) => ['Windows Registry Editor Version 5.00', '', ...lines, ''].join('\r\n');
const text = reg(RPC_KEY, '"TCP/IP Port"=dword:0000e88c');

describe('static-port-not-applicable', () => {
  test('reported when the target version is 2013 or later', () => {
    check('reg', text, ['static-port-not-applicable information 4:2-4:13'], { targetVersion: '2016' });
    assert.deepEqual(messagesOf('reg', text, 'static-port-not-applicable', { targetVersion: '2013' }), [
      'Exchange 2013 has no RPC/TCP client access: Outlook connects over HTTPS (443) only, so the RPC Client Access static port is an Exchange 2010 setting and has no effect here.',
    ]);
  });

  test('silent for Exchange 2010 or when no version is set', () => {
    check('reg', text, [], { targetVersion: '2010' });
    check('reg', text, []);
  });

  test('severity override and suppression', () => {
    check('reg', text, ['static-port-not-applicable warning 4:2-4:13'], { targetVersion: '2019', rules: { 'static-port-not-applicable': 'warning' } });
    check('reg', reg(RPC_KEY, '; exchange-ports-disable-next-line static-port-not-applicable', '"TCP/IP Port"=dword:0000e88c'), [], { targetVersion: '2019' });
  });
});
