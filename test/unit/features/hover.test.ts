import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { PartialSettings } from '../../../server/src/service/config';
import { hover } from '../../../server/src/features/hover';
import { emptyModel } from '../../../server/src/parsers/common/model';
import type { AnalyzedDocument } from '../../../server/src/service/types';
import { service, settingsWith, withCursor } from '../support/service';

const HEADER = 'Windows Registry Editor Version 5.00\n\n';
const RPC_KEY = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem]';
const AB_KEY = '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters]';

/** The hover at the `|` cursor: its Markdown and its range as `line:col-line:col` (1-based). */
function hoverAt(marked: string, partial: PartialSettings = {}): { markdown: string; range: string } | null {
  const { document, position } = withCursor('reg', marked);
  const result = service.hover(document, position, settingsWith(partial));
  if (!result) return null;
  assert.ok(typeof result.contents === 'object' && 'kind' in result.contents && result.contents.kind === 'markdown');
  assert.ok(result.range);
  const { start, end } = result.range;
  return { markdown: result.contents.value, range: `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}` };
}

function assertIncludes(markdown: string | undefined, parts: string[]): void {
  assert.ok(markdown !== undefined, 'no hover');
  for (const part of parts) assert.ok(markdown.includes(part), `missing ${JSON.stringify(part)} in:\n${markdown}`);
}

describe('hover on dword data', () => {
  test('a static RPC port: decimal value, the setting, the recommended range and the port entries', () => {
    const result = hoverAt(`${HEADER}${RPC_KEY}\n"TCP/IP Port"=dword:0000e|88c\n`);
    assert.equal(result?.range, '4:15-4:29');
    assertIncludes(result?.markdown, [
      '`0x0000e88c` = **59532** (REG_DWORD)',
      '**TCP/IP Port** — `REG_DWORD` · RPC Client Access (MSExchangeRPC)',
      '- Recommended range: 59531–60554 (suggested: 59532)',
      '- After a change: `Restart-Service MSExchangeRPC`',
      '59532 is inside the recommended range 59531–60554.',
      '**Port 59532** — 5 catalog entries, most specific first:\n\n**Recommended window for Exchange 2010 static RPC ports (RPC Client Access, Address Book)** — 59531–60554/TCP',
      '`WIKI864`: TechNet Wiki 864: Configure Static RPC Ports on an Exchange 2010 Client Access Server',
    ]);
    assert.ok(!result?.markdown.includes('RPC/TCP'));
  });

  test('a port outside the configured range is flagged', () => {
    const result = hoverAt(`${HEADER}${RPC_KEY}\n"TCP/IP Port"=|dword:00001771\n`, { staticPortRange: { min: 50000, max: 50010 } });
    assertIncludes(result?.markdown, ['`0x00001771` = **6001** (REG_DWORD)', '⚠ 6001 is outside the recommended range 50000–50010.', '- Recommended range: 50000–50010']);
  });

  test('any dword shows its decimal value, port or not', () => {
    const result = hoverAt(`${HEADER}[HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso]\n"Flags"=dword:0001|0000\n`);
    assert.deepEqual(result, { markdown: '`0x00010000` = **65536** (REG_DWORD)', range: '4:9-4:23' });
  });

  test('the 2013+ note appears only when the target version has no RPC/TCP', () => {
    const marked = `${HEADER}${RPC_KEY}\n"TCP/IP Port"=dword:0000e|88c\n`;
    const note = '**Exchange 2013:** Outlook no longer connects over RPC/TCP (only HTTPS on 443), so client-facing static RPC ports are an Exchange 2010 matter';
    assertIncludes(hoverAt(marked, { targetVersion: '2013' })?.markdown, [note]);
    assert.ok(!hoverAt(marked, { targetVersion: '2010' })?.markdown.includes('RPC/TCP'));
    assertIncludes(hoverAt(marked, { targetVersion: 'EXO' })?.markdown, ['**Exchange EXO:** Outlook no longer connects over RPC/TCP']);
  });
});

describe('hover on string data', () => {
  test('RpcTcpPort written as a string', () => {
    const result = hoverAt(`${HEADER}${AB_KEY}\n"RpcTcpPort"="595|33"\n`);
    assert.equal(result?.range, '4:14-4:21');
    assertIncludes(result?.markdown, [
      '**RpcTcpPort** — `REG_SZ` · Address Book (MSExchangeAB)',
      '59533 is inside the recommended range 59531–60554.',
      '**Port 59533** — 5 catalog entries',
    ]);
  });

  test('hex-encoded strings are decoded, and each port in them described', () => {
    const bytes = '35,00,30,00,30,00,30,00,2d,00,35,00,31,00,30,00,30,00,00,00,00,00';
    const result = hoverAt(`${HEADER}[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Rpc\\Internet]\n"Ports"=hex(7):|${bytes}\n`);
    assert.equal(result?.range, '4:9-4:81');
    assertIncludes(result?.markdown, ['Decoded: `5000-5100`\n\n---\n\n**Ports** — `REG_MULTI_SZ`', '**Port 5000** — 4 catalog entries', '**Port 5100** — 3 catalog entries']);
  });

  test('a string the catalog knows nothing about has no hover', () => {
    assert.equal(hoverAt(`${HEADER}[HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso]\n"Name"="he|llo"\n`), null);
  });
});

describe('hover on port numbers in comments', () => {
  test('50636 names EdgeSync first', () => {
    const result = hoverAt(`${HEADER}; the Edge needs 506|36 open\n`);
    assert.equal(result?.range, '3:18-3:23');
    assertIncludes(result?.markdown, [
      '**Port 50636** — 6 catalog entries, most specific first:\n\n**EdgeSync (LDAP over SSL to AD LDS)** — 50636/TCP',
      '- Direction: Hub Transport (2010) / Mailbox (2013+) → Edge',
      '- Status: verified',
      '- Sources: `NPR10`, `NP16`, `S0`',
    ]);
  });

  test('unverified entries are marked as hints', () => {
    assertIncludes(hoverAt(`${HEADER}; backend IMAP on 11|43\n`)?.markdown, [
      '**IMAP4 back end, unencrypted** — 1143/TCP',
      '- Status: ⚠ unverified: a hint from domain knowledge, not a fact seen in a source',
    ]);
  });

  test('many entries are capped at six, the rest counted', () => {
    const markdown = hoverAt(`${HEADER}; 4|43\n`)?.markdown ?? '';
    assertIncludes(markdown, ['**Port 443** — 10 catalog entries', '…and 4 more entries for port 443.']);
    assert.equal(markdown.split('\n\n---\n\n').length, 6 + 2);
  });

  test('with a target version, its entries come first', () => {
    assertIncludes(hoverAt(`${HEADER}; 4|43\n`, { targetVersion: '2000/2003' })?.markdown, [
      '**Port 443** — 10 catalog entries, most specific first, Exchange 2000/2003 entries ahead:\n\n**HTTPS',
    ]);
  });

  test('catalog text is escaped: a placeholder like <Server> stays visible', () => {
    assertIncludes(hoverAt(`${HEADER}; 58|7\n`)?.markdown, ['Receive connector "Client Frontend \\<Server\\>"']);
  });

  test('text that is not a number has no hover', () => {
    assert.equal(hoverAt(`${HEADER}; nothing he|re\n`), null);
  });
});

describe('hover on value names', () => {
  test('a known value: what it does, how to apply it', () => {
    const result = hoverAt(`${HEADER}${AB_KEY}\n"RpcT|cpPort"="59533"\n`);
    assert.equal(result?.range, '4:2-4:12');
    assertIncludes(result?.markdown, [
      '**RpcTcpPort** — `REG_SZ` · Address Book (MSExchangeAB)\n\nStatic TCP port of the Exchange 2010 SP1+ Address Book service (NSPI/RFR), stored as a string.',
      '- Key: `HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters`',
      '- After a change: `Restart-Service MSExchangeAB`',
      '- Versions: 2010',
    ]);
  });

  test('a value Microsoft says not to modify carries the warning', () => {
    assertIncludes(hoverAt(`${HEADER}[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeIS\\ParametersSystem]\n"Rpc/HTTP| Port"=dword:00001771\n`)?.markdown, [
      '- ⚠ Microsoft says not to modify this value.',
      '- Usual value: 6001',
    ]);
  });

  test('a partially known value is marked', () => {
    assertIncludes(hoverAt(`${HEADER}${AB_KEY}\n"Nspi|HttpPort"=dword:00001774\n`)?.markdown, ['**NspiHttpPort** — type unknown', '- Status: ⚠ partial: only part of this was seen in a source']);
  });

  test('a known name under another key says where it belongs', () => {
    const result = hoverAt(`${HEADER}[HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso]\n"RpcTcp|Port"="59533"\n`);
    assertIncludes(result?.markdown, [
      'The catalog does not know `RpcTcpPort` under this key. It knows a value of this name under:\n- `HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters`: Static TCP port',
    ]);
  });

  test('the 2013+ note on the name of a static port value', () => {
    assertIncludes(hoverAt(`${HEADER}${RPC_KEY}\n"TCP/IP| Port"=dword:0000e88c\n`, { targetVersion: 'SE' })?.markdown, ['**Exchange SE:** Outlook no longer connects over RPC/TCP']);
  });

  test('an unknown name has no hover', () => {
    assert.equal(hoverAt(`${HEADER}${AB_KEY}\n"Cont|oso"=dword:00000001\n`), null);
  });
});

describe('hover on key paths', () => {
  test('a key that holds settings lists them', () => {
    const result = hoverAt(`${HEADER}[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Param|eters]\n`);
    assert.equal(result?.range, '3:2-3:78');
    assertIncludes(result?.markdown, [
      '**Registry key** `HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters`\n\nValues the catalog knows here and below:\n- `RpcTcpPort` (REG_SZ): Static TCP port of the Exchange 2010 SP1+ Address Book service (NSPI/RFR), stored as a string.',
    ]);
  });

  test('an ancestor key lists the settings below it, with their subkeys', () => {
    assertIncludes(hoverAt(`${HEADER}[HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExch|angeRPC]\n`)?.markdown, [
      'Values the catalog knows below this key:\n- `ParametersSystem` `TCP/IP Port` (REG_DWORD)',
    ]);
  });

  test('a deleted key says so', () => {
    assertIncludes(hoverAt(`${HEADER}[-HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchange|AB\\Parameters]\n`)?.markdown, [
      '— this file deletes it, with every value below it',
    ]);
  });

  test('the static port key gets the 2013+ note', () => {
    assertIncludes(hoverAt(`${HEADER}${RPC_KEY.replace('Parameters', 'Param|eters')}\n`, { targetVersion: '2016' })?.markdown, ['**Exchange 2016:** Outlook no longer connects over RPC/TCP']);
  });

  test('an unknown key has no hover', () => {
    assert.equal(hoverAt(`${HEADER}[HKEY_LOCAL_MACHINE\\SOFTWARE\\Con|toso]\n`), null);
  });
});

describe('hover in any format', () => {
  test('port mentions come from the neutral model, whatever parsed them', () => {
    const text = '# open 50636 for EdgeSync\n';
    const model = emptyModel();
    model.portMentions.push({ start: 7, end: 12, port: 50636 });
    const doc: AnalyzedDocument = {
      textDocument: TextDocument.create('file:///test/edge.ps1', 'powershell', 1, text),
      languageId: 'powershell',
      text,
      eol: '\n',
      model,
      syntax: { format: 'unparsed' },
    };
    const result = hover(doc, 9, settingsWith());
    assert.deepEqual(result?.range, { start: { line: 0, character: 7 }, end: { line: 0, character: 12 } });
    assertIncludes(typeof result?.contents === 'object' && 'value' in result.contents ? result.contents.value : undefined, ['**EdgeSync (LDAP over SSL to AD LDS)** — 50636/TCP']);
  });
});
