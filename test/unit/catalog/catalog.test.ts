import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EXCHANGE_VERSIONS,
  FIREWALL_RULES,
  PORTS,
  REGISTRY_SETTINGS,
  SERVICES,
  dynamicRanges,
  expandHive,
  firewallRuleNamed,
  isKnownKey,
  isKnownSource,
  normalizeKeyPath,
  portEntries,
  portsForRole,
  recommendedStaticRange,
  registrySetting,
  registrySettingsNamed,
  registrySettingsUnder,
  serviceNamed,
  staticPortSettings,
  type FactStatus,
  type PortEntry,
} from '../../../server/src/catalog';

const STATUSES: FactStatus[] = ['verified', 'verified (seed)', 'corroborated', 'partial', 'unverified'];

const ids = (entries: { id: string }[]) => entries.map((entry) => entry.id);
const entry = (id: string): PortEntry => {
  const found = PORTS.find((candidate) => candidate.id === id);
  assert.ok(found, `no port entry ${id}`);
  return found;
};
const singlePorts = (found: PortEntry) => found.ports.map(({ from, to }) => (from === to ? `${from}` : `${from}-${to}`));

describe('catalog integrity', () => {
  test('every port range lies in 1–65535 with from ≤ to', () => {
    for (const { id, ports } of PORTS) {
      assert.ok(ports.length > 0, id);
      for (const { from, to } of ports) {
        assert.ok(Number.isInteger(from) && Number.isInteger(to), id);
        assert.ok(from >= 1 && to <= 65535 && from <= to, `${id}: ${from}-${to}`);
      }
    }
  });

  test('ids and names are unique', () => {
    const unique = (values: string[]) => assert.deepEqual(values.filter((value, i) => values.indexOf(value) !== i), []);
    unique(PORTS.map((p) => p.id));
    unique(REGISTRY_SETTINGS.map((s) => s.id));
    unique(FIREWALL_RULES.map((r) => r.name.toLowerCase()));
    unique(SERVICES.map((s) => s.name.toLowerCase()));
  });

  test('every entry cites at least one known source and has a status', () => {
    const all = [...PORTS, ...REGISTRY_SETTINGS, ...FIREWALL_RULES, ...SERVICES];
    for (const item of all) {
      const label = 'id' in item ? item.id : item.name;
      assert.ok(item.sources.length > 0, `${label} has no source`);
      for (const source of item.sources) assert.ok(isKnownSource(source), `${label}: unknown source ${source}`);
      assert.ok(STATUSES.includes(item.status), `${label}: status ${item.status}`);
    }
  });

  test('the domain-knowledge pseudo-source appears only on unverified entries', () => {
    const all = [...PORTS, ...REGISTRY_SETTINGS, ...FIREWALL_RULES, ...SERVICES];
    const cited = all.filter((item) => item.sources.includes('DK'));
    assert.ok(cited.length > 0);
    for (const item of cited) assert.equal(item.status, 'unverified');
  });

  test('versions are known; required-inbound roles and versions are a subset of the entry', () => {
    for (const { id, versions, roles, requiredInbound } of PORTS) {
      assert.ok(versions.length > 0, id);
      for (const version of versions) assert.ok(EXCHANGE_VERSIONS.includes(version), `${id}: ${version}`);
      if (!requiredInbound) continue;
      for (const role of requiredInbound.roles) assert.ok(roles.includes(role), `${id}: role ${role}`);
      for (const version of requiredInbound.versions) assert.ok(versions.includes(version), `${id}: version ${version}`);
    }
  });

  test('an encrypted counterpart is a port the catalog knows', () => {
    for (const { id, encryptedCounterpart } of PORTS) {
      if (encryptedCounterpart !== undefined) assert.ok(portEntries(encryptedCounterpart).length > 1, `${id} → ${encryptedCounterpart}`);
    }
  });

  test('canonical key paths use the full hive name and CurrentControlSet', () => {
    for (const { id, keyPath } of REGISTRY_SETTINGS) {
      assert.match(keyPath, /^HKEY_LOCAL_MACHINE\\(SYSTEM\\CurrentControlSet|SOFTWARE)\\/, id);
      assert.doesNotMatch(keyPath, /\\\\|\\$/, id);
    }
  });

  test('a suggested port only on settings that hold a port', () => {
    for (const { id, holdsPort, suggestedPort } of REGISTRY_SETTINGS) {
      if (suggestedPort !== undefined) assert.ok(holdsPort && suggestedPort >= 1 && suggestedPort <= 65535, id);
    }
  });
});

describe('seed facts', () => {
  test('the two static RPC port settings and their suggested ports', () => {
    assert.deepEqual(
      staticPortSettings().map(({ id, keyPath, valueName, type, suggestedPort, restart, holdsPort }) => ({
        id,
        keyPath,
        valueName,
        type,
        suggestedPort,
        restart,
        holdsPort,
      })),
      [
        {
          id: 'rpc-client-access-port',
          keyPath: 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem',
          valueName: 'TCP/IP Port',
          type: 'REG_DWORD',
          suggestedPort: 59532,
          restart: 'Restart-Service MSExchangeRPC',
          holdsPort: true,
        },
        {
          id: 'address-book-port',
          keyPath: 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeAB\\Parameters',
          valueName: 'RpcTcpPort',
          type: 'REG_SZ',
          suggestedPort: 59533,
          restart: 'Restart-Service MSExchangeAB',
          holdsPort: true,
        },
      ],
    );
  });

  test('50636 is EdgeSync over LDAPS, required inbound on Edge 2010–2019', () => {
    assert.deepEqual(ids(portEntries(50636)), [
      'edgesync-ldaps',
      'windows-dynamic-range',
      'exchange2010-cas-dynamic-range',
      'exchange2007-dynamic-range',
      'um-rtp',
      'internal-unrestricted',
    ]);
    const edgeSync = entry('edgesync-ldaps');
    assert.equal(edgeSync.service, 'EdgeSync (LDAP over SSL to AD LDS)');
    assert.deepEqual(edgeSync.requiredInbound, { roles: ['edge-transport'], versions: ['2010', '2013', '2016', '2019'] });
  });

  test('50389 is AD LDS without SSL, with 50636 as its encrypted counterpart', () => {
    const [adLds] = portEntries(50389);
    assert.equal(adLds?.id, 'adlds-ldap');
    assert.equal(adLds?.encryption, 'none (no SSL)');
    assert.equal(adLds?.encryptedCounterpart, 50636);
    assert.equal(adLds?.status, 'verified (seed)');
  });

  test('587 is Outlook.com STARTTLS submission and the Client Frontend connector', () => {
    const found = ids(portEntries(587));
    assert.ok(found.includes('outlookcom-smtp-submission'));
    assert.ok(found.includes('client-frontend-submission'));
    assert.equal(entry('outlookcom-smtp-submission').encryption, 'STARTTLS; SMTP AUTH needs TLS 1.2 or later');
    assert.match(entry('outlookcom-smtp-submission').service, /smtp\.office365\.com/);
    assert.match(entry('client-frontend-submission').service, /"Client Frontend <Server>"/);
  });

  test('691 is the Exchange 2000/2003 routing link-state protocol', () => {
    assert.deepEqual(ids(portEntries(691)), ['routing-link-state', 'internal-unrestricted']);
    assert.equal(entry('routing-link-state').service, 'Routing Engine link-state (X-LSA-2)');
  });

  test('993 and 995 are TLS for Outlook.com and on-premises', () => {
    assert.deepEqual(ids(portEntries(993)).slice(0, 2), ['outlookcom-imap-tls', 'imap4-tls']);
    assert.deepEqual(ids(portEntries(995)).slice(0, 2), ['outlookcom-pop-tls', 'pop3-tls']);
    assert.equal(entry('outlookcom-imap-tls').encryption, 'TLS (implicit)');
    assert.equal(entry('pop3-tls').encryption, 'TLS (implicit)');
  });

  test('plaintext ports point at their encrypted twins', () => {
    const twins = PORTS.filter((p) => p.encryptedCounterpart !== undefined).map((p) => `${singlePorts(p).join(',')}→${p.encryptedCounterpart}`);
    assert.deepEqual([...new Set(twins)].sort(), ['110→995', '119→563', '143→993', '3268→3269', '389→636', '50389→50636', '5060→5061']);
  });

  test('the dynamic ranges and the recommended static window', () => {
    assert.deepEqual(
      dynamicRanges().map((p) => `${p.id} ${singlePorts(p).join(',')} ${p.versions.join('/')}`),
      [
        'windows-dynamic-range 49152-65535 2007/2010/2013/2016/2019/SE',
        'windows-dynamic-range-legacy 1025-5000 2000/2003',
        'exchange2007-dynamic-range 1025-60000 2007',
        'exchange2010-cas-dynamic-range 6005-59530 2010',
      ],
    );
    assert.deepEqual(ids(dynamicRanges('2010')), ['windows-dynamic-range', 'exchange2010-cas-dynamic-range']);
    assert.deepEqual(recommendedStaticRange(), { min: 59531, max: 60554 });
    assert.match(entry('windows-dynamic-range-legacy').note, /1025–65535/);
  });

  test('465 on 2013+ is the internal Client Proxy connector, and unsupported on Microsoft 365', () => {
    assert.deepEqual(ids(portEntries(465)), ['exo-smtps-465-unsupported', 'client-proxy', 'smtps-2000-unused', 'internal-unrestricted']);
  });
});

describe('portEntries ordering', () => {
  test('59532 lists the recommended window before the dynamic ranges', () => {
    assert.deepEqual(ids(portEntries(59532)), [
      'static-rpc-recommended-range',
      'windows-dynamic-range',
      'exchange2007-dynamic-range',
      'um-rtp',
      'internal-unrestricted',
    ]);
  });

  test('25 starts with single-port entries, in catalog order, and ends with the widest range', () => {
    const found = portEntries(25);
    assert.deepEqual(ids(found.slice(0, 3)), ['exo-smtp-auth-25', 'exo-direct-send', 'default-frontend-smtp']);
    const widths = found.map((p) => Math.min(...p.ports.filter((r) => r.from <= 25 && 25 <= r.to).map((r) => r.to - r.from)));
    assert.deepEqual(widths, [...widths].sort((a, b) => a - b));
    assert.equal(found.at(-1)?.id, 'internal-unrestricted');
  });

  test('an entry with several ports is listed once', () => {
    assert.equal(ids(portEntries(80)).filter((id) => id === 'open-proxy-detection').length, 1);
  });

  test('ports outside 1–65535 match nothing', () => {
    assert.deepEqual(portEntries(0), []);
    assert.deepEqual(portEntries(65536), []);
  });
});

describe('portsForRole', () => {
  test('a 2016 Mailbox server needs 25, 443 and 587 inbound', () => {
    assert.deepEqual(
      portsForRole('mailbox', '2016').map((p) => `${singlePorts(p).join(',')} ${p.id}`),
      ['443 https-client-access', '587 client-frontend-submission', '25 default-frontend-smtp'],
    );
  });

  test('a 2010 CAS needs the RPC endpoint mapper for RPC Client Access and the Address Book', () => {
    assert.deepEqual(ids(portsForRole('client-access', '2010')), ['rpc-client-access-epmap-2010', 'address-book-epmap-2010']);
  });

  test('a 2010 Edge needs 50636 and SMTP from the Hub', () => {
    assert.deepEqual(ids(portsForRole('edge-transport', '2010')), ['edgesync-ldaps', 'hub-edge-smtp-2010']);
  });
});

describe('registry key paths', () => {
  test('normalizeKeyPath treats every spelling of one key alike', () => {
    const canonical = 'hkey_local_machine\\system\\currentcontrolset\\services\\msexchangerpc\\parameterssystem';
    for (const spelling of [
      'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem',
      'HKLM\\System\\ControlSet001\\Services\\msexchangerpc\\ParametersSystem',
      'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem\\',
      'HKLM:SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem',
      'Registry::HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet002\\Services\\MSExchangeRPC\\ParametersSystem',
      'Microsoft.PowerShell.Core\\Registry::HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem',
      'hklm\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\MSExchangeRPC\\\\ParametersSystem',
    ]) {
      assert.equal(normalizeKeyPath(spelling), canonical, spelling);
    }
  });

  test('normalizeKeyPath keeps different keys apart', () => {
    assert.notEqual(
      normalizeKeyPath('HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\Parameters'),
      normalizeKeyPath('HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem'),
    );
    assert.equal(normalizeKeyPath('HKLM\\SOFTWARE\\ControlSet001'), 'hkey_local_machine\\software\\controlset001');
    assert.equal(normalizeKeyPath('HKLM\\SYSTEM\\ControlSet000\\Services'), 'hkey_local_machine\\system\\controlset000\\services');
    assert.equal(normalizeKeyPath('HKCU\\Software'), 'hkey_current_user\\software');
  });

  test('expandHive spells the hive out and keeps the rest as written', () => {
    assert.equal(expandHive('HKLM\\Software\\Microsoft\\Rpc\\Internet'), 'HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Rpc\\Internet');
    assert.equal(expandHive('hkcr\\.reg'), 'HKEY_CLASSES_ROOT\\.reg');
    assert.equal(expandHive('HKU\\.DEFAULT'), 'HKEY_USERS\\.DEFAULT');
    assert.equal(expandHive('HKCC'), 'HKEY_CURRENT_CONFIG');
    assert.equal(expandHive('HKCU:\\Software'), 'HKEY_CURRENT_USER\\Software');
    assert.equal(expandHive('hkey_local_machine\\System'), 'HKEY_LOCAL_MACHINE\\System');
    assert.equal(expandHive('HKLMX\\Software'), 'HKLMX\\Software');
    assert.equal(expandHive('Software\\Microsoft'), 'Software\\Microsoft');
  });
});

describe('registry look-ups', () => {
  test('registrySetting matches the full key in any spelling and the value name in any case', () => {
    assert.equal(
      registrySetting('HKLM\\System\\ControlSet001\\Services\\msexchangerpc\\ParametersSystem', 'tcp/ip port')?.id,
      'rpc-client-access-port',
    );
  });

  test('registrySetting does not match the value under a sibling key', () => {
    assert.equal(registrySetting('HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\Parameters', 'TCP/IP Port'), undefined);
  });

  test('the printer policy RpcTcpPort is not the Address Book value', () => {
    const printer = registrySetting('HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Printers\\RPC', 'RpcTcpPort');
    assert.equal(printer?.id, 'printer-rpc-tcp-port');
    assert.equal(printer?.holdsPort, false);
    assert.equal(printer?.type, 'REG_DWORD');
    assert.deepEqual(ids(registrySettingsNamed('rpctcpport')), ['address-book-port', 'printer-rpc-tcp-port']);
  });

  test('registrySettingsNamed finds every key that uses a value name', () => {
    assert.deepEqual(ids(registrySettingsNamed('TCP/IP Port')), [
      'rpc-client-access-port',
      'address-book-tcpip-port',
      'sa-tcpip-port',
      'store-tcpip-port',
      'ds-tcpip-port',
    ]);
    assert.deepEqual(registrySettingsNamed('NoSuchValue'), []);
  });

  test('registrySettingsUnder lists the settings at and below a key', () => {
    assert.deepEqual(ids(registrySettingsUnder('HKLM\\SOFTWARE\\Microsoft\\Rpc\\Internet')), [
      'rpc-internet-ports',
      'rpc-internet-ports-internet-available',
      'rpc-internet-use-internet-ports',
    ]);
    assert.deepEqual(ids(registrySettingsUnder('HKLM:\\SOFTWARE\\Microsoft\\Rpc')), [
      'rpc-internet-ports',
      'rpc-internet-ports-internet-available',
      'rpc-internet-use-internet-ports',
      'rpcproxy-valid-ports',
    ]);
    assert.deepEqual(registrySettingsUnder('HKLM\\SOFTWARE\\Microsoft\\Rp'), []);
  });

  test('isKnownKey knows setting keys and their ancestors, not translated names', () => {
    assert.equal(isKnownKey('HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametersSystem'), true);
    assert.equal(isKnownKey('HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC'), true);
    assert.equal(isKnownKey('HKLM\\SYSTEM\\CurrentControlSet\\Services\\MSExchangeRPC\\ParametriSistem'), false);
  });

  test('Exchange 2003 RPC over HTTP values are marked do-not-modify', () => {
    assert.deepEqual(
      REGISTRY_SETTINGS.filter((s) => s.doNotModify).map((s) => `${s.valueName}=${s.suggestedPort}`),
      ['Rpc/HTTP Port=6001', 'HTTP Port=6002', 'Rpc/HTTP NSPI Port=6004'],
    );
  });
});

describe('firewall rules and services', () => {
  test('firewallRuleNamed ignores case', () => {
    assert.deepEqual(firewallRuleNamed('msexchangerepl - log copier (tcp-in)'), {
      name: 'MSExchangerepl - Log Copier (TCP-In)',
      roles: ['mailbox'],
      versions: ['2010'],
      ports: '64327',
      program: 'Bin\\MSExchangeRepl.exe',
      sources: ['S0', 'DECOMP', 'PS:Set-DatabaseAvailabilityGroup'],
      status: 'verified',
    });
    assert.equal(firewallRuleNamed('MSExchange - POP3 (FGW) (TCP-In)')?.ports, '110, 995');
    assert.equal(firewallRuleNamed('No such rule'), undefined);
  });

  test('serviceNamed ignores case and marks inferred names', () => {
    assert.equal(serviceNamed('msexchangerpc')?.displayName, 'Microsoft Exchange RPC Client Access');
    assert.equal(serviceNamed('MSExchangePOP3')?.status, 'unverified');
    assert.equal(serviceNamed('MSExchangePOP3BE')?.status, 'unverified');
    assert.equal(serviceNamed('MSExchangeIMAP4BE')?.status, 'verified');
    assert.equal(serviceNamed('Spooler'), undefined);
  });
});
