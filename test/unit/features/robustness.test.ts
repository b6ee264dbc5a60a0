// Editor features run on every keystroke, over half-typed text: none of them may throw, at any offset.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { documentOf, service, settingsWith } from '../support/service';

const MALFORMED = [
  '',
  '[',
  '"',
  '@=',
  'Windows Registry Editor Version 5.00\r\n[HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem\r\n"TCP/IP Port"=dword:\r\n"RpcTcpPort"="59533\r\n',
  'REGEDIT4\n\n[-]\n"a\\"b"=hex(7):35,00,\\\n\n"x"=hex:zz,\\\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Rpc\\Internet]\n"Ports"=hex(7):\\',
  'windows registry editor version 5.00\n; 50636 443 99999\n\t"TCP/IP Port"=dword:59532\n[]]]\n=\n"=dword:0000e88c\r[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters]\r"RpcTcpPort"=dword:0000e88d ; 59533',
  '\uFEFFWindows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]\n"TCP/IP Port"=hex(4):8c,e8\n"TCP/IP Port"=dword:ffffffff\n@=-\n"\uD83D\uDE00"="\uD83D\uDE00 6001"\n',
];

const FRAGMENTS = [
  'Windows Registry Editor Version 5.00',
  '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]',
  '[HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters',
  '"TCP/IP Port"=dword:0000e88c',
  '"RpcTcpPort"="59533"',
  '"TCP/IP Port"=',
  '"Ports"=hex(7):35,00,\\',
  '; 50636',
  '"',
  '[',
  '=',
  '-',
  '@',
  ' ',
  '\n',
  '\r\n',
  '\r',
  '\\',
];

function exerciseEveryOffset(document: TextDocument): void {
  const settings = settingsWith({ targetVersion: '2013' });
  const text = document.getText();
  const whole = { start: document.positionAt(0), end: document.positionAt(text.length) };
  service.documentSymbols(document);
  service.foldingRanges(document);
  service.inlayHints(document, whole, settings);
  const diagnostics = service.diagnostics(document, settings);
  for (let offset = 0; offset <= text.length; offset++) {
    const position = document.positionAt(offset);
    service.hover(document, position, settings);
    service.completion(document, position, settings);
    service.codeActions(document, { start: position, end: position }, diagnostics, settings);
  }
}

describe('features never throw', () => {
  for (const [index, text] of MALFORMED.entries()) {
    test(`malformed document ${index + 1}, every offset`, () => {
      assert.doesNotThrow(() => exerciseEveryOffset(documentOf('reg', text)));
    });
  }

  test('documents assembled from .reg fragments, every offset', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }), (parts) => {
        exerciseEveryOffset(documentOf('reg', parts.join('')));
      }),
      { numRuns: 150 },
    );
  });

  test('a document of a language without a parser', () => {
    assert.doesNotThrow(() => exerciseEveryOffset(documentOf('iptables', '-A INPUT -p tcp --dport 50636 -j ACCEPT\n# 443\n')));
  });
});
