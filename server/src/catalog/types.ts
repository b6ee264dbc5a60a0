// Types of the Exchange port catalog. Data only: no behaviour beyond what look-ups need.

export type ExchangeVersion = '2000/2003' | '2007' | '2010' | '2013' | '2016' | '2019' | 'SE' | 'EXO' | 'Outlook.com';

export const EXCHANGE_VERSIONS: readonly ExchangeVersion[] = [
  '2000/2003',
  '2007',
  '2010',
  '2013',
  '2016',
  '2019',
  'SE',
  'EXO',
  'Outlook.com',
];

export type Transport = 'TCP' | 'UDP' | 'TCP/UDP';

/** How sure the catalog is of a fact; mirrors the status column of the reference table. */
export type FactStatus = 'verified' | 'verified (seed)' | 'corroborated' | 'partial' | 'unverified';

export type Role =
  | 'client-access'
  | 'mailbox'
  | 'hub-transport'
  | 'edge-transport'
  | 'unified-messaging'
  | 'clients'
  | 'cloud'
  | 'domain-controller'
  | 'any';

export interface PortRange {
  from: number;
  /** Inclusive; equal to `from` for a single port. */
  to: number;
}

export type PortKind =
  /** A service listens on (or connects to) this port. */
  | 'service'
  /** A range the OS or Exchange hands out dynamically. */
  | 'dynamic-range'
  /** The window recommended for static RPC ports. */
  | 'recommended-range';

export interface PortEntry {
  /** Stable identifier, e.g. `edgesync-ldaps`. */
  id: string;
  ports: PortRange[];
  transport: Transport;
  kind: PortKind;
  /** Short name of the protocol or service, e.g. `EdgeSync (LDAP over SSL to AD LDS)`. */
  service: string;
  versions: ExchangeVersion[];
  roles: Role[];
  /** Source → destination, in words. */
  direction: string;
  encryption: string;
  /** Set when the service is off until an admin enables it. */
  disabledByDefault?: string;
  /** Our own words: what an admin needs to know. */
  note: string;
  /** Keys of the reference table's §0 (S0 = the seed). */
  sources: string[];
  status: FactStatus;
  /** Where a plaintext protocol has an encrypted twin (110 → 995). */
  encryptedCounterpart?: number;
  /** Inbound to these roles in these versions is required (used by the role audit). */
  requiredInbound?: { roles: Role[]; versions: ExchangeVersion[] };
}

export type RegistryValueType =
  | 'REG_SZ'
  | 'REG_EXPAND_SZ'
  | 'REG_MULTI_SZ'
  | 'REG_DWORD'
  | 'REG_QWORD'
  | 'REG_BINARY'
  | 'REG_NONE';

export interface RegistrySetting {
  id: string;
  /** Canonical key path: full hive name, `CurrentControlSet`, as Windows spells it. */
  keyPath: string;
  valueName: string;
  type: RegistryValueType | 'unknown';
  /** What the value does, in our words. */
  description: string;
  /** The service that reads it (`MSExchangeRPC`). */
  service?: string;
  /** What to restart after a change (`Restart-Service MSExchangeRPC`, or `reboot`). */
  restart?: string;
  versions: ExchangeVersion[];
  /** The value holds a port number (the static-port rules use `staticPortSettings()`, not this flag). */
  holdsPort: boolean;
  /** The port a fix proposes first. */
  suggestedPort?: number;
  /** Microsoft says not to change it. */
  doNotModify?: boolean;
  sources: string[];
  status: FactStatus;
}

export interface FirewallRuleEntry {
  /** The rule name exactly as Exchange setup creates it. */
  name: string;
  roles: Role[];
  versions: ExchangeVersion[];
  /** As the reference lists them: numbers, `Dynamic RPC`, `RPC-EPMap`. */
  ports: string;
  program: string;
  /** What is uncertain about the rule, in our words. */
  note?: string;
  sources: string[];
  status: FactStatus;
}

export interface ServiceEntry {
  /** Windows service name, e.g. `MSExchangeRPC`. */
  name: string;
  displayName: string;
  description: string;
  versions: ExchangeVersion[];
  sources: string[];
  status: FactStatus;
}
