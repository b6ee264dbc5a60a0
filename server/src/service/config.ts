// Settings from the two places users write them — VS Code settings (`exchangePorts.*`) and the
// workspace file `.exchange-ports.json` — validated by hand (never evaluated) and merged over the
// defaults. The file wins over editor settings because CI reads only the file: the editor then
// shows what CI will say.
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { EXCHANGE_VERSIONS, type ExchangeVersion } from '../catalog/types';
import { matchesWildcard } from '../parsers/common/wildcard';
import { RULES } from '../rules';
import { AUDITED_ROLES, DEFAULT_SETTINGS, type AuditedRole, type RoleAssignment, type ServerRole, type Settings, type SeveritySetting } from './types';

export const CONFIG_FILE_NAME = '.exchange-ports.json';

const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];
const KNOWN_KEYS = ['$schema', 'rules', 'staticPortRange', 'targetVersion', 'inlayHints', 'inlayHintsPowerShell', 'inlayHintsCmd', 'roles', 'maxFileSize'];

/** What a user may set; every field optional. */
export interface PartialSettings {
  rules?: Record<string, SeveritySetting>;
  staticPortRange?: { min: number; max: number };
  targetVersion?: ExchangeVersion;
  inlayHints?: boolean;
  inlayHintsPowerShell?: boolean;
  inlayHintsCmd?: boolean;
  roles?: RoleAssignment[];
  maxFileSize?: number;
  /** Never read from a file: callers set it from `roleForPath` (or tests directly). */
  role?: ServerRole;
}

export interface ConfigProblem {
  start: number;
  end: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface ParsedConfig {
  settings: PartialSettings;
  problems: ConfigProblem[];
  /** Set when the text is not JSON at all (then `problems` holds that one error): `CloseBraceExpected`, `empty file`. */
  syntaxError?: { reason: string; offset: number };
}

/** Reads `.exchange-ports.json` (comments and trailing commas allowed, as VS Code allows them). */
export function parseConfigFile(text: string): ParsedConfig {
  const tooDeep = depthBeyond(text, MAX_NESTING);
  // jsonc-parser builds its tree recursively: thousands of `[` would overflow the stack.
  if (tooDeep !== undefined) return notJson(tooDeep, 1, `nested deeper than ${MAX_NESTING} levels`);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !root) {
    const first = errors[0];
    return notJson(first?.offset ?? 0, first?.length ?? 0, first ? printParseErrorCode(first.error) : 'empty file');
  }
  return validate(root);
}

function notJson(start: number, length: number, reason: string): ParsedConfig {
  return {
    settings: {},
    syntaxError: { reason, offset: start },
    problems: [
      {
        start,
        end: start + length,
        message: `${CONFIG_FILE_NAME} is not valid JSON (${reason}); its settings are ignored until it is fixed.`,
        severity: 'error',
      },
    ],
  };
}

/** Deeper than any valid file (four levels) by far, shallow enough for any stack. */
const MAX_NESTING = 64;

/** The offset of the first `{` or `[` nested deeper than `limit`, outside strings and comments. */
function depthBeyond(text: string, limit: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '{' || c === '[') {
      if (++depth > limit) return i;
    } else if (c === '}' || c === ']') {
      depth--;
    }
  }
  return undefined;
}

function validate(root: Node): ParsedConfig {
  const problems: ConfigProblem[] = [];
  const settings: PartialSettings = {};
  const report = (node: Node, message: string, severity: ConfigProblem['severity'] = 'error') =>
    problems.push({ start: node.offset, end: node.offset + node.length, message, severity });
  if (root.type !== 'object') {
    report(root, `${CONFIG_FILE_NAME} must hold a JSON object such as { "rules": { "static-port-out-of-range": "error" } }.`);
    return { settings, problems };
  }
  for (const property of root.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode || !valueNode) continue;
    const key = String(keyNode.value);
    if (!KNOWN_KEYS.includes(key)) {
      report(keyNode, `Unknown setting "${key}"; known settings: ${KNOWN_KEYS.filter((k) => k !== '$schema').join(', ')}.`, 'warning');
    }
  }
  const rules = findNodeAtLocation(root, ['rules']);
  if (rules) settings.rules = validateRules(rules, report);
  const range = findNodeAtLocation(root, ['staticPortRange']);
  if (range) {
    const min = findNodeAtLocation(range, ['min'])?.value;
    const max = findNodeAtLocation(range, ['max'])?.value;
    if (range.type !== 'object' || !isPort(min) || !isPort(max) || min > max) {
      report(range, '"staticPortRange" must be { "min": <port>, "max": <port> } with 1 ≤ min ≤ max ≤ 65535.');
    } else {
      settings.staticPortRange = { min, max };
    }
  }
  const version = findNodeAtLocation(root, ['targetVersion']);
  if (version) {
    if (typeof version.value === 'string' && (EXCHANGE_VERSIONS as readonly string[]).includes(version.value)) {
      settings.targetVersion = version.value as ExchangeVersion;
    } else {
      report(version, `"targetVersion" must be one of ${EXCHANGE_VERSIONS.map((v) => `"${v}"`).join(', ')}.`);
    }
  }
  for (const key of ['inlayHints', 'inlayHintsPowerShell', 'inlayHintsCmd'] as const) {
    const hints = findNodeAtLocation(root, [key]);
    if (!hints) continue;
    if (typeof hints.value === 'boolean') settings[key] = hints.value;
    else report(hints, `"${key}" must be true or false.`);
  }
  const roles = findNodeAtLocation(root, ['roles']);
  if (roles) settings.roles = validateRoles(roles, report);
  const maxFileSize = findNodeAtLocation(root, ['maxFileSize']);
  if (maxFileSize) {
    if (typeof maxFileSize.value === 'number' && Number.isFinite(maxFileSize.value) && maxFileSize.value > 0) settings.maxFileSize = maxFileSize.value;
    else report(maxFileSize, '"maxFileSize" must be a number of megabytes greater than 0.');
  }
  return { settings, problems };
}

const ROLES_SHAPE = '"roles" is a list of { "files": "<glob>", "role": "<role>", "version": "<version>" }';

function validateRoles(node: Node, report: (node: Node, message: string) => void): RoleAssignment[] | undefined {
  if (node.type !== 'array') {
    report(node, `${ROLES_SHAPE}.`);
    return undefined;
  }
  const assignments: RoleAssignment[] = [];
  for (const entry of node.children ?? []) {
    const files = findNodeAtLocation(entry, ['files']);
    const role = findNodeAtLocation(entry, ['role']);
    const version = findNodeAtLocation(entry, ['version']);
    if (entry.type !== 'object' || typeof files?.value !== 'string' || files.value === '' || !role || !version) {
      report(entry, `${ROLES_SHAPE}, all three required.`);
      continue;
    }
    if (!(AUDITED_ROLES as readonly unknown[]).includes(role.value)) {
      report(role, `"role" must be one of ${AUDITED_ROLES.map((r) => `"${r}"`).join(', ')}.`);
      continue;
    }
    if (!(EXCHANGE_VERSIONS as readonly unknown[]).includes(version.value)) {
      report(version, `"version" must be one of ${EXCHANGE_VERSIONS.map((v) => `"${v}"`).join(', ')}.`);
      continue;
    }
    assignments.push({ files: files.value, role: role.value as AuditedRole, version: version.value as ExchangeVersion });
  }
  return assignments;
}

function validateRules(node: Node, report: (node: Node, message: string, severity?: ConfigProblem['severity']) => void): Record<string, SeveritySetting> | undefined {
  if (node.type !== 'object') {
    report(node, '"rules" must be an object mapping rule ids to "error", "warning", "information", "hint" or "off".');
    return undefined;
  }
  const rules: Record<string, SeveritySetting> = {};
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode || !valueNode) continue;
    const id = String(keyNode.value);
    if (!RULES.some((rule) => rule.id === id)) {
      report(keyNode, `Unknown rule "${id}".`, 'warning');
      continue;
    }
    if (!SEVERITIES.includes(valueNode.value)) {
      report(valueNode, `Rule "${id}" takes "error", "warning", "information", "hint" or "off".`);
      continue;
    }
    rules[id] = valueNode.value as SeveritySetting;
  }
  return rules;
}

function isPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

/**
 * Editor settings arrive as untyped JSON from the client: take what is well-formed, drop the rest
 * (VS Code already validates them against package.json's schema and shows the user).
 */
export function settingsFromEditor(raw: unknown): PartialSettings {
  if (!raw || typeof raw !== 'object') return {};
  const text = JSON.stringify(raw);
  return parseConfigFile(text).settings;
}

export function mergeSettings(...layers: PartialSettings[]): Settings {
  const merged: Settings = { ...DEFAULT_SETTINGS, rules: {} };
  for (const layer of layers) {
    if (layer.rules) merged.rules = { ...merged.rules, ...layer.rules };
    if (layer.staticPortRange) merged.staticPortRange = layer.staticPortRange;
    if (layer.targetVersion) merged.targetVersion = layer.targetVersion;
    if (layer.inlayHints !== undefined) merged.inlayHints = layer.inlayHints;
    if (layer.inlayHintsPowerShell !== undefined) merged.inlayHintsPowerShell = layer.inlayHintsPowerShell;
    if (layer.inlayHintsCmd !== undefined) merged.inlayHintsCmd = layer.inlayHintsCmd;
    if (layer.roles) merged.roles = layer.roles;
    if (layer.role) merged.role = layer.role;
    if (layer.maxFileSize !== undefined) merged.maxFileSize = layer.maxFileSize;
  }
  return merged;
}

/**
 * The role `settings.roles` gives a file, by its workspace-relative path (`/` or `\`
 * separators); the last matching entry wins, as later overrides do in other tools.
 */
export function roleForPath(settings: Pick<Settings, 'roles'>, relativePath: string): ServerRole | undefined {
  const path = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  const baseName = path.slice(path.lastIndexOf('/') + 1);
  let found: ServerRole | undefined;
  for (const { files, role, version } of settings.roles) {
    const pattern = files.replace(/^\.\//, '');
    // `**` any path, `*` and `?` within one segment, `{a,b}` alternatives; case-sensitive.
    if (matchesWildcard(pattern, pattern.includes('/') ? path : baseName, { glob: true })) found = { role, version };
  }
  return found;
}

