// The server role a firewall file protects, and what the catalog says that role needs.
// The role comes from the file's own directive (`# exchange-ports: role=edge-transport
// version=2016`) or, without one, from the `roles` setting the caller resolved for the file's
// path. A directive that cannot be read is reported under `firewall-syntax`, as a warning: the
// firewall loads the file fine, but the role audit is silently off until it is fixed.
import { EXCHANGE_VERSIONS, PORTS, portsForRole, type ExchangeVersion, type PortEntry, type Role } from '../../catalog';
import { readRoleDirectives, type RoleDirective } from '../../parsers/common/directive';
import { FIREWALL_SYNTAX } from '../../parsers/common/firewall';
import type { Span } from '../../parsers/common/model';
import { AUDITED_ROLES, type AnalyzedDocument, type AuditedRole, type Finding, type ServerRole, type Settings } from '../../service/types';
import { isPortOpen, type Protocol } from './firewall';

export interface DocumentRole extends ServerRole {
  /** The directive, or the document's first line when the role comes from settings. */
  span: Span;
  fromDirective: boolean;
}

export interface RoleResolution {
  role?: DocumentRole;
  problems: Finding[];
}

const ROLE_NAMES: Record<AuditedRole, string> = {
  'client-access': 'Client Access',
  mailbox: 'Mailbox',
  'hub-transport': 'Hub Transport',
  'edge-transport': 'Edge Transport',
  'unified-messaging': 'Unified Messaging',
  clients: 'client',
};

/** `Edge Transport 2016`, for messages. */
export function describeRole(role: ServerRole): string {
  return `${ROLE_NAMES[role.role]} ${role.version}`;
}

function firstLine(doc: AnalyzedDocument): Span {
  const end = doc.text.search(/\r?\n/);
  return { start: 0, end: end < 0 ? doc.text.length : end };
}

export function documentRole(doc: AnalyzedDocument, settings: Settings): RoleResolution {
  const directives = readRoleDirectives(doc.text, doc.model.comments);
  const problems: Finding[] = [];
  const report = (span: Span, message: string) => problems.push({ ruleId: FIREWALL_SYNTAX, ...span, message, severity: 'warning' });
  for (const extra of directives.slice(1)) report(extra.span, 'Only the first exchange-ports: role directive of a file counts; remove this one.');
  const [directive] = directives;
  if (!directive) {
    return settings.role ? { role: { ...settings.role, span: firstLine(doc), fromDirective: false }, problems } : { problems };
  }
  const role = readDirective(directive, settings, report);
  return role ? { role: { ...role, span: directive.span, fromDirective: true }, problems } : { problems };
}

function readDirective(directive: RoleDirective, settings: Settings, report: (span: Span, message: string) => void): ServerRole | undefined {
  const roles = AUDITED_ROLES.join(', ');
  for (const other of directive.unknown) {
    const given = other.key === 'role' || other.key === 'version';
    report(other.span, given ? `${other.key} is given twice in the role directive.` : `The role directive takes role=<role> and version=<version>, not '${other.value === '' ? other.key : `${other.key}=`}'.`);
  }
  if (!directive.role) {
    report(directive.span, `The role directive needs role=<role>, one of ${roles}.`);
    return undefined;
  }
  const role = AUDITED_ROLES.find((candidate) => candidate === directive.role?.value.toLowerCase());
  if (!role) {
    report(directive.role.valueSpan, `Unknown role '${directive.role.value}': use one of ${roles}.`);
    return undefined;
  }
  if (!directive.version) {
    if (settings.targetVersion) return { role, version: settings.targetVersion };
    report(directive.span, `The role directive needs version=<version> (or set targetVersion), one of ${EXCHANGE_VERSIONS.join(', ')}.`);
    return undefined;
  }
  const written = directive.version.value;
  const version = EXCHANGE_VERSIONS.find((candidate) => candidate.toLowerCase() === written.toLowerCase());
  if (!version) {
    report(directive.version.valueSpan, `Unknown Exchange version '${written}': use one of ${EXCHANGE_VERSIONS.join(', ')}.`);
    return undefined;
  }
  return { role, version };
}

// ---------------------------------------------------------------------------------------------
// The role's ports

export interface RequiredPort {
  port: number;
  protocol: Protocol;
  /** The catalog entries that require it, most specific first. */
  entries: PortEntry[];
  open: boolean;
}

function protocolsOf(entry: PortEntry): Protocol[] {
  return entry.transport === 'TCP/UDP' ? ['tcp', 'udp'] : [entry.transport === 'UDP' ? 'udp' : 'tcp'];
}

/** Each port the catalog requires inbound for the role, once per protocol, with whether the file opens it. */
export function requiredPorts(doc: AnalyzedDocument, role: ServerRole): RequiredPort[] {
  const byKey = new Map<string, RequiredPort>();
  for (const entry of portsForRole(role.role, role.version)) {
    for (const range of entry.ports) {
      for (let port = range.from; port <= range.to; port++) {
        for (const protocol of protocolsOf(entry)) {
          const key = `${port}/${protocol}`;
          const known = byKey.get(key);
          if (known) known.entries.push(entry);
          else byKey.set(key, { port, protocol, entries: [entry], open: isPortOpen(doc.model.firewall, { port, protocol }) });
        }
      }
    }
  }
  return [...byKey.values()].sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
}

/** `EdgeSync (LDAP over SSL to AD LDS) 50636/TCP (Hub Transport (2010) / Mailbox (2013+) → Edge)`. */
export function describeRequiredPort(required: RequiredPort): string {
  const [entry] = required.entries;
  return `${entry.service} ${required.port}/${required.protocol.toUpperCase()} (${entry.direction})`;
}

/** Entries that stand for a whole policy rather than a listener (`internal-unrestricted`: 1–65535). */
function isBlanketEntry(entry: PortEntry): boolean {
  return entry.ports.some((range) => range.from <= 1 && range.to >= 65535);
}

function appliesTo(entry: PortEntry, role: Role, version: ExchangeVersion): boolean {
  return entry.versions.includes(version) && (entry.roles.includes(role) || entry.roles.includes('any')) && !isBlanketEntry(entry);
}

function carries(entry: PortEntry, protocol: string): boolean {
  return protocol === 'any' || entry.transport === 'TCP/UDP' || entry.transport.toLowerCase() === protocol;
}

/** Catalog entries of the role and version that use any port of `from`–`to` over `protocol`. */
export function roleEntriesIn(role: ServerRole, from: number, to: number, protocol: string): PortEntry[] {
  return entriesOverlapping(from, to).filter((entry) => appliesTo(entry, role.role, role.version) && carries(entry, protocol));
}

// The catalog has look-ups by single port only; a range or a role needs the whole list, which
// is small (about 150 entries).
function entriesOverlapping(from: number, to: number): PortEntry[] {
  return PORTS.filter((entry) => entry.ports.some((range) => range.from <= to && from <= range.to));
}

/** The role's service entries, required ones first, then by port: the directive's hover table. */
export function roleEntries(role: ServerRole): PortEntry[] {
  const required = portsForRole(role.role, role.version);
  const others = PORTS.filter((entry) => entry.kind === 'service' && appliesTo(entry, role.role, role.version) && !required.includes(entry));
  const firstPort = (entry: PortEntry) => entry.ports[0]?.from ?? 0;
  return [...required.sort((a, b) => firstPort(a) - firstPort(b)), ...others.sort((a, b) => firstPort(a) - firstPort(b))];
}
