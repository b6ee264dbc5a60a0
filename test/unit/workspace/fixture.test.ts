// test/fixtures/workspace through the service, read as the server reads it: three Client Access
// servers (cas02 on another RPC port, written UTF-16LE as regedit exports), one perimeter firewall
// that opens 135, 59532 and 59999 only.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { mergeSettings } from '../../../server/src/service/config';
import { crossFileFindings, workspaceFromFolder } from './support';

const FOLDER = path.resolve(__dirname, '..', '..', 'fixtures', 'workspace');

describe('the workspace fixture', () => {
  const workspace = workspaceFromFolder(FOLDER);
  const NOT_OPENED_AB = 'static-port-not-opened warning 8:14-8:21 Address Book static port 59533 is not allowed inbound by any firewall file of the workspace (firewall/perimeter.iptables).';

  test('every supported file is indexed', () => {
    assert.deepEqual([...workspace.documents.keys()], ['firewall/perimeter.iptables', 'servers/cas01.reg', 'servers/cas02.reg', 'servers/cas03.reg']);
  });

  test('cas01 and cas03 differ from cas02; the Address Book port is not opened', () => {
    for (const name of ['servers/cas01.reg', 'servers/cas03.reg']) {
      assert.deepEqual(crossFileFindings(workspace, name), [
        'static-port-mismatch warning 5:15-5:29 RPC Client Access static port 59532 differs from 59600 in servers/cas02.reg: every server of the array needs the same port.',
        NOT_OPENED_AB,
      ]);
    }
  });

  test('cas02 differs from both and its RPC port is not opened either', () => {
    assert.deepEqual(crossFileFindings(workspace, 'servers/cas02.reg'), [
      'static-port-mismatch warning 5:15-5:29 RPC Client Access static port 59600 differs from 59532 in servers/cas01.reg, servers/cas03.reg: every server of the array needs the same port.',
      'static-port-not-opened warning 5:15-5:29 RPC Client Access static port 59600 is not allowed inbound by any firewall file of the workspace (firewall/perimeter.iptables).',
      NOT_OPENED_AB,
    ]);
  });

  test('the firewall opens 59999, which no server uses', () => {
    assert.deepEqual(crossFileFindings(workspace, 'firewall/perimeter.iptables'), [
      'static-port-not-opened information 11:46-11:51 Port 59999 in the static RPC range 59531–60554 is opened, but no file of the workspace configures a static port there (configured: 59532, 59533, 59600).',
    ]);
  });

  test('the reg files have no single-file findings: only the workspace shows their problems', () => {
    for (const name of ['servers/cas01.reg', 'servers/cas02.reg', 'servers/cas03.reg']) {
      const document = workspace.documents.get(name);
      assert.ok(document);
      const codes = workspace.service.diagnostics(document, mergeSettings()).map((diagnostic) => String(diagnostic.code));
      assert.deepEqual(codes.filter((code) => code !== 'static-port-mismatch' && code !== 'static-port-not-opened'), [], name);
    }
  });
});
