import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, check } from '../../support/service';

describe('restart-required in cmd', () => {
  const setRpcCmd = 'reg add "HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem" /v "TCP/IP Port" /t REG_DWORD /d 59532 /f';
  const bat = (...lines: string[]) => ['@echo off', ...lines, ''].join('\r\n');

  test('bad and good', () => {
    check('bat', bat(setRpcCmd), ['restart-required information 2:85-2:96']);
    check('bat', bat(setRpcCmd, 'net stop MSExchangeRPC && net start MSExchangeRPC'), []);
    check('bat', bat('sc stop MSExchangeRPC', setRpcCmd, 'sc start MSExchangeRPC'), []);
    check('bat', bat(setRpcCmd, 'shutdown /r /t 0'), []);
    check('bat', bat(setRpcCmd, 'net start MSExchangeRPC'), ['restart-required information 2:85-2:96']);
  });

  test('the fix adds net stop & net start', () => {
    assert.equal(applyFix('bat', bat(setRpcCmd, 'echo done'), 'restart-required', /net stop/), bat(setRpcCmd, 'net stop MSExchangeRPC & net start MSExchangeRPC', 'echo done'));
  });

  test('suppressed with REM and ::', () => {
    check('bat', bat('REM exchange-ports-disable-next-line restart-required', setRpcCmd), []);
    check('bat', bat(':: exchange-ports-disable restart-required', setRpcCmd), []);
  });
});
