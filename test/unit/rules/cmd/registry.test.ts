// The registry rules on batch scripts: `reg add` with quotes, `%VAR%`, `^` continuations, and
// the quick fixes written back as reg.exe arguments.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, check, messagesOf } from '../../support/service';

const RPC = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem';
const AB = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters';
const bat = (...lines: string[]) => ['@echo off', ...lines, 'net stop MSExchangeRPC & net start MSExchangeRPC', 'net stop MSExchangeAB & net start MSExchangeAB', ''].join('\r\n');

describe('registry rules in cmd', () => {
  test('static-port-out-of-range through %VAR%: the fix writes the literal', () => {
    const text = bat('set PORT=1234', `reg add "${RPC}" /v "TCP/IP Port" /t REG_DWORD /d %PORT% /f`);
    check('bat', text, ['static-port-out-of-range warning 3:114-3:120']);
    assert.equal(applyFix('bat', text, 'static-port-out-of-range', 'Set the RPC Client Access port to 59532'), bat('set PORT=1234', `reg add "${RPC}" /v "TCP/IP Port" /t REG_DWORD /d 59532 /f`));
  });

  test('static-port-wrong-type: reg add /t REG_SZ for TCP/IP Port, across a ^ continuation', () => {
    const text = bat(`reg add "${RPC}" ^`, '    /v "TCP/IP Port" /t REG_SZ /d 59532 /f');
    check('bat', text, ['static-port-wrong-type error 3:35-3:40']);
    assert.deepEqual(messagesOf('bat', text, 'static-port-wrong-type'), [
      '`TCP/IP Port` must be a REG_DWORD (`/t REG_DWORD`), not REG_SZ: RPC Client Access ignores it and keeps a dynamic port.',
    ]);
    assert.equal(applyFix('bat', text, 'static-port-wrong-type', 'Convert to REG_DWORD 59532'), bat(`reg add "${RPC}" ^`, '    /v "TCP/IP Port" /t REG_DWORD /d 59532 /f'));
  });

  test('static-port-wrong-type: RpcTcpPort as REG_DWORD', () => {
    const text = bat(`reg add ${AB} /v RpcTcpPort /t REG_DWORD /d 59533 /f`);
    check('bat', text, ['static-port-wrong-type error 2:102-2:107']);
    assert.equal(applyFix('bat', text, 'static-port-wrong-type', 'Convert to REG_SZ 59533'), bat(`reg add ${AB} /v RpcTcpPort /t REG_SZ /d 59533 /f`));
  });

  test('static-port-wrong-key: RpcTcpPort under ParametersSystem, the fix keeps the HKLM style', () => {
    const text = bat(`reg add ${AB}System /v RpcTcpPort /t REG_SZ /d 59533 /f`);
    check('bat', text, ['static-port-wrong-key error 2:81-2:91']);
    assert.equal(applyFix('bat', text, 'static-port-wrong-key', /Move/), bat(`reg add ${AB} /v RpcTcpPort /t REG_SZ /d 59533 /f`));
  });

  test('static-port-conflict and invalid-port', () => {
    check('bat', bat(`reg add "${RPC}" /v "TCP/IP Port" /t REG_DWORD /d 135 /f`), ['static-port-conflict error 2:114-2:117', 'static-port-out-of-range warning 2:114-2:117']);
    check('bat', bat(`reg add "${RPC}" /v "TCP/IP Port" /t REG_DWORD /d 0 /f`), ['invalid-port error 2:114-2:115']);
  });

  test('good script, severity off, suppression with REM and ::', () => {
    const good = [`reg add "${RPC}" /v "TCP/IP Port" /t REG_DWORD /d 59532 /f`, `reg add ${AB} /v RpcTcpPort /t REG_SZ /d 59533 /f`];
    check('bat', bat(...good), []);
    const bad = `reg add "${RPC}" /v "TCP/IP Port" /t REG_DWORD /d 1234 /f`;
    check('bat', bat(bad), [], { rules: { 'static-port-out-of-range': 'off' } });
    check('bat', bat('REM exchange-ports-disable-next-line static-port-out-of-range', bad), []);
    check('bat', bat(':: exchange-ports-disable-next-line', bad), []);
  });
});
