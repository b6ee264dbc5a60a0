import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { documentOf, service } from '../support/service';

/** Ranges as `start-end[ kind]`, 1-based lines. */
function foldsOf(lines: string[]): string[] {
  return service
    .foldingRanges(documentOf('reg', lines.join('\r\n')))
    .map((range) => `${range.startLine + 1}-${range.endLine + 1}${range.kind ? ` ${range.kind}` : ''}`);
}

describe('folding ranges', () => {
  test('keys, comment blocks and continued hex values', () => {
    assert.deepEqual(
      foldsOf([
        'Windows Registry Editor Version 5.00', // 1
        '', // 2
        '; Static RPC ports for the CAS array.', // 3
        '; Same values on every server.', // 4
        '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]', // 5
        '"TCP/IP Port"=dword:0000e88c', // 6
        '', // 7
        '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Rpc\\Internet] ; trailing comment', // 8
        '; one comment line', // 9
        '"Ports"=hex(7):35,00,30,00,30,00,30,00,00,00,\\', // 10
        '  00,00', // 11
        '', // 12
        '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Empty]', // 13
      ]),
      ['3-4 comment', '5-6', '8-11', '10-11'],
    );
  });

  test('a trailing comment does not join the comment block below it', () => {
    assert.deepEqual(foldsOf(['Windows Registry Editor Version 5.00', '[HKEY_LOCAL_MACHINE\\SOFTWARE\\A] ; note', '; a', '; b']), ['3-4 comment']);
  });

  test('comment runs split at a non-comment line', () => {
    assert.deepEqual(foldsOf(['; a', '; b', '', '; c', '; d', '; e']), ['1-2 comment', '4-6 comment']);
  });

  test('nothing to fold in a format without blocks or comments', () => {
    assert.deepEqual(service.foldingRanges(documentOf('iptables', '*filter\r\n-A INPUT -p tcp --dport 25 -j ACCEPT\r\nCOMMIT\r\n')), []);
  });
});
