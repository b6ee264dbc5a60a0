import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFix, check, messagesOf } from '../../support/service';

const send = (rest: string) => `Send-MailMessage -SmtpServer smtp.office365.com ${rest} -From a@contoso.com -To b@contoso.com -Subject Test\n`;

describe('office365-submission-port', () => {
  test('Send-MailMessage on 465: the fix moves to 587 and adds -UseSsl', () => {
    const text = send('-Port 465');
    check('powershell', text, ['office365-submission-port warning 1:55-1:58']);
    assert.deepEqual(messagesOf('powershell', text, 'office365-submission-port'), [
      'Send-MailMessage to smtp.office365.com uses port 465, but Microsoft 365 offers no implicit TLS (SMTPS) for client submission: use 587 with STARTTLS.',
    ]);
    assert.equal(applyFix('powershell', text, 'office365-submission-port', 'Use port 587 with -UseSsl'), send('-Port 587').replace('\n', ' -UseSsl\n'));
  });

  test('no -Port means 25; 587 without -UseSsl has no STARTTLS', () => {
    check('powershell', send('-UseSsl'), ['office365-submission-port warning 1:30-1:48']);
    assert.equal(applyFix('powershell', send('-UseSsl'), 'office365-submission-port', 'Add -Port 587'), send('-UseSsl').replace('\n', ' -Port 587\n'));
    check('powershell', send('-Port 587'), ['office365-submission-port warning 1:1-1:17']);
    assert.equal(applyFix('powershell', send('-Port 587'), 'office365-submission-port', 'Add -UseSsl'), send('-Port 587').replace('\n', ' -UseSsl\n'));
  });

  test('splatted and -UseSsl:$false', () => {
    check('powershell', "$m = @{ SmtpServer = 'smtp.office365.com'; Port = 587; UseSsl = $true }\nSend-MailMessage @m -To x\n", []);
    check('powershell', send('-Port 587 -UseSsl:$false'), ['office365-submission-port warning 1:1-1:17']);
  });

  test('SmtpClient: constructor, ::new, .Port, EnableSsl', () => {
    check('powershell', "$c = New-Object System.Net.Mail.SmtpClient('smtp.office365.com', 465)\n$c.EnableSsl = $true\n", ['office365-submission-port warning 1:66-1:69']);
    check('powershell', "$c = [System.Net.Mail.SmtpClient]::new('smtp.office365.com')\n$c.Port = 25\n", ['office365-submission-port warning 2:11-2:13']);
    check('powershell', "$c = New-Object Net.Mail.SmtpClient 'smtp.office365.com', 587\n", ['office365-submission-port warning 1:6-1:62']);
    check('powershell', "$c = New-Object Net.Mail.SmtpClient 'smtp.office365.com', 587\n$c.EnableSsl = $true\n", []);
  });

  test('[SmtpClient]::new(…) reads its arguments wherever the call stands, like New-Object, with the fix', () => {
    const newObject = "$s = @{ Client = New-Object System.Net.Mail.SmtpClient('smtp.office365.com', 25) }\n";
    const staticNew = "$s = @{ Client = [System.Net.Mail.SmtpClient]::new('smtp.office365.com', 25) }\n";
    check('powershell', newObject, ['office365-submission-port warning 1:78-1:80']);
    // The arguments once parsed as a statement of their own, which a hashtable entry does not read.
    check('powershell', staticNew, ['office365-submission-port warning 1:74-1:76']);
    assert.deepEqual(messagesOf('powershell', staticNew, 'office365-submission-port'), messagesOf('powershell', newObject, 'office365-submission-port'));
    assert.equal(applyFix('powershell', staticNew, 'office365-submission-port', 'Use port 587'), staticNew.replace(', 25)', ', 587)'));
    check('powershell', "[System.Net.Mail.SmtpClient]::new('smtp.office365.com', 465).Send($message)\n", ['office365-submission-port warning 1:57-1:60']);
    // A call needs its parentheses right after the name: on the next line they are another statement.
    check('powershell', "$c = [System.Net.Mail.SmtpClient]::new\n('smtp.office365.com', 25)\n", []);
  });

  test('Send connectors on 465 and plaintext IMAP/POP to outlook.office365.com', () => {
    check('powershell', "Set-SendConnector 'To EXO' -SmartHosts 'smtp.office365.com' -Port 465\n", ['office365-submission-port warning 1:67-1:70']);
    const imap = 'Test-NetConnection outlook.office365.com -Port 143\n';
    check('powershell', imap, ['office365-submission-port warning 1:48-1:51']);
    assert.equal(applyFix('powershell', imap, 'office365-submission-port', 'Use port 993'), 'Test-NetConnection outlook.office365.com -Port 993\n');
    check('powershell', "$t = New-Object System.Net.Sockets.TcpClient('outlook.office365.com', 110)\n", ['office365-submission-port warning 1:71-1:74']);
  });

  test('other servers, good settings, off and suppressed', () => {
    check('powershell', 'Send-MailMessage -SmtpServer relay.contoso.com -Port 25 -To x\n', []);
    check('powershell', send('-Port 587 -UseSsl'), []);
    check('powershell', send('-Port 465'), [], { rules: { 'office365-submission-port': 'off' } });
    check('powershell', `# exchange-ports-disable-next-line office365-submission-port\n${send('-Port 465')}`, []);
  });
});
