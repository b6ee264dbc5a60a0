import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, check, messagesOf } from '../support/service';

const RPC_KEY = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]';
const AB_KEY = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters]';
const reg = (...lines: string[]) => ['Windows Registry Editor Version 5.00', '', ...lines, ''].join('\r\n');

describe('static-port-out-of-range', () => {
  test('RPC Client Access port below the window (dword 0x04d2 = 1234)', () => {
    const text = reg(RPC_KEY, '"TCP/IP Port"=dword:000004d2');
    check('reg', text, ['static-port-out-of-range warning 4:15-4:29']);
    assert.deepEqual(messagesOf('reg', text, 'static-port-out-of-range'), [
      'RPC Client Access static port 1234 is outside the recommended range 59531–60554.',
    ]);
  });

  test('Address Book port above the window, written as a string', () => {
    check('reg', reg(AB_KEY, '"RpcTcpPort"="61000"'), ['static-port-out-of-range warning 4:14-4:21']);
  });

  test('ports inside the window are fine', () => {
    check('reg', reg(RPC_KEY, '"TCP/IP Port"=dword:0000e88c', AB_KEY, '"RpcTcpPort"="59533"'), []);
  });

  test('a control set other than CurrentControlSet and any case still match', () => {
    check('reg', reg('[HKEY_LOCAL_MACHINE\\System\\ControlSet001\\services\\msexchangerpc\\parameterssystem]', '"tcp/ip port"=dword:000004d2'), [
      'static-port-out-of-range warning 4:15-4:29',
    ]);
  });

  test('the printer policy RpcTcpPort is not the Address Book port', () => {
    check('reg', reg('[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Printers\\RPC]', '"RpcTcpPort"=dword:00000000'), []);
  });

  test('the range is configurable', () => {
    check('reg', reg(RPC_KEY, '"TCP/IP Port"=dword:000004d2'), [], { staticPortRange: { min: 1000, max: 2000 } });
  });

  test('severity can be raised or turned off', () => {
    const text = reg(RPC_KEY, '"TCP/IP Port"=dword:000004d2');
    check('reg', text, ['static-port-out-of-range error 4:15-4:29'], { rules: { 'static-port-out-of-range': 'error' } });
    check('reg', text, [], { rules: { 'static-port-out-of-range': 'off' } });
  });

  test('suppressed by a comment on the line above', () => {
    check('reg', reg(RPC_KEY, '; exchange-ports-disable-next-line static-port-out-of-range', '"TCP/IP Port"=dword:000004d2'), []);
  });

  test('the fix sets the suggested port in the value\'s own type', () => {
    assert.equal(
      applyFix('reg', reg(RPC_KEY, '"TCP/IP Port"=dword:000004d2'), 'static-port-out-of-range', 'Set the RPC Client Access port to 59532'),
      reg(RPC_KEY, '"TCP/IP Port"=dword:0000e88c'),
    );
    assert.equal(
      applyFix('reg', reg(AB_KEY, '"RpcTcpPort"="61000"'), 'static-port-out-of-range', 'Set the Address Book port to 59533'),
      reg(AB_KEY, '"RpcTcpPort"="59533"'),
    );
  });

  test('the fix skips ports used elsewhere in the file', () => {
    const text = reg('; 59532 is taken by the load balancer probe', RPC_KEY, '"TCP/IP Port"=dword:000004d2');
    assert.equal(
      applyFix('reg', text, 'static-port-out-of-range', 'Set the RPC Client Access port to 59533'),
      reg('; 59532 is taken by the load balancer probe', RPC_KEY, '"TCP/IP Port"=dword:0000e88d'),
    );
  });

  test('malformed data is left to the syntax rules', () => {
    check('reg', reg(RPC_KEY, '"TCP/IP Port"=dword:zz'), ['reg-dword-format error 4:21-4:23']);
  });
});
