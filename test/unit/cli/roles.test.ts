// The `roles` globs of `.exchange-ports.json` apply in the CLI as in the editor: relative to the
// folder of the config file that declares them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cli, tree } from './helpers';

const EDGE = ['*filter', ':INPUT DROP [0:0]', '-A INPUT -p tcp -m tcp --dport 25 -j ACCEPT', 'COMMIT', ''].join('\n');
const CONFIG = JSON.stringify({ roles: [{ files: 'perimeter/*.rules.v4', role: 'edge-transport', version: '2016' }] });

describe('CLI: roles from .exchange-ports.json', () => {
  test('a file matched by a glob is audited for that role; the same file elsewhere is not', () => {
    const root = tree({ '.exchange-ports.json': CONFIG, 'perimeter/edge.rules.v4': EDGE, 'lab/edge.rules.v4': EDGE });
    const { code, stdout } = cli(['check', '.', '--format', 'json'], root);
    assert.equal(code, 0);
    const findings = JSON.parse(stdout) as { file: string; code: string; line: number }[];
    assert.deepEqual(
      findings.map((finding) => [finding.file, finding.code, finding.line]),
      [['perimeter/edge.rules.v4', 'missing-required-port', 1]],
    );
  });
});
