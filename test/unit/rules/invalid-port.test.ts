import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, check, messagesOf } from '../support/service';

const RPC_KEY = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]';
const AB_KEY = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters]';
const reg = (...lines: string[]) => ['Windows Registry Editor Version 5.00', '', ...lines, ''].join('\r\n');

describe('invalid-port', () => {
  test('a dword of 0 or above 65535', () => {
    check('reg', reg(RPC_KEY, '"TCP/IP Port"=dword:00000000'), ['invalid-port error 4:15-4:29']);
    check('reg', reg(RPC_KEY, '"TCP/IP Port"=dword:00011170'), ['invalid-port error 4:15-4:29']);
    assert.deepEqual(messagesOf('reg', reg(RPC_KEY, '"TCP/IP Port"=dword:00011170'), 'invalid-port'), [
      'RPC Client Access port 70000 is not a port: use a whole number from 1 to 65535 (recommended 59531–60554).',
    ]);
  });

  test('a string that is not a number', () => {
    check('reg', reg(AB_KEY, '"RpcTcpPort"="port59533"'), ['invalid-port error 4:14-4:25']);
    assert.deepEqual(messagesOf('reg', reg(AB_KEY, '"RpcTcpPort"="port59533"'), 'invalid-port'), [
      'Address Book port "port59533" is not a port: use a whole number from 1 to 65535 (recommended 59531–60554).',
    ]);
  });

  test('an unreadable Rpc\\Internet Ports entry', () => {
    // "5000-70000" NUL NUL as UTF-16LE bytes.
    const bytes = [...'5000-70000\0\0'].map((c) => `${c.charCodeAt(0).toString(16).padStart(2, '0')},00`).join(',');
    const text = reg('[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Rpc\\Internet]', `"Ports"=hex(7):${bytes}`);
    assert.deepEqual(messagesOf('reg', text, 'invalid-port'), [
      'RPC `Ports` entry "5000-70000" cannot be read: Windows then ignores the whole RPC port configuration. Each entry must be a port or a range like 5000-5100 within 1–65535.',
    ]);
  });

  test('valid ports are fine', () => {
    check('reg', reg(RPC_KEY, '"TCP/IP Port"=dword:0000e88c', AB_KEY, '"RpcTcpPort"="59533"'), []);
  });

  test('severity override and suppression', () => {
    check('reg', reg(RPC_KEY, '"TCP/IP Port"=dword:00000000'), [], { rules: { 'invalid-port': 'off' } });
    check('reg', reg(RPC_KEY, '; exchange-ports-disable-next-line invalid-port', '"TCP/IP Port"=dword:00000000'), []);
  });

  test('the fix sets a recommended port', () => {
    assert.equal(applyFix('reg', reg(AB_KEY, '"RpcTcpPort"="abc"'), 'invalid-port', 'Set the Address Book port to 59533'), reg(AB_KEY, '"RpcTcpPort"="59533"'));
  });
});
