import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, check, messagesOf } from '../../support/service';

const RPC = 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem';
const AB = 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters';
const setRpc = `Set-ItemProperty -Path '${RPC}' -Name 'TCP/IP Port' -Value 59532 -Type DWord`;
const setAb = `Set-ItemProperty -Path '${AB}' -Name 'RpcTcpPort' -Value '59533' -Type String`;
const ps = (...lines: string[]) => [...lines, ''].join('\n');

describe('restart-required in PowerShell', () => {
  test('a port set and never restarted', () => {
    const text = ps(setRpc, setAb);
    check('powershell', text, ['restart-required information 1:104-1:115', 'restart-required information 2:97-2:107']);
    assert.deepEqual(messagesOf('powershell', text, 'restart-required'), [
      'The RPC Client Access port is set here, but MSExchangeRPC is not restarted afterwards: it keeps listening on its old port until it restarts.',
      'The Address Book port is set here, but MSExchangeAB is not restarted afterwards: it keeps listening on its old port until it restarts.',
    ]);
  });

  test('each way of restarting counts', () => {
    for (const restart of [
      'Restart-Service MSExchangeRPC, MSExchangeAB -Force',
      'Restart-Service -Name:MSExchangeRPC,MSExchangeAB',
      'Get-Service MSExchangeRPC, MSExchangeAB | Restart-Service',
      "'MSExchangeRPC', 'MSExchangeAB' | Restart-Service",
      'Restart-Service MSExchange*',
      'Restart-Computer -Force',
      'net stop MSExchangeRPC; net stop MSExchangeAB; net start MSExchangeRPC; net start MSExchangeAB',
    ]) {
      check('powershell', ps(setRpc, setAb, restart), [], {});
    }
    check('powershell', ps('Stop-Service MSExchangeRPC, MSExchangeAB', setRpc, setAb, 'Start-Service MSExchangeRPC, MSExchangeAB'), []);
  });

  test('a restart before the write does not count, nor a start without a stop', () => {
    check('powershell', ps('Restart-Service MSExchangeRPC', setRpc), ['restart-required information 2:104-2:115']);
    check('powershell', ps(setRpc, 'Start-Service MSExchangeRPC'), ['restart-required information 1:104-1:115']);
    check('powershell', ps(setRpc, 'sc stop MSExchangeRPC; sc start MSExchangeRPC'), ['restart-required information 1:104-1:115']);
  });

  test('the fix adds Restart-Service after the write, indented like it, in the file\'s line endings', () => {
    const text = ['if ($true) {', `    ${setRpc}`, '}', ''].join('\r\n');
    assert.equal(applyFix('powershell', text, 'restart-required', 'Add `Restart-Service MSExchangeRPC` after the change'), ['if ($true) {', `    ${setRpc}`, '    Restart-Service MSExchangeRPC', '}', ''].join('\r\n'));
    assert.equal(applyFix('powershell', setRpc, 'restart-required', /Restart-Service/), `${setRpc}\r\nRestart-Service MSExchangeRPC`);
  });

  test('off, suppressed, and the SuppressMessageAttribute on the script or a function', () => {
    check('powershell', ps(setRpc), [], { rules: { 'restart-required': 'off' } });
    check('powershell', ps(setRpc), ['restart-required warning 1:104-1:115'], { rules: { 'restart-required': 'warning' } });
    check('powershell', ps('# exchange-ports-disable-next-line restart-required', setRpc), []);
    check('powershell', ps("[Diagnostics.CodeAnalysis.SuppressMessageAttribute('exchange-ports/restart-required', '')]", 'param()', setRpc), []);
    const inFunction = ps('function Set-Port {', "    [Diagnostics.CodeAnalysis.SuppressMessageAttribute('exchange-ports/restart-required', '')]", '    param()', `    ${setRpc}`, '}', setAb);
    check('powershell', inFunction, ['restart-required information 6:97-6:107']);
    check('powershell', ps("[Diagnostics.CodeAnalysis.SuppressMessageAttribute('exchange-ports/static-port-out-of-range', '')]", 'param()', setRpc), ['restart-required information 3:104-3:115']);
  });
});
