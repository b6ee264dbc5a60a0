import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { documentOf, service, settingsWith, withCursor } from '../support/service';

const EDGE = '# exchange-ports: role=edge-transport version=2016';
const iptables = (...lines: string[]) => ['# perimeter firewall', ...lines, '*filter', ':INPUT DROP [0:0]', '-A INPUT -p tcp --dport 25 -j ACCEPT', 'COMMIT', ''].join('\n');

describe('code lens on the role directive', () => {
  test('counts the required ports, above the directive, and opens the rule docs', () => {
    const lenses = service.codeLenses(documentOf('iptables', iptables(EDGE)), settingsWith());
    assert.deepEqual(lenses, [
      {
        range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
        command: { title: '2 required ports: 1 open, 1 missing', command: 'exchangePorts.showRuleDocumentation', arguments: ['missing-required-port'] },
      },
    ]);
  });

  test('a role from settings puts it on the first line; no role, no lens', () => {
    const text = iptables();
    assert.deepEqual(
      service.codeLenses(documentOf('iptables', text), settingsWith({ role: { role: 'edge-transport', version: '2016' } })).map((lens) => [lens.range.start.line, lens.command?.title]),
      [[0, '2 required ports: 1 open, 1 missing']],
    );
    assert.deepEqual(service.codeLenses(documentOf('iptables', text), settingsWith()), []);
    assert.deepEqual(service.codeLenses(documentOf('reg', `Windows Registry Editor Version 5.00\n; ${EDGE.slice(2)}\n`), settingsWith()), []);
  });
});

describe('hover on the role directive', () => {
  test('the role\'s port table from the catalog, with what this file opens', () => {
    const { document, position } = withCursor('iptables', iptables(EDGE.replace('role=', 'ro|le=')));
    const result = service.hover(document, position, settingsWith());
    assert.ok(result && typeof result.contents === 'object' && 'value' in result.contents);
    assert.deepEqual(result.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 50 } });
    const lines = result.contents.value.split('\n');
    assert.equal(lines[0], '**Edge Transport 2016** — 2 required inbound ports: 1 open, 1 missing');
    assert.equal(lines[2], '| Port | Transport | Service | From | Why | Status |');
    assert.ok(lines.includes('| 25 | TCP | Edge Receive connector "Default internal receive connector \\<Edge\\>" | Internet → Edge; Mailbox → Edge | **Required inbound.** Binds IPv4 only (0.0.0.0) by default. | ✔ open |'), lines.join('\n'));
    assert.ok(lines.some((line) => line.startsWith('| 50636 | TCP | EdgeSync (LDAP over SSL to AD LDS) |') && line.endsWith('| ✘ missing |')), lines.join('\n'));
    assert.ok(lines.some((line) => line.startsWith('| 50389 | TCP | AD LDS LDAP without SSL on the Edge server |') && line.endsWith('| closed |')), lines.join('\n'));
  });

  test('elsewhere in the file, the usual port hover', () => {
    const { document, position } = withCursor('iptables', iptables(EDGE).replace('--dport 25', '--dport 2|5'));
    const result = service.hover(document, position, settingsWith());
    assert.ok(result && typeof result.contents === 'object' && 'value' in result.contents);
    assert.match(result.contents.value, /^\*\*Port 25\*\*/);
  });
});
