// Document symbols and folding ranges of PowerShell scripts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { documentOf, service } from '../../support/service';

const SCRIPT = [
  'function Set-StaticPorts {', // 0
  '  param($Port)',
  '  if ($Port) {',
  "    Set-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem' -Name 'TCP/IP Port' -Value 59532 -Type DWord",
  '  }',
  '}', // 5
  '<# Firewall',
  '   rules #>',
  '$note = @"',
  'Restart MSExchangeRPC afterwards.',
  '"@', // 10
  'New-NetFirewallRule -DisplayName "Exchange RPC" -LocalPort 135,59532',
  '$rule = @{',
  '  LocalPort = 59533',
  '}',
].join('\n');

function outline(symbols: DocumentSymbol[]): unknown[] {
  return symbols.map((symbol) => [symbol.name, symbol.detail ?? '', symbol.range.start.line, ...(symbol.children?.length ? [outline(symbol.children)] : [])]);
}

describe('powershell outline', () => {
  test('functions hold the registry values they write; firewall rules are named', () => {
    assert.deepEqual(outline(service.documentSymbols(documentOf('powershell', SCRIPT))), [
      ['Set-StaticPorts', '', 0, [['TCP/IP Port', 'REG_DWORD 0x0000e88c (59532) · …\\MSExchangeRPC\\ParametersSystem', 3]]],
      ['Exchange RPC', 'New-NetFirewallRule', 11],
    ]);
  });

  test('folding: script blocks up to their closing brace, the block comment, the here-string, the hashtable', () => {
    assert.deepEqual(
      service.foldingRanges(documentOf('powershell', SCRIPT)).map((range) => `${range.startLine}-${range.endLine}${range.kind ? ` ${range.kind}` : ''}`),
      ['0-4', '2-3', '6-7 comment', '8-10', '12-13'],
    );
  });
});
