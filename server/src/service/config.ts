// Settings from the two places users write them — VS Code settings (`exchangePorts.*`) and the
// workspace file `.exchange-ports.json` — validated by hand (never evaluated) and merged over the
// defaults. The file wins over editor settings because CI reads only the file: the editor then
// shows what CI will say.
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { EXCHANGE_VERSIONS, type ExchangeVersion } from '../catalog/types';
import { RULES } from '../rules';
import { DEFAULT_SETTINGS, type Settings, type SeveritySetting } from './types';

export const CONFIG_FILE_NAME = '.exchange-ports.json';

const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];
const KNOWN_KEYS = ['$schema', 'rules', 'staticPortRange', 'targetVersion', 'inlayHints'];

/** What a user may set; every field optional. */
export interface PartialSettings {
  rules?: Record<string, SeveritySetting>;
  staticPortRange?: { min: number; max: number };
  targetVersion?: ExchangeVersion;
  inlayHints?: boolean;
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
}

/** Reads `.exchange-ports.json` (comments and trailing commas allowed, as VS Code allows them). */
export function parseConfigFile(text: string): ParsedConfig {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !root) {
    const first = errors[0];
    const start = first?.offset ?? 0;
    return {
      settings: {},
      problems: [
        {
          start,
          end: start + (first?.length ?? 0),
          message: `${CONFIG_FILE_NAME} is not valid JSON (${first ? printParseErrorCode(first.error) : 'empty file'}); its settings are ignored until it is fixed.`,
          severity: 'error',
        },
      ],
    };
  }
  return validate(root);
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
  const hints = findNodeAtLocation(root, ['inlayHints']);
  if (hints) {
    if (typeof hints.value === 'boolean') settings.inlayHints = hints.value;
    else report(hints, '"inlayHints" must be true or false.');
  }
  return { settings, problems };
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
  }
  return merged;
}
