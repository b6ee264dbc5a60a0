import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, check, messagesOf } from '../support/service';

const RPC_KEY = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]';
const AB_KEY = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters]';
const RPC_INTERNET = '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Rpc\\Internet]';
const reg = (...lines: string[]) => ['Windows Registry Editor Version 5.00', '', ...lines, ''].join('\r\n');

/** `"Ports"=hex(7):` bytes for the given REG_MULTI_SZ strings. */
function multiString(...strings: string[]): string {
  const bytes: string[] = [];
  for (const char of strings.join('\0') + '\0\0') bytes.push((char.charCodeAt(0) & 0xff).toString(16).padStart(2, '0'), '00');
  return `"Ports"=hex(7):${bytes.join(',')}`;
}

describe('static-port-conflict', () => {
  test('both services on the same port: each is reported', () => {
    const text = reg(RPC_KEY, '"TCP/IP Port"=dword:0000e88c', AB_KEY, '"RpcTcpPort"="59532"');
    check('reg', text, ['static-port-conflict error 4:15-4:29', 'static-port-conflict error 6:14-6:21']);
    assert.deepEqual(messagesOf('reg', text, 'static-port-conflict'), [
      'RPC Client Access static port 59532 conflicts: Address Book is configured on the same port.',
      'Address Book static port 59532 conflicts: RPC Client Access is configured on the same port.',
    ]);
  });

  test('a well-known port from the catalog (135, the RPC endpoint mapper)', () => {
    const text = reg(RPC_KEY, '"TCP/IP Port"=dword:00000087');
    assert.deepEqual(messagesOf('reg', text, 'static-port-conflict').length, 1);
    assert.match(messagesOf('reg', text, 'static-port-conflict')[0], /^RPC Client Access static port 135 conflicts: it is the port of .*endpoint mapper/i);
  });

  test('inside the RPC dynamic range the same file configures', () => {
    const text = reg(RPC_INTERNET, multiString('59000-60000'), RPC_KEY, '"TCP/IP Port"=dword:0000e88c');
    check('reg', text, ['static-port-conflict error 6:15-6:29']);
    assert.deepEqual(messagesOf('reg', text, 'static-port-conflict'), [
      'RPC Client Access static port 59532 conflicts: it lies inside the RPC dynamic range 59000–60000 this file configures.',
    ]);
  });

  test('distinct ports outside any configured range are fine', () => {
    check('reg', reg(RPC_INTERNET, multiString('5000-5100'), RPC_KEY, '"TCP/IP Port"=dword:0000e88c', AB_KEY, '"RpcTcpPort"="59533"'), []);
  });

  test('severity override and suppression', () => {
    const text = reg(RPC_KEY, '"TCP/IP Port"=dword:0000e88c', AB_KEY, '"RpcTcpPort"="59532"');
    check('reg', text, [], { rules: { 'static-port-conflict': 'off' } });
    check('reg', reg('; exchange-ports-disable static-port-conflict', RPC_KEY, '"TCP/IP Port"=dword:0000e88c', AB_KEY, '"RpcTcpPort"="59532"'), []);
  });

  test('the fix moves the second service to a free recommended port', () => {
    const text = reg(RPC_KEY, '"TCP/IP Port"=dword:0000e88c', AB_KEY, '"RpcTcpPort"="59532"');
    const fixed = applyFix('reg', text, 'static-port-conflict', 'Set the RPC Client Access port to 59533');
    assert.equal(fixed, reg(RPC_KEY, '"TCP/IP Port"=dword:0000e88d', AB_KEY, '"RpcTcpPort"="59532"'));
  });
});
