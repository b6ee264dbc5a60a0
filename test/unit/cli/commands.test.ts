import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { portEntries } from '../../../server/src/catalog';
import { parseArgs, USAGE } from '../../../server/src/cli/args';
import { formatPortText } from '../../../server/src/cli/formatters/info';
import { RULES } from '../../../server/src/rules';
import { cli, tree } from './helpers';

const cwd = tree({});

describe('port', () => {
  test('text: every catalog entry for the port, most specific first, with its facts and sources', () => {
    const { code, stdout, stderr } = cli(['port', '59532'], cwd);
    assert.equal(code, 0);
    assert.equal(stderr, '');
    const entries = portEntries(59532);
    assert.ok(entries.length > 0);
    assert.equal(stdout, formatPortText(59532, entries));
    assert.equal(stdout.split('\n')[0], `Port 59532: ${entries.length} known uses, most specific first`);
    assert.ok(stdout.split('\n')[2].startsWith(`1. ${entries[0].service}`));
  });

  test('text layout of one entry', () => {
    const text = formatPortText(60001, [
      {
        id: 'example',
        ports: [{ from: 60000, to: 60010 }, { from: 60020, to: 60020 }],
        transport: 'TCP',
        kind: 'service',
        service: 'Example service',
        versions: ['2010'],
        roles: ['client-access'],
        direction: 'Outlook → CAS',
        encryption: 'RPC encryption',
        disabledByDefault: 'set by hand',
        encryptedCounterpart: 60443,
        note: 'A note.',
        sources: ['WIKI864', 'NOSUCH'],
        status: 'unverified',
      },
    ]);
    assert.equal(
      text,
      [
        'Port 60001: 1 known use, most specific first',
        '',
        '1. Example service  (example)',
        '   ports       60000–60010, 60020 (TCP)',
        '   versions    2010',
        '   roles       client-access',
        '   direction   Outlook → CAS',
        '   encryption  RPC encryption',
        '   encrypted   use 60443 instead',
        '   default     off: set by hand',
        '   note        A note.',
        '   status      unverified (a hint, not seen in a source)',
        '   sources     WIKI864: TechNet Wiki 864: Configure Static RPC Ports on an Exchange 2010 Client Access Server',
        '               NOSUCH',
        '',
      ].join('\n'),
    );
  });

  test('an unknown port is an answer, not a failure', () => {
    assert.equal(formatPortText(4, []), 'No Exchange use known for port 4.\n');
  });

  test('JSON: the catalog entries as they are', () => {
    const { code, stdout } = cli(['port', '--format', 'json', '135'], cwd);
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(stdout), JSON.parse(JSON.stringify(portEntries(135))));
  });

  test('not a port number: exit 2 with one line', () => {
    for (const argument of ['0', '65536', '0x10', 'abc', '-5', '1.5']) {
      assert.deepEqual(cli(['port', '--', argument], cwd), {
        code: 2,
        stdout: '',
        stderr: `exchange-ports: '${argument}' is not a port number (1–65535)\n`,
      });
    }
    assert.equal(cli(['port'], cwd).code, 2);
    assert.equal(cli(['port', '25', '587'], cwd).code, 2);
  });
});

describe('rules', () => {
  test('text: one aligned line per rule with its default severity, then how to change one', () => {
    const { code, stdout } = cli(['rules'], cwd);
    assert.equal(code, 0);
    const lines = stdout.split('\n');
    assert.equal(lines.length, RULES.length + 3);
    assert.match(lines[0], /^static-port-out-of-range {4}warning {6}Static RPC port/);
    assert.equal(lines[RULES.length + 1], `${RULES.length} rules. Change a severity in .exchange-ports.json: { "rules": { "<rule-id>": "error" | "warning" | "information" | "hint" | "off" } }`);
  });

  test('JSON: id, default severity, languages and description of every rule', () => {
    const rules = JSON.parse(cli(['rules', '--format', 'json'], cwd).stdout);
    assert.deepEqual(rules, RULES.map(({ id, defaultSeverity, appliesTo, description }) => ({ id, defaultSeverity, appliesTo, description })));
  });
});

describe('help and version', () => {
  test('--help anywhere prints the usage; --version the package version', () => {
    assert.deepEqual(cli(['--help'], cwd), { code: 0, stdout: USAGE, stderr: '' });
    assert.deepEqual(cli(['check', '-h'], cwd), { code: 0, stdout: USAGE, stderr: '' });
    assert.deepEqual(cli(['--version'], cwd), { code: 0, stdout: '0.1.0\n', stderr: '' });
  });

  test('no command: exit 2 and a pointer to --help', () => {
    assert.deepEqual(cli([], cwd), { code: 2, stdout: '', stderr: 'exchange-ports: no command given (try --help)\n' });
  });
});

describe('parseArgs', () => {
  test('options before, after and between paths; = or a separate value', () => {
    assert.deepEqual(parseArgs(['check', 'a', '--format=sarif', 'b', '--max-warnings', '0', '--config', 'ci.json']), {
      kind: 'check',
      format: 'sarif',
      configFile: 'ci.json',
      maxWarnings: 0,
      paths: ['a', 'b'],
    });
  });

  test('-- ends the options: a path may start with a dash', () => {
    assert.deepEqual(parseArgs(['check', '--', '--odd.reg']), { kind: 'check', format: 'text', configFile: undefined, maxWarnings: undefined, paths: ['--odd.reg'] });
  });

  test('mistakes name what is wrong', () => {
    assert.deepEqual(parseArgs(['check', '--fromat', 'json', '.']), { kind: 'usage-error', message: "unknown option '--fromat' for 'check' (try --help)" });
    assert.deepEqual(parseArgs(['check', '.', '--config']), { kind: 'usage-error', message: "option '--config' needs a value" });
    assert.deepEqual(parseArgs(['port', '--max-warnings', '1', '25']), { kind: 'usage-error', message: "unknown option '--max-warnings' for 'port' (try --help)" });
    assert.deepEqual(parseArgs(['port', '--format', 'sarif', '25']), { kind: 'usage-error', message: "unknown format 'sarif' for 'port' (choose text, json)" });
    assert.deepEqual(parseArgs(['rules', 'extra']), { kind: 'usage-error', message: "rules takes no arguments, got 'extra'" });
    assert.deepEqual(parseArgs(['check', '--max-warnings', '1e3', '.']), { kind: 'usage-error', message: "--max-warnings takes a whole number ≥ 0, not '1e3'" });
  });
});
