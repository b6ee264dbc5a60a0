import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { PartialSettings } from '../../../server/src/service/config';
import { service, settingsWith, withCursor } from '../support/service';

const HEADER = 'Windows Registry Editor Version 5.00\n\n';
const RPC_KEY = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]';
const AB_KEY = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters]';

function completeAt(marked: string, partial: PartialSettings = {}): { items: CompletionItem[]; document: TextDocument } {
  const { document, position } = withCursor('reg', marked);
  return { items: service.completion(document, position, settingsWith(partial)), document };
}

/** Labels with the text each item writes. */
function inserts(marked: string, partial: PartialSettings = {}): string[] {
  return completeAt(marked, partial).items.map((item) => `${item.label} => ${item.textEdit?.newText ?? item.insertText ?? ''}`);
}

/** The document after accepting the item labelled `label`. */
function accept(marked: string, label: string): string {
  const { items, document } = completeAt(marked);
  const item = items.find((candidate) => candidate.label === label);
  assert.ok(item?.textEdit && 'range' in item.textEdit, `no item ${label} among ${items.map((i) => i.label).join(', ')}`);
  return TextDocument.applyEdits(document, [item.textEdit]);
}

describe('value names under a known key', () => {
  test('an empty line under the RPC Client Access key offers TCP/IP Port as a whole line with a free port', () => {
    const { items } = completeAt(`${HEADER}${RPC_KEY}\n|\n`);
    assert.deepEqual(
      items.map((item) => [item.label, item.kind, item.detail, item.textEdit?.newText]),
      [['TCP/IP Port', CompletionItemKind.Property, 'REG_DWORD', '"TCP/IP Port"=dword:0000e88c']],
    );
    const documentation = items[0].documentation;
    assert.ok(typeof documentation === 'object' && documentation.value.startsWith('**TCP/IP Port** — `REG_DWORD` · RPC Client Access (MSExchangeRPC)'));
  });

  test('RpcTcpPort is written as a string; values of unknown type get only their name', () => {
    assert.deepEqual(inserts(`${HEADER}${AB_KEY}\n|`), [
      'RpcTcpPort => "RpcTcpPort"="59533"',
      'TCP/IP Port => "TCP/IP Port"=',
      'NspiHttpPort => "NspiHttpPort"=',
      'RfrHttpPort => "RfrHttpPort"=',
    ]);
  });

  test('the default port skips ports the file already uses', () => {
    assert.deepEqual(inserts(`${HEADER}; 59532 is taken by another service\n${RPC_KEY}\n|`), ['TCP/IP Port => "TCP/IP Port"=dword:0000e88d']);
  });

  test('the default port follows the configured range', () => {
    assert.deepEqual(inserts(`${HEADER}${RPC_KEY}\n|`, { staticPortRange: { min: 60000, max: 60100 } }), ['TCP/IP Port => "TCP/IP Port"=dword:0000ea60']);
  });

  test('values already in the key are not offered again', () => {
    assert.deepEqual(inserts(`${HEADER}${AB_KEY}\n"RpcTcpPort"="59533"\n"NspiHttpPort"=dword:00001774\n|`), [
      'TCP/IP Port => "TCP/IP Port"=',
      'RfrHttpPort => "RfrHttpPort"=',
    ]);
  });

  test('a started name is replaced with the whole line', () => {
    assert.equal(accept(`${HEADER}${RPC_KEY}\n  "TC|\n`, 'TCP/IP Port'), `${HEADER}${RPC_KEY}\n  "TCP/IP Port"=dword:0000e88c\n`);
  });

  test('with data already on the line, only the name is replaced', () => {
    assert.equal(accept(`${HEADER}${RPC_KEY}\n"TC|P"=dword:0000e88c\n`, 'TCP/IP Port'), `${HEADER}${RPC_KEY}\n"TCP/IP Port"=dword:0000e88c\n`);
  });

  test('values the catalog marks "do not modify" come last and say so', () => {
    const { items } = completeAt(`${HEADER}[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeIS\\ParametersSystem]\n|`);
    assert.deepEqual(
      items.map((item) => [item.label, item.detail, item.sortText]),
      [
        ['Rpc/HTTP Port', 'REG_DWORD — Microsoft says not to modify it', '10000'],
        ['TCP/IP Port', 'REG_DWORD', '00001'],
      ],
    );
  });

  test('nothing under an unknown key, a deleted key, before any key, or on a comment', () => {
    assert.deepEqual(inserts(`${HEADER}[HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso]\n|`), []);
    assert.deepEqual(inserts(`${HEADER}[-HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters]\n|`), []);
    assert.deepEqual(inserts(`${HEADER}|`), []);
    assert.deepEqual(inserts(`${HEADER}${RPC_KEY}\n; |`), []);
  });
});

describe('port values after =', () => {
  test('TCP/IP Port: free recommended ports as dwords, 59532 first', () => {
    const { items } = completeAt(`${HEADER}${RPC_KEY}\n"TCP/IP Port"=|\n`);
    assert.deepEqual(
      items.map((item) => [item.label, item.detail]),
      [
        ['dword:0000e88c', '59532: free, in the recommended range 59531–60554'],
        ['dword:0000e88d', '59533: free, in the recommended range 59531–60554'],
        ['dword:0000e88e', '59534: free, in the recommended range 59531–60554'],
        ['dword:0000e88f', '59535: free, in the recommended range 59531–60554'],
        ['dword:0000e890', '59536: free, in the recommended range 59531–60554'],
      ],
    );
    assert.equal(items[0].kind, CompletionItemKind.Value);
  });

  test('RpcTcpPort: strings, 59533 first, skipping the port the RPC Client Access value holds', () => {
    assert.deepEqual(
      completeAt(`${HEADER}${RPC_KEY}\n"TCP/IP Port"=dword:0000e88d\n\n${AB_KEY}\n"RpcTcpPort"=|\n`).items.map((item) => item.label),
      ['"59534"', '"59535"', '"59536"', '"59537"', '"59538"'],
    );
  });

  test('the data being replaced does not count as used, and a trailing comment stays', () => {
    assert.equal(
      accept(`${HEADER}${RPC_KEY}\n"TCP/IP Port"=dw|ord:0000e88c ; chosen by the network team\n`, 'dword:0000e88c'),
      `${HEADER}${RPC_KEY}\n"TCP/IP Port"=dword:0000e88c ; chosen by the network team\n`,
    );
    assert.equal(
      accept(`${HEADER}${RPC_KEY}\n"TCP/IP Port"=dword:|1234\n`, 'dword:0000e88d'),
      `${HEADER}${RPC_KEY}\n"TCP/IP Port"=dword:0000e88d\n`,
    );
  });

  test('a value Microsoft fixed offers its usual port only', () => {
    assert.deepEqual(inserts(`${HEADER}[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeIS\\ParametersSystem]\n"Rpc/HTTP Port"=|`), [
      'dword:00001771 => dword:00001771',
    ]);
  });

  test('no values for a name the catalog does not know under this key', () => {
    assert.deepEqual(inserts(`${HEADER}[HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso]\n"TCP/IP Port"=|`), []);
  });
});

describe('key paths inside [', () => {
  test('every key the catalog knows, inserted with the closing bracket', () => {
    const { items } = completeAt(`${HEADER}[|`);
    assert.equal(items[0].label, 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem');
    assert.equal(items[0].detail, 'TCP/IP Port');
    assert.equal(items[0].kind, CompletionItemKind.Module);
    assert.equal(items[0].textEdit?.newText, `${items[0].label}]`);
    assert.ok(items.some((item) => item.label === 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Rpc\\Internet'));
  });

  test('below a typed parent, only keys under it; an abbreviated hive matches and is expanded', () => {
    const marked = `${HEADER}[HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\|]\n`;
    const { items } = completeAt(marked);
    assert.deepEqual(
      items.map((item) => [item.label, item.filterText]),
      [['HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters', 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters']],
    );
    assert.equal(accept(marked, items[0].label as string), `${HEADER}${AB_KEY}\n`);
  });

  test('nothing after the closing bracket', () => {
    assert.deepEqual(inserts(`${HEADER}${RPC_KEY} |`), []);
  });
});

describe('other formats', () => {
  test('a document without a parser gets no completion', () => {
    const document = TextDocument.create('file:///test/x.ps1', 'powershell', 1, 'Set-ItemProperty ');
    assert.deepEqual(service.completion(document, { line: 0, character: 17 }, settingsWith()), []);
  });
});
