import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, check, messagesOf } from '../support/service';

const RPC_KEY = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]';
const AB_KEY = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters]';
const reg = (...lines: string[]) => ['Windows Registry Editor Version 5.00', '', ...lines, ''].join('\r\n');

describe('static-port-wrong-type', () => {
  test('TCP/IP Port written as a string', () => {
    const text = reg(RPC_KEY, '"TCP/IP Port"="59532"');
    check('reg', text, ['static-port-wrong-type error 4:15-4:22']);
    assert.deepEqual(messagesOf('reg', text, 'static-port-wrong-type'), [
      '`TCP/IP Port` must be a REG_DWORD (`dword:`), not REG_SZ: RPC Client Access ignores it and keeps a dynamic port.',
    ]);
  });

  test('RpcTcpPort written as a dword', () => {
    check('reg', reg(AB_KEY, '"RpcTcpPort"=dword:0000e88d'), ['static-port-wrong-type error 4:14-4:28']);
  });

  test('RpcTcpPort as hex(4) is a dword too', () => {
    check('reg', reg(AB_KEY, '"RpcTcpPort"=hex(4):8d,e8,00,00'), ['static-port-wrong-type error 4:14-4:32']);
  });

  test('the right types are fine', () => {
    check('reg', reg(RPC_KEY, '"TCP/IP Port"=dword:0000e88c', AB_KEY, '"RpcTcpPort"="59533"'), []);
  });

  test('a deletion has no type to check', () => {
    check('reg', reg(RPC_KEY, '"TCP/IP Port"=-'), []);
  });

  test('severity override and suppression', () => {
    const text = reg(AB_KEY, '"RpcTcpPort"=dword:0000e88d');
    check('reg', text, ['static-port-wrong-type warning 4:14-4:28'], { rules: { 'static-port-wrong-type': 'warning' } });
    check('reg', text, [], { rules: { 'static-port-wrong-type': 'off' } });
    check('reg', reg('; exchange-ports-disable static-port-wrong-type', AB_KEY, '"RpcTcpPort"=dword:0000e88d'), []);
  });

  test('the fix converts, keeping the port', () => {
    assert.equal(applyFix('reg', reg(RPC_KEY, '"TCP/IP Port"="59532"'), 'static-port-wrong-type', 'Convert to REG_DWORD 59532'), reg(RPC_KEY, '"TCP/IP Port"=dword:0000e88c'));
    assert.equal(applyFix('reg', reg(AB_KEY, '"RpcTcpPort"=dword:0000e88d'), 'static-port-wrong-type', 'Convert to REG_SZ 59533'), reg(AB_KEY, '"RpcTcpPort"="59533"'));
  });
});
