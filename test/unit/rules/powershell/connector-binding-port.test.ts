import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { portEntries } from '../../../../server/src/catalog';
import { DEFAULT_CONNECTORS } from '../../../../server/src/rules/connector-binding-port';
import { applyFix, check, messagesOf } from '../../support/service';

describe('connector-binding-port', () => {
  test('each default connector port is the catalog\'s', () => {
    for (const { port, catalogId } of DEFAULT_CONNECTORS) assert.ok(portEntries(port).some((entry) => entry.id === catalogId), catalogId);
  });

  test('Client Frontend bound to 25, the server name in a variable', () => {
    const text = 'Set-ReceiveConnector "$server\\Client Frontend $server" -Bindings \'0.0.0.0:25\',\'[::]:587\'\n';
    check('powershell', text, ['connector-binding-port warning 1:75-1:77']);
    assert.deepEqual(messagesOf('powershell', text, 'connector-binding-port'), [
      'The Receive connector "Client Frontend <Server>" listens on 587, where the other servers and clients look for it; bound to 25, nothing reaches it.',
    ]);
    assert.equal(applyFix('powershell', text, 'connector-binding-port', 'Bind port 587'), text.replace(':25', ':587'));
  });

  test('Default <Server> is 2525; -Usage Client is 587; -Custom is the admin\'s choice', () => {
    check('powershell', "Set-ReceiveConnector 'EX01\\Default EX01' -Bindings 0.0.0.0:25\n", ['connector-binding-port warning 1:60-1:62']);
    check('powershell', "Set-ReceiveConnector 'EX01\\Default Frontend EX01' -Bindings 0.0.0.0:25\n", []);
    check('powershell', 'New-ReceiveConnector -Name Apps -Usage Client -Bindings 0.0.0.0:2587 -RemoteIPRanges 10.0.0.0/8\n', ['connector-binding-port warning 1:65-1:69']);
    check('powershell', 'New-ReceiveConnector -Name Relay -Custom -Bindings 10.0.0.5:2525 -RemoteIPRanges 10.0.0.0/24\n', []);
  });

  test('POP/IMAP bindings swapped', () => {
    const text = "Set-ImapSettings -SSLBindings '0.0.0.0:143' -UnencryptedOrTLSBindings 0.0.0.0:993\nSet-PopSettings -SSLBindings 0.0.0.0:995 -UnencryptedOrTLSBindings 0.0.0.0:995\n";
    check('powershell', text, ['connector-binding-port warning 1:40-1:43', 'connector-binding-port warning 1:79-1:82', 'connector-binding-port warning 2:76-2:79']);
    assert.match(applyFix('powershell', text, 'connector-binding-port', 'Bind port 993'), /-SSLBindings '0\.0\.0\.0:993'/);
  });

  test('off and suppressed', () => {
    const text = "Set-ReceiveConnector 'EX01\\Default EX01' -Bindings 0.0.0.0:25\n";
    check('powershell', text, [], { rules: { 'connector-binding-port': 'off' } });
    check('powershell', `# exchange-ports-disable-next-line connector-binding-port\n${text}`, []);
  });
});
