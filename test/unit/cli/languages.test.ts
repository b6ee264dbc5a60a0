import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkedLanguageOf, languageOfFileName, supportedFileNames } from '../../../server/src/cli/languages';
import { isSupportedLanguage } from '../../../server/src/service/analyze';

describe('file name → language', () => {
  test('by extension (any case) or by a base name that says the format', () => {
    const cases: Record<string, string | undefined> = {
      'cas.reg': 'reg',
      'C:\\exports\\CAS.REG': 'reg',
      'Set-StaticPorts.ps1': 'powershell',
      'module.psm1': 'powershell',
      'open-ports.cmd': 'bat',
      'OPEN.BAT': 'bat',
      '/etc/iptables/rules.v4': 'iptables',
      'rules.v6': 'iptables',
      'edge.iptables': 'iptables',
      'dmz.nft': 'nftables',
      '/etc/nftables.conf': 'nftables',
      'notes.txt': undefined,
      '.reg': undefined,
      'rules.v5': undefined,
    };
    for (const [fileName, languageId] of Object.entries(cases)) assert.equal(languageOfFileName(fileName), languageId, fileName);
  });

  test('only languages the service supports are checked', () => {
    assert.equal(checkedLanguageOf('cas.reg'), 'reg');
    assert.equal(checkedLanguageOf('Set-StaticPorts.ps1'), isSupportedLanguage('powershell') ? 'powershell' : undefined);
    assert.ok(supportedFileNames().includes('*.reg'));
  });
});
