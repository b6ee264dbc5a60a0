// language-configuration/reg.json: what VS Code reads from it, and the words its wordPattern makes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './textmate';

interface LanguageConfiguration {
  comments: { lineComment: string };
  brackets: [string, string][];
  autoClosingPairs: { open: string; close: string; notIn?: string[] }[];
  surroundingPairs: [string, string][];
  wordPattern: string;
}

const configuration = JSON.parse(readFileSync(join(REPO_ROOT, 'language-configuration', 'reg.json'), 'utf8')) as LanguageConfiguration;

/** The words VS Code finds on a line (double-click, word-based suggestions, the default completion range). */
function words(line: string): string[] {
  return line.match(new RegExp(configuration.wordPattern, 'g')) ?? [];
}

describe('reg language configuration', () => {
  test('comments, brackets and pairs', () => {
    assert.equal(configuration.comments.lineComment, ';');
    assert.deepEqual(configuration.brackets, [['[', ']']]);
    assert.deepEqual(configuration.autoClosingPairs, [
      { open: '[', close: ']', notIn: ['string', 'comment'] },
      { open: '"', close: '"', notIn: ['string', 'comment'] },
    ]);
    assert.deepEqual(configuration.surroundingPairs, [['[', ']'], ['"', '"']]);
  });

  test('a value name keeps TCP/IP together, and the dword digits are one word', () => {
    assert.deepEqual(words('"TCP/IP Port"=dword:0000e86c'), ['TCP/IP', 'Port', 'dword', '0000e86c']);
  });

  test('key paths split at backslashes, hex lists at commas', () => {
    assert.deepEqual(words('[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters]'), [
      'HKEY_LOCAL_MACHINE',
      'SYSTEM',
      'CurrentControlSet',
      'Services',
      'MSExchangeAB',
      'Parameters',
    ]);
    assert.deepEqual(words('"Ports"=hex(7):35,00,2d,00,\\'), ['Ports', 'hex', '7', '35', '00', '2d', '00']);
  });

  test('numbers, port ranges and file names are whole words', () => {
    assert.deepEqual(words('"RpcTcpPort"="59533" ; 5000-5100 in Microsoft.Exchange.AddressBook.Service.exe.config, version 5.00'), [
      'RpcTcpPort',
      '59533',
      '5000-5100',
      'in',
      'Microsoft.Exchange.AddressBook.Service.exe.config',
      'version',
      '5.00',
    ]);
  });
});
