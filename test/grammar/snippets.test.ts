// The .reg snippets, checked on the text they insert when every default is accepted.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IGrammar } from 'vscode-textmate';
import { invalidTokens, loadRegGrammar, REPO_ROOT, tokenizeLines } from './textmate';
import { expandSnippet, type Snippet } from './snippetExpansion';

const HEADER = 'Windows Registry Editor Version 5.00';
const RPC_KEY = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]';
const AB_KEY = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters]';
const RPC_INTERNET_KEY = '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Rpc\\Internet]';

const snippets = JSON.parse(readFileSync(join(REPO_ROOT, 'snippets', 'reg.json'), 'utf8')) as Record<string, Snippet>;

function expandedLines(name: string): string[] {
  const snippet = snippets[name];
  assert.ok(snippet, `no snippet ${name}`);
  return expandSnippet(snippet.body).split('\n');
}

/** The bytes of a `hex…:` value, following its `\` continuation lines. */
function hexBytes(lines: string[], valuePrefix: string): number[] {
  const first = lines.findIndex((line) => line.startsWith(valuePrefix));
  assert.ok(first >= 0, `no line starts with ${valuePrefix}`);
  let text = lines[first].slice(valuePrefix.length);
  for (let i = first + 1; text.endsWith('\\'); i++) text = text.slice(0, -1) + lines[i].trim();
  return text.split(',').map((byte) => {
    assert.match(byte, /^[0-9a-f]{2}$/);
    return parseInt(byte, 16);
  });
}

/** REG_MULTI_SZ: UTF-16LE strings, each ended by NUL, the list ended by one more NUL. */
function decodeMultiString(bytes: number[]): string[] {
  assert.equal(bytes.length % 2, 0, 'UTF-16LE needs an even byte count');
  const text = Buffer.from(bytes).toString('utf16le');
  assert.ok(text.endsWith('\0\0'), `not double-NUL terminated: ${JSON.stringify(text)}`);
  return text.slice(0, -2).split('\0');
}

describe('expandSnippet', () => {
  test('placeholders keep their default and mirrors repeat it', () => {
    assert.equal(expandSnippet('"${1:Name}"=dword:${2:00000001} ; $1'), '"Name"=dword:00000001 ; Name');
  });

  test('a choice takes its first option; $0 and bare tab stops insert nothing', () => {
    assert.equal(expandSnippet(['"Y"="${1|Y,N|}"$2', '$0']), '"Y"="Y"\n');
  });

  test('nested placeholders and variables with defaults', () => {
    assert.equal(expandSnippet('${1:a ${2:b} c} ${TM_SELECTED_TEXT:none} $TM_FILENAME.'), 'a b c none .');
  });

  test('escapes: \\$, \\}, \\\\ and, in a choice, \\, and \\|', () => {
    assert.equal(expandSnippet('\\$1 \\} \\\\ ${1|a\\,b,c|} \\n'), '$1 } \\ a,b \\n');
  });

  test('a literal $ that starts nothing stays', () => {
    assert.equal(expandSnippet('cost $ 5'), 'cost $ 5');
  });

  test('unsupported or broken syntax throws instead of expanding wrongly', () => {
    assert.throws(() => expandSnippet('${1/(.*)/$1/}'), /transforms are not supported/);
    assert.throws(() => expandSnippet('${1:open'), /Unclosed placeholder/);
    assert.throws(() => expandSnippet('${1|a,b'), /Unclosed choice/);
  });
});

describe('reg snippets', () => {
  test('the snippets on offer', () => {
    assert.deepEqual(Object.keys(snippets).sort(), ['exchange-public-folder-rpc', 'exchange-static-rpc', 'regedit-header', 'rpc-internet-ports']);
    for (const [name, snippet] of Object.entries(snippets)) {
      assert.equal(snippet.prefix, name);
      assert.ok((snippet.description ?? '').length > 40, `${name} needs a description`);
    }
  });

  test('regedit-header', () => {
    assert.deepEqual(expandedLines('regedit-header'), [HEADER, '', '']);
  });

  test('only regedit-header inserts a header, so the others fit into an existing file', () => {
    for (const name of Object.keys(snippets).filter((name) => name !== 'regedit-header')) {
      assert.ok(!expandedLines(name).includes(HEADER), `${name} inserts a header`);
    }
  });

  test('exchange-static-rpc', () => {
    const lines = expandedLines('exchange-static-rpc');
    assert.deepEqual(
      lines.filter((line) => line !== '' && !line.startsWith(';')),
      [RPC_KEY, '"TCP/IP Port"=dword:0000e88c', AB_KEY, '"RpcTcpPort"="59533"'],
    );
    assert.ok(
      lines.some((line) => line.startsWith(';') && /restart/i.test(line) && line.includes('MSExchangeRPC') && line.includes('MSExchangeAB')),
      'a comment tells to restart MSExchangeRPC and MSExchangeAB',
    );
    const description = snippets['exchange-static-rpc'].description ?? '';
    for (const mentioned of ['TCP/IP Port', 'dword:0000e88c', '59532', 'RpcTcpPort', '59533']) assert.ok(description.includes(mentioned), mentioned);
  });

  test('exchange-static-rpc: two different ports inside 59531-60554', () => {
    const lines = expandedLines('exchange-static-rpc');
    const rpcPort = parseInt(/^"TCP\/IP Port"=dword:([0-9a-f]{8})$/.exec(lines.find((line) => line.startsWith('"TCP/IP Port"')) ?? '')?.[1] ?? '', 16);
    const abPort = Number(/^"RpcTcpPort"="(\d+)"$/.exec(lines.find((line) => line.startsWith('"RpcTcpPort"')) ?? '')?.[1]);
    assert.deepEqual([rpcPort, abPort], [59532, 59533]);
  });

  test('exchange-public-folder-rpc', () => {
    const lines = expandedLines('exchange-public-folder-rpc');
    assert.deepEqual(
      lines.filter((line) => line !== '' && !line.startsWith(';')),
      [RPC_KEY, '"TCP/IP Port"=dword:0000e88c'],
    );
    assert.ok(lines.some((line) => line.startsWith(';') && /public folder/i.test(line)));
    assert.ok(lines.some((line) => line.startsWith(';') && /restart/i.test(line) && line.includes('MSExchangeRPC')));
  });

  test('rpc-internet-ports', () => {
    const lines = expandedLines('rpc-internet-ports');
    assert.equal(lines.find((line) => line.startsWith('[')), RPC_INTERNET_KEY);
    assert.ok(lines.includes('"PortsInternetAvailable"="Y"'));
    assert.ok(lines.includes('"UseInternetPorts"="Y"'));
    const comment = lines.filter((line) => line.startsWith(';')).map((line) => line.slice(1).trim()).join(' ');
    assert.match(comment, /Reboot/);
    assert.match(comment, /above 5000 and at least 100 ports wide/);
  });

  test('rpc-internet-ports: the hex(7) bytes spell "5000-5100" as REG_MULTI_SZ', () => {
    const ranges = decodeMultiString(hexBytes(expandedLines('rpc-internet-ports'), '"Ports"=hex(7):'));
    assert.deepEqual(ranges, ['5000-5100']);
    const [low, high] = ranges[0].split('-').map(Number);
    const portsAbove5000 = high - Math.max(low, 5001) + 1;
    assert.ok(portsAbove5000 >= 100, `${portsAbove5000} ports above 5000`);
  });

  describe('under the grammar', () => {
    let grammar: IGrammar;
    before(async () => {
      grammar = await loadRegGrammar();
    });

    for (const name of Object.keys(snippets)) {
      test(`${name} has no invalid token after a header`, () => {
        const lines = name === 'regedit-header' ? expandedLines(name) : [HEADER, '', ...expandedLines(name)];
        assert.deepEqual(invalidTokens(tokenizeLines(grammar, lines)), []);
      });
    }
  });
});
