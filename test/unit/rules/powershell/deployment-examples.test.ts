// The deployment examples (examples/deployment/) checked through the service with the examples'
// own .exchange-ports.json: the exact findings examples/README.md lists.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { LanguageId } from '../../../../server/src/service/types';
import { findingsOf } from '../../support/service';

const EXAMPLES = path.resolve(__dirname, '..', '..', '..', '..', 'examples');
const config = JSON.parse(fs.readFileSync(path.join(EXAMPLES, '.exchange-ports.json'), 'utf8'));
const findings = (file: string, languageId: LanguageId) => findingsOf(languageId, fs.readFileSync(path.join(EXAMPLES, 'deployment', file), 'utf8'), config);

describe('examples/deployment', () => {
  test('Set-StaticRpcPorts.ps1 is clean', () => {
    assert.deepEqual(findings('Set-StaticRpcPorts.ps1', 'powershell'), []);
  });

  test('deploy-broken.ps1', () => {
    assert.deepEqual(findings('deploy-broken.ps1', 'powershell'), [
      'restart-required information 5:39-5:50',
      'static-port-wrong-type error 5:59-5:66',
      'static-port-wrong-key error 7:103-7:113',
      'dynamic-rpc-range-open warning 10:93-10:106',
      'plaintext-protocol-exposed warning 11:85-11:88',
      'connector-binding-port warning 13:95-13:97',
      'office365-submission-port warning 14:55-14:58',
    ]);
  });

  test('deploy-broken.cmd', () => {
    assert.deepEqual(findings('deploy-broken.cmd', 'bat'), [
      'restart-required information 5:85-5:96',
      'static-port-conflict error 5:114-5:123',
      'static-port-out-of-range error 5:114-5:123',
      'static-port-wrong-type error 7:35-7:40',
      'dynamic-rpc-range-open warning 9:100-9:110',
      'plaintext-protocol-exposed warning 10:93-10:96',
    ]);
  });
});
