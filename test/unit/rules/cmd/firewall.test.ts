import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildCmdModel } from '../../../../server/src/parsers/cmd/model';
import { applyFix, check } from '../../support/service';

const netsh = (args: string) => `netsh advfirewall firewall add rule name="Exchange" dir=in action=allow protocol=TCP ${args}`;
const bat = (...lines: string[]) => ['@echo off', ...lines, ''].join('\r\n');

describe('netsh advfirewall in the model', () => {
  test('add, set … new, delete; remote addresses; ^ continuation and %VAR%', () => {
    const text = bat('set RANGE=135,59532', `${netsh('^')}`, '    localport=%RANGE% remoteip=10.0.0.0/8,LocalSubnet', 'netsh advfirewall firewall set rule name="Exchange" new localport=135,59532,59533', netsh('localport=25').replace('"Exchange"', 'Old'), 'netsh advfirewall firewall delete rule name=Old');
    const { rules } = buildCmdModel(text).model.firewall;
    assert.deepEqual(
      rules.map((r) => [r.direction, r.action, r.destinationPorts, r.source]),
      [['inbound', 'allow', [{ from: 135, to: 135 }, { from: 59532, to: 59533 }], { any: false, values: ['10.0.0.0/8', 'LocalSubnet'], negated: false, text: '10.0.0.0/8,LocalSubnet' }]],
    );
  });
});

describe('firewall rules in cmd', () => {
  test('dynamic-rpc-range-open with the netsh fix', () => {
    const text = bat(netsh('localport=1024-65535'));
    check('bat', text, ['dynamic-rpc-range-open warning 2:96-2:106']);
    assert.equal(applyFix('bat', text, 'dynamic-rpc-range-open', /Open only/), bat(netsh('localport=135,59532,59533')));
  });

  test('plaintext-protocol-exposed: IMAP from anywhere, fine from the local subnet', () => {
    const text = bat(netsh('localport=143 remoteip=any'));
    check('bat', text, ['plaintext-protocol-exposed warning 2:96-2:99']);
    assert.equal(applyFix('bat', text, 'plaintext-protocol-exposed', 'Open 993 instead of 143'), bat(netsh('localport=993 remoteip=any')));
    check('bat', bat(netsh('localport=143 remoteip=localsubnet')), []);
  });

  test('invalid-port, suppression, and a blocking rule', () => {
    check('bat', bat(netsh('localport=135,0')), ['invalid-port error 2:100-2:101']);
    check('bat', bat('REM exchange-ports-disable-next-line invalid-port', netsh('localport=135,0')), []);
    check('bat', bat(netsh('localport=143').replace('action=allow', 'action=block')), []);
  });
});
