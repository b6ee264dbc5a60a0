import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { check, messagesOf } from '../../support/service';

describe('cmd-syntax', () => {
  test('an unclosed block and a reg switch without its value', () => {
    const text = 'if exist x (\r\n  reg add HKLM\\SOFTWARE\\Contoso /v\r\n';
    check('bat', text, ['cmd-syntax warning 1:12-1:13', 'cmd-syntax warning 2:33-2:35']);
    assert.deepEqual(messagesOf('bat', text, 'cmd-syntax'), ["This '(' block is never closed with ')'.", 'reg add: /v needs a value after it.']);
  });

  test('well-formed, override, suppression', () => {
    check('bat', 'if exist x (\r\n  echo y\r\n)\r\n', []);
    check('bat', 'if exist x (\r\n', ['cmd-syntax error 1:12-1:13'], { rules: { 'cmd-syntax': 'error' } });
    check('bat', 'REM exchange-ports-disable-next-line cmd-syntax\r\nif exist x (\r\n', []);
  });

  test('garbage does not throw', () => {
    check('bat', '^^^"\r\n%%%\r\n((( ))) &&& |||\r\n', []);
  });
});
