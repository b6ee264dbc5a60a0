import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, check, messagesOf } from '../support/service';

const reg = (...lines: string[]) => ['Windows Registry Editor Version 5.00', '', ...lines, ''].join('\r\n');
const SERVICES = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services';

describe('static-port-wrong-key', () => {
  test('TCP/IP Port under MSExchangeRPC\\Parameters instead of ParametersSystem', () => {
    const text = reg(`[${SERVICES}\\MSExchangeRPC\\Parameters]`, '"TCP/IP Port"=dword:0000e88c');
    check('reg', text, ['static-port-wrong-key error 4:2-4:13']);
    assert.deepEqual(messagesOf('reg', text, 'static-port-wrong-key'), [
      'Exchange does not read `TCP/IP Port` here: the RPC Client Access port belongs under `HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem`.',
    ]);
  });

  test('RpcTcpPort under MSExchangeAB\\ParametersSystem', () => {
    check('reg', reg(`[${SERVICES}\\MSExchangeAB\\ParametersSystem]`, '"RpcTcpPort"="59533"'), ['static-port-wrong-key error 4:2-4:12']);
  });

  test('RpcTcpPort under MSExchangeRPC', () => {
    check('reg', reg(`[${SERVICES}\\MSExchangeRPC\\ParametersSystem]`, '"RpcTcpPort"="59533"'), ['static-port-wrong-key error 4:2-4:12']);
  });

  test('the right keys, and unrelated keys with the same value names, are fine', () => {
    check('reg', reg(`[${SERVICES}\\MSExchangeRPC\\ParametersSystem]`, '"TCP/IP Port"=dword:0000e88c'), []);
    check('reg', reg('[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Printers\\RPC]', '"RpcTcpPort"=dword:00000000'), []);
    check('reg', reg(`[${SERVICES}\\MSExchangeIS\\ParametersSystem]`, '"TCP/IP Port"=dword:000004d2'), []);
  });

  test('severity override and suppression', () => {
    const text = reg(`[${SERVICES}\\MSExchangeRPC\\Parameters]`, '"TCP/IP Port"=dword:0000e88c');
    check('reg', text, [], { rules: { 'static-port-wrong-key': 'off' } });
    check('reg', text, ['static-port-wrong-key warning 4:2-4:13'], { rules: { 'static-port-wrong-key': 'warning' } });
    check('reg', reg(`[${SERVICES}\\MSExchangeRPC\\Parameters]`, '; exchange-ports-disable-next-line', '"TCP/IP Port"=dword:0000e88c'), []);
  });

  test('the fix moves the value to the right key', () => {
    const text = reg(`[${SERVICES}\\MSExchangeRPC\\Parameters]`, '"TCP/IP Port"=dword:0000e88c', '"Other"="x"');
    assert.equal(
      applyFix('reg', text, 'static-port-wrong-key', 'Move `TCP/IP Port` to HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem'),
      reg(`[${SERVICES}\\MSExchangeRPC\\Parameters]`, '"Other"="x"', '', `[${SERVICES}\\MSExchangeRPC\\ParametersSystem]`, '"TCP/IP Port"=dword:0000e88c'),
    );
  });
});
