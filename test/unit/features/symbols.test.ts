import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { documentOf, service } from '../support/service';

type Outline = { name: string; detail?: string; kind: SymbolKind; range: string; selection: string; children?: Outline[] };

function outline(symbols: DocumentSymbol[]): Outline[] {
  const at = (range: DocumentSymbol['range']) => `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
  return symbols.map((symbol) => ({
    name: symbol.name,
    ...(symbol.detail !== undefined ? { detail: symbol.detail } : {}),
    kind: symbol.kind,
    range: at(symbol.range),
    selection: at(symbol.selectionRange),
    ...(symbol.children && symbol.children.length > 0 ? { children: outline(symbol.children) } : {}),
  }));
}

describe('document symbols', () => {
  test('keys with their values as children', () => {
    const text = [
      'Windows Registry Editor Version 5.00',
      '',
      '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]',
      '"TCP/IP Port"=dword:0000e88c',
      '@="default"',
      '',
      '[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Old]',
      '',
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Rpc\\Internet]',
      '"Ports"=hex(7):35,00,30,00,30,00,30,00,2d,00,35,00,31,00,30,00,30,00,00,00,\\',
      '  00,00',
      '"Obsolete"=-',
      '"Blob"=hex:01,02,03',
      '"Bad"=dword:xyz',
      '',
    ].join('\n');
    assert.deepEqual(outline(service.documentSymbols(documentOf('reg', text))), [
      {
        name: 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem',
        kind: SymbolKind.Namespace,
        range: '3:1-5:12',
        selection: '3:2-3:85',
        children: [
          { name: 'TCP/IP Port', detail: 'REG_DWORD 0x0000e88c (59532)', kind: SymbolKind.Property, range: '4:1-4:29', selection: '4:2-4:13' },
          { name: '(Default)', detail: 'REG_SZ "default"', kind: SymbolKind.Property, range: '5:1-5:12', selection: '5:1-5:2' },
        ],
      },
      { name: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Old', detail: 'deleted', kind: SymbolKind.Namespace, range: '7:1-7:35', selection: '7:3-7:34' },
      {
        name: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Rpc\\Internet',
        kind: SymbolKind.Namespace,
        range: '9:1-14:16',
        selection: '9:2-9:52',
        children: [
          { name: 'Ports', detail: 'REG_MULTI_SZ 5000-5100', kind: SymbolKind.Property, range: '10:1-11:8', selection: '10:2-10:7' },
          { name: 'Obsolete', detail: 'deleted', kind: SymbolKind.Property, range: '12:1-12:13', selection: '12:2-12:10' },
          { name: 'Blob', detail: 'REG_BINARY 3 bytes', kind: SymbolKind.Property, range: '13:1-13:20', selection: '13:2-13:6' },
          { name: 'Bad', detail: 'REG_DWORD (invalid data)', kind: SymbolKind.Property, range: '14:1-14:16', selection: '14:2-14:5' },
        ],
      },
    ]);
  });

  test('long strings are shortened; an empty key still has a name', () => {
    const text = `Windows Registry Editor Version 5.00\n\n[]\n"Path"="${'x'.repeat(60)}"\n`;
    const [key] = service.documentSymbols(documentOf('reg', text));
    assert.equal(key.name, '(empty key)');
    assert.equal(key.children?.[0].detail, `REG_SZ "${'x'.repeat(39)}…"`);
  });

  test('no symbols for a format without an outline', () => {
    assert.deepEqual(service.documentSymbols(documentOf('iptables', '*filter\n-A INPUT -p tcp --dport 25 -j ACCEPT\nCOMMIT\n')), []);
  });
});
