import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readRoleDirectives } from '../../../server/src/parsers/common/directive';
import type { DocumentModel } from '../../../server/src/parsers/common/model';
import { buildIptablesModel } from '../../../server/src/parsers/iptables/model';
import { buildNftablesModel } from '../../../server/src/parsers/nftables/model';
import { mergeSettings, parseConfigFile, roleForPath } from '../../../server/src/service/config';

/** The directives of an iptables text, each part shown as the text its span covers. */
function directivesOf(text: string, build: (text: string) => { model: DocumentModel } = buildIptablesModel) {
  const { model } = build(text);
  const at = (span: { start: number; end: number } | undefined) => (span ? text.slice(span.start, span.end) : undefined);
  return readRoleDirectives(text, model.comments).map((directive) => ({
    comment: at(directive.span),
    role: directive.role?.value,
    roleAt: at(directive.role?.valueSpan),
    version: directive.version?.value,
    versionAt: at(directive.version?.valueSpan),
    unknown: directive.unknown.map((setting) => at(setting.span)),
  }));
}

describe('role directive', () => {
  test('a # comment in an iptables-save file', () => {
    assert.deepEqual(directivesOf('# exchange-ports: role=edge-transport version=2016\n*filter\nCOMMIT\n'), [
      { comment: '# exchange-ports: role=edge-transport version=2016', role: 'edge-transport', roleAt: 'edge-transport', version: '2016', versionAt: '2016', unknown: [] },
    ]);
  });

  test('in an nftables file, with commas, odd case and an unknown key', () => {
    assert.deepEqual(directivesOf('  #Exchange-Ports: Role=mailbox, version=SE site=dmz\nflush ruleset\n', buildNftablesModel), [
      { comment: '#Exchange-Ports: Role=mailbox, version=SE site=dmz', role: 'mailbox', roleAt: 'mailbox', version: 'SE', versionAt: 'SE', unknown: ['site=dmz'] },
    ]);
  });

  test('an iptables --comment holds one too', () => {
    assert.deepEqual(directivesOf('*filter\n-A INPUT -m comment --comment "exchange-ports: role=mailbox version=2019" -j ACCEPT\nCOMMIT\n'), [
      { comment: '"exchange-ports: role=mailbox version=2019"', role: 'mailbox', roleAt: 'mailbox', version: '2019', versionAt: '2019', unknown: [] },
    ]);
  });

  test('other comments, suppression comments included, are not directives', () => {
    assert.deepEqual(directivesOf('# exchange-ports-disable-next-line firewall-syntax\n# role=mailbox\n'), []);
  });

  test('a repeated key is kept aside for a message', () => {
    assert.deepEqual(directivesOf('# exchange-ports: role=mailbox role=edge-transport\n'), [
      { comment: '# exchange-ports: role=mailbox role=edge-transport', role: 'mailbox', roleAt: 'mailbox', version: undefined, versionAt: undefined, unknown: ['role=edge-transport'] },
    ]);
  });
});

describe('roles in .exchange-ports.json', () => {
  const config = `{ "roles": [
    { "files": "perimeter/*.rules.v4", "role": "edge-transport", "version": "2016" },
    { "files": "**/mbx-*.{nft,conf}", "role": "mailbox", "version": "2019" },
    { "files": "nftables.conf", "role": "client-access", "version": "2010" }
  ] }`;
  const settings = mergeSettings(parseConfigFile(config).settings);

  test('are read and validated', () => {
    assert.deepEqual(parseConfigFile(config).problems, []);
    assert.deepEqual(settings.roles.map((entry) => entry.files), ['perimeter/*.rules.v4', '**/mbx-*.{nft,conf}', 'nftables.conf']);
    const bad = parseConfigFile('{ "roles": [ { "files": "a", "role": "gateway", "version": "2016" }, { "files": "b", "role": "mailbox" } ] }');
    assert.deepEqual(bad.settings.roles, []);
    assert.deepEqual(
      bad.problems.map((problem) => problem.message),
      [
        '"role" must be one of "client-access", "mailbox", "hub-transport", "edge-transport", "unified-messaging", "clients".',
        '"roles" is a list of { "files": "<glob>", "role": "<role>", "version": "<version>" }, all three required.',
      ],
    );
  });

  test('roleForPath matches workspace-relative paths; without a slash, base names anywhere', () => {
    assert.deepEqual(roleForPath(settings, 'perimeter/edge.rules.v4'), { role: 'edge-transport', version: '2016' });
    assert.equal(roleForPath(settings, 'perimeter/old/edge.rules.v4'), undefined);
    assert.deepEqual(roleForPath(settings, 'sites\\paris\\mbx-01.nft'), { role: 'mailbox', version: '2019' });
    assert.deepEqual(roleForPath(settings, 'mbx-02.conf'), { role: 'mailbox', version: '2019' });
    assert.deepEqual(roleForPath(settings, 'etc/nftables.conf'), { role: 'client-access', version: '2010' });
    assert.equal(roleForPath(settings, 'examples/rules.v4'), undefined);
  });

  test('the last matching entry wins', () => {
    const layered = mergeSettings({ roles: [{ files: '*.nft', role: 'mailbox', version: '2016' }, { files: 'edge*.nft', role: 'edge-transport', version: '2016' }] });
    assert.deepEqual(roleForPath(layered, 'edge01.nft'), { role: 'edge-transport', version: '2016' });
    assert.deepEqual(roleForPath(layered, 'mbx01.nft'), { role: 'mailbox', version: '2016' });
  });
});
