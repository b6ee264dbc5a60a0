import { describe, test } from 'node:test';
import { check, messagesOf } from '../../support/service';
import assert from 'node:assert/strict';

describe('ps-syntax', () => {
  test('an unterminated string and a reg add without its key', () => {
    const text = "reg add /v X\n$s = 'open\n";
    check('powershell', text, ['ps-syntax warning 1:5-1:8', 'ps-syntax warning 2:6-2:7']);
    assert.deepEqual(messagesOf('powershell', text, 'ps-syntax'), ['reg add needs a registry key.', 'This string is missing its closing quote.']);
  });

  test('a well-formed script, severity override and off', () => {
    check('powershell', 'Get-Service MSExchangeRPC | Restart-Service\n', []);
    check('powershell', "$s = 'open\n", ['ps-syntax error 1:6-1:7'], { rules: { 'ps-syntax': 'error' } });
    check('powershell', "$s = 'open\n", [], { rules: { 'ps-syntax': 'off' } });
  });

  test('a port list the firewall cannot read', () => {
    check('powershell', 'New-NetFirewallRule -DisplayName x -Direction Inbound -Protocol TCP -LocalPort "1-2-3" -Action Allow\n', ['ps-syntax warning 1:81-1:86']);
  });
});
