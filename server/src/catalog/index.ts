// The catalog's public face: data plus pure look-ups. Rules, features and the CLI import only this
// module. Indexes are built on first use so that importing the catalog costs nothing.
import { FIREWALL_RULES } from './firewallRules';
import { PORTS } from './ports';
import { REGISTRY_SETTINGS, STATIC_PORT_SETTING_IDS } from './registry';
import { SERVICES } from './services';
import type { ExchangeVersion, FirewallRuleEntry, PortEntry, RegistrySetting, Role, ServiceEntry } from './types';

export * from './types';
export { FIREWALL_RULES, PORTS, REGISTRY_SETTINGS, SERVICES, STATIC_PORT_SETTING_IDS };
export { SOURCES, isKnownSource, sourceTitle } from './sources';

// ---------------------------------------------------------------------------------------------
// Registry key paths

export const HIVE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  HKLM: 'HKEY_LOCAL_MACHINE',
  HKCU: 'HKEY_CURRENT_USER',
  HKCR: 'HKEY_CLASSES_ROOT',
  HKU: 'HKEY_USERS',
  HKCC: 'HKEY_CURRENT_CONFIG',
};

const FULL_HIVE_NAMES = new Set(Object.values(HIVE_ABBREVIATIONS));

/** PowerShell's provider-qualified form: `Registry::HKEY_LOCAL_MACHINE\…`. */
const PROVIDER_PREFIX = /^(?:Microsoft\.PowerShell\.Core\\)?Registry::/i;

/** Numbered control sets. Only the current one is live, but the catalog's facts hold in each. */
const NUMBERED_CONTROL_SET = /^ControlSet(?!000)\d{3}$/i;

function fullHiveName(name: string): string | undefined {
  const upper = name.toUpperCase();
  return HIVE_ABBREVIATIONS[upper] ?? (FULL_HIVE_NAMES.has(upper) ? upper : undefined);
}

/**
 * The path with its hive spelled out in full (`HKLM:\SOFTWARE` → `HKEY_LOCAL_MACHINE\SOFTWARE`)
 * and the rest untouched. A path that does not start with a hive is returned as it is.
 */
export function expandHive(path: string): string {
  const withoutProvider = path.trim().replace(PROVIDER_PREFIX, '');
  const head = /^([A-Za-z_]+)(:?)/.exec(withoutProvider);
  if (!head) return withoutProvider;
  const hive = fullHiveName(head[1]);
  if (!hive) return withoutProvider;
  const tail = withoutProvider.slice(head[0].length);
  if (tail === '' || tail.startsWith('\\')) return hive + tail;
  // `HKLM:SOFTWARE` is a valid PowerShell drive path; `HKLMX\…` is not a hive at all.
  return head[2] === ':' ? `${hive}\\${tail}` : withoutProvider;
}

/**
 * A comparison key for a registry key path: two paths give the same result exactly when Windows
 * opens the same key (hive abbreviations, PowerShell forms, doubled or trailing backslashes,
 * numbered control sets and letter case do not matter).
 */
export function normalizeKeyPath(path: string): string {
  let normalized = normalizedKeyPaths.get(path);
  if (normalized === undefined) {
    if (normalizedKeyPaths.size >= MAX_REMEMBERED_PATHS) normalizedKeyPaths.clear();
    normalized = normalizeKeyPathOnce(path);
    normalizedKeyPaths.set(path, normalized);
  }
  return normalized;
}

/**
 * Paths as written → their key. A script writes the same few keys thousands of times and each
 * check asks again for every write: normalising is a handful of regular expressions and copies.
 */
const normalizedKeyPaths = new Map<string, string>();
/** A bound for documents of generated paths; past it the memo starts over. */
const MAX_REMEMBERED_PATHS = 10_000;

/** normalizeKeyPath without the memo. */
export function normalizeKeyPathOnce(path: string): string {
  const segments = expandHive(path).replace(/\\{2,}/g, '\\').replace(/\\$/, '').split('\\');
  if (
    segments.length >= 3 &&
    segments[0] === 'HKEY_LOCAL_MACHINE' &&
    segments[1].toUpperCase() === 'SYSTEM' &&
    NUMBERED_CONTROL_SET.test(segments[2])
  ) {
    segments[2] = 'CurrentControlSet';
  }
  return segments.join('\\').toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Ports

interface PortSpan {
  entry: PortEntry;
  from: number;
  to: number;
}

let portSpansBySpecificity: PortSpan[] | undefined;

/** Every range of every entry, narrowest first; the sort is stable, so ties keep catalog order. */
function portSpans(): PortSpan[] {
  portSpansBySpecificity ??= PORTS.flatMap((entry) => entry.ports.map(({ from, to }) => ({ entry, from, to }))).sort(
    (a, b) => a.to - a.from - (b.to - b.from),
  );
  return portSpansBySpecificity;
}

/** Every entry whose ports contain `port`, most specific first: single ports, then narrow ranges, then wide ones. */
export function portEntries(port: number): PortEntry[] {
  const found: PortEntry[] = [];
  for (const span of portSpans()) {
    if (span.from <= port && port <= span.to && !found.includes(span.entry)) found.push(span.entry);
  }
  return found;
}

/** Entries whose `requiredInbound` names this role (or `any`) and version. */
export function portsForRole(role: Role, version: ExchangeVersion): PortEntry[] {
  return PORTS.filter(
    ({ requiredInbound }) =>
      requiredInbound !== undefined &&
      (requiredInbound.roles.includes(role) || requiredInbound.roles.includes('any')) &&
      requiredInbound.versions.includes(version),
  );
}

/** The ranges Windows or Exchange hands out dynamically; with a version, only those that apply to it. */
export function dynamicRanges(version?: ExchangeVersion): PortEntry[] {
  return PORTS.filter((entry) => entry.kind === 'dynamic-range' && (version === undefined || entry.versions.includes(version)));
}

/** The window Microsoft recommends for Exchange 2010 static RPC ports (59531–60554). */
export function recommendedStaticRange(): { min: number; max: number } {
  const entry = PORTS.find((candidate) => candidate.kind === 'recommended-range');
  if (!entry) throw new Error('The catalog has no recommended-range entry');
  const { from, to } = entry.ports[0];
  return { min: from, max: to };
}

// ---------------------------------------------------------------------------------------------
// Registry settings

interface RegistryIndex {
  byKeyAndValue: Map<string, RegistrySetting>;
  byValueName: Map<string, RegistrySetting[]>;
  byId: Map<string, RegistrySetting>;
  normalizedKeys: { setting: RegistrySetting; key: string }[];
  /** Every setting's key and all of its ancestors, normalized. */
  knownKeys: Set<string>;
}

let registryIndex: RegistryIndex | undefined;

function keyAndValue(normalizedKey: string, valueName: string): string {
  return `${normalizedKey}\u0000${valueName.toLowerCase()}`;
}

function registry(): RegistryIndex {
  if (registryIndex) return registryIndex;
  const index: RegistryIndex = {
    byKeyAndValue: new Map(),
    byValueName: new Map(),
    byId: new Map(),
    normalizedKeys: [],
    knownKeys: new Set(),
  };
  for (const setting of REGISTRY_SETTINGS) {
    const key = normalizeKeyPath(setting.keyPath);
    index.byKeyAndValue.set(keyAndValue(key, setting.valueName), setting);
    const name = setting.valueName.toLowerCase();
    index.byValueName.set(name, [...(index.byValueName.get(name) ?? []), setting]);
    index.byId.set(setting.id, setting);
    index.normalizedKeys.push({ setting, key });
    const segments = key.split('\\');
    for (let length = 1; length <= segments.length; length++) index.knownKeys.add(segments.slice(0, length).join('\\'));
  }
  registryIndex = index;
  return index;
}

/** The setting stored at exactly this key (any spelling Windows accepts) under this value name (any case). */
export function registrySetting(keyPath: string, valueName: string): RegistrySetting | undefined {
  const index = registry();
  // Most values of a real export have names no setting uses: skip normalising their key paths.
  if (!index.byValueName.has(valueName.toLowerCase())) return undefined;
  return index.byKeyAndValue.get(keyAndValue(normalizeKeyPath(keyPath), valueName));
}

/** Every setting with this value name under any key: finds a value written under the wrong key. */
export function registrySettingsNamed(valueName: string): RegistrySetting[] {
  return registry().byValueName.get(valueName.toLowerCase()) ?? [];
}

/** The value names settings use, lower-cased. */
export function registryValueNames(): Iterable<string> {
  return registry().byValueName.keys();
}

/** Settings stored at this key or below it, in catalog order (for completion; filter on the key for values only). */
export function registrySettingsUnder(keyPath: string): RegistrySetting[] {
  const key = normalizeKeyPath(keyPath);
  return registry()
    .normalizedKeys.filter((candidate) => candidate.key === key || candidate.key.startsWith(`${key}\\`))
    .map(({ setting }) => setting);
}

export function registrySettingById(id: string): RegistrySetting | undefined {
  return registry().byId.get(id);
}

/** The two Exchange 2010 static RPC port settings: RPC Client Access, then Address Book. */
export function staticPortSettings(): RegistrySetting[] {
  return STATIC_PORT_SETTING_IDS.map((id) => registry().byId.get(id)!);
}

/** True for a key that holds a catalog setting, or is an ancestor of one. */
export function isKnownKey(keyPath: string): boolean {
  return registry().knownKeys.has(normalizeKeyPath(keyPath));
}

// ---------------------------------------------------------------------------------------------
// Firewall rules and services

let firewallRulesByName: Map<string, FirewallRuleEntry> | undefined;
let servicesByName: Map<string, ServiceEntry> | undefined;

/** The Exchange Setup firewall rule with this name (any case). */
export function firewallRuleNamed(name: string): FirewallRuleEntry | undefined {
  firewallRulesByName ??= new Map(FIREWALL_RULES.map((rule) => [rule.name.toLowerCase(), rule]));
  return firewallRulesByName.get(name.toLowerCase());
}

/** The Exchange Windows service with this name (any case, as `Restart-Service` accepts it). */
export function serviceNamed(name: string): ServiceEntry | undefined {
  servicesByName ??= new Map(SERVICES.map((service) => [service.name.toLowerCase(), service]));
  return servicesByName.get(name.toLowerCase());
}
