// Finds and loads `.exchange-ports.json` for the checked files: the nearest one above each file,
// else the nearest one above the working directory (for files outside it), unless `--config`
// names one for all. Each file is read and parsed once.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { CONFIG_FILE_NAME, mergeSettings, parseConfigFile, roleForPath, type ConfigProblem, type ParsedConfig } from '../service/config';
import { decodeBytes } from '../service/decode';
import type { Settings } from '../service/types';
import { CliError } from './errors';
import { errorText } from './walk';

export interface LoadedConfig {
  /** Absolute. */
  path: string;
  text: string;
  settings: Settings;
  /** Unknown keys and bad values: reported as findings on the config file. */
  problems: ConfigProblem[];
}

export class ConfigResolver {
  private readonly loadedByPath = new Map<string, LoadedConfig>();
  private readonly nearestByDirectory = new Map<string, string | undefined>();
  private readonly defaultSettings = mergeSettings();

  constructor(
    private readonly cwd: string,
    /** `--config`: used for every file, and no search happens. */
    private readonly explicitPath: string | undefined,
    /** How messages name a file (relative to the working directory). */
    private readonly display: (path: string) => string,
  ) {}

  /** The config that governs `filePath`, or undefined when there is none (defaults apply). */
  configFor(filePath: string): LoadedConfig | undefined {
    const path = this.explicitPath !== undefined ? resolve(this.cwd, this.explicitPath) : (this.nearest(dirname(filePath)) ?? this.nearest(this.cwd));
    return path === undefined ? undefined : this.load(path);
  }

  /** The nearest config's settings, with the role its `roles` globs (relative to the config's folder) give this file. */
  settingsFor(filePath: string): Settings {
    const config = this.configFor(filePath);
    if (!config) return this.defaultSettings;
    const role = config.settings.roles.length > 0 ? roleForPath(config.settings, relative(dirname(config.path), resolve(filePath))) : undefined;
    return role ? { ...config.settings, role } : config.settings;
  }

  /** Every config loaded so far, in the order first used. */
  loaded(): LoadedConfig[] {
    return [...this.loadedByPath.values()];
  }

  private nearest(directory: string): string | undefined {
    if (this.nearestByDirectory.has(directory)) return this.nearestByDirectory.get(directory);
    const candidate = join(directory, CONFIG_FILE_NAME);
    const parent = dirname(directory);
    const found = isFile(candidate) ? candidate : parent === directory ? undefined : this.nearest(parent);
    this.nearestByDirectory.set(directory, found);
    return found;
  }

  private load(path: string): LoadedConfig {
    const cached = this.loadedByPath.get(path);
    if (cached) return cached;
    const displayPath = this.display(path);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      throw new CliError(`cannot read config '${displayPath}': ${errorText(error)}`);
    }
    const { text } = decodeBytes(bytes);
    const parsed = parseConfigFile(text);
    const syntaxError = jsonSyntaxError(text, parsed);
    if (syntaxError !== undefined) throw new CliError(`config '${displayPath}' is not valid JSON: ${syntaxError}`);
    const loaded: LoadedConfig = { path, text, settings: mergeSettings(parsed.settings), problems: parsed.problems };
    this.loadedByPath.set(path, loaded);
    return loaded;
  }
}

/**
 * The syntax error as `CloseBraceExpected at line 3, column 5`, or undefined. A config that does
 * not parse must stop the run: checking with defaults would pass what the user meant to fail.
 */
function jsonSyntaxError(text: string, parsed: ParsedConfig): string | undefined {
  if (!parsed.syntaxError) return undefined;
  const { reason, offset } = parsed.syntaxError;
  if (reason === 'empty file') return 'the file is empty';
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return `${reason} at line ${line}, column ${column}`;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
