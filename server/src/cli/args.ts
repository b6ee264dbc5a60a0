// Command-line arguments → a command. Pure: no IO, no process; usage mistakes come back as
// `{ kind: 'usage-error' }` with a message the caller prints as one line before exiting with 2.

export type OutputFormat = 'text' | 'json' | 'sarif';

export type Command =
  | { kind: 'check'; format: OutputFormat; configFile: string | undefined; maxWarnings: number | undefined; paths: string[] }
  | { kind: 'port'; format: 'text' | 'json'; port: number }
  | { kind: 'rules'; format: 'text' | 'json' }
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'usage-error'; message: string };

export const USAGE = `Usage: exchange-ports <command> [options]

Commands:
  check [options] PATH...   Check .reg, PowerShell, batch, iptables and nftables files
                            (directories are searched) for Exchange port mistakes
  port [--format text|json] N
                            Show what Exchange uses port N for (most specific first)
  rules [--format text|json]
                            List the rules with their default severity

Options for check:
  --format text|json|sarif  Output format (default: text)
  --config FILE             Use this .exchange-ports.json instead of searching for one
  --max-warnings N          Exit with 1 when there are more than N warnings

  -h, --help                Show this help
  -v, --version             Show the version

Exit codes: 0 no errors; 1 errors found, or more warnings than --max-warnings;
2 usage error, unreadable file or invalid configuration.
`;

const FORMATS: Record<Exclude<Command['kind'], 'help' | 'version' | 'usage-error'>, readonly string[]> = {
  check: ['text', 'json', 'sarif'],
  port: ['text', 'json'],
  rules: ['text', 'json'],
};

export function parseArgs(argv: readonly string[]): Command {
  if (argv.some((arg, index) => (arg === '-h' || arg === '--help') && !argv.slice(0, index).includes('--'))) return { kind: 'help' };
  const [name, ...rest] = argv;
  if (name === undefined) return usageError('no command given (try --help)');
  if (name === '-v' || name === '--version') return { kind: 'version' };
  if (name === 'help') return { kind: 'help' };
  if (name !== 'check' && name !== 'port' && name !== 'rules') return usageError(`unknown command '${name}' (try --help)`);

  const options = new Map<string, string>();
  const positionals: string[] = [];
  const allowed = name === 'check' ? ['--format', '--config', '--max-warnings'] : ['--format'];
  for (let index = 0; index < rest.length; index++) {
    const arg = rest[index];
    if (arg === '--') {
      positionals.push(...rest.slice(index + 1));
      break;
    }
    if (!arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const option = equals > 0 ? arg.slice(0, equals) : arg;
    if (!allowed.includes(option)) return usageError(`unknown option '${option}' for '${name}' (try --help)`);
    const value = equals > 0 ? arg.slice(equals + 1) : rest[++index];
    if (value === undefined) return usageError(`option '${option}' needs a value`);
    options.set(option, value);
  }

  const format = options.get('--format') ?? 'text';
  if (!FORMATS[name].includes(format)) {
    return usageError(`unknown format '${format}' for '${name}' (choose ${FORMATS[name].join(', ')})`);
  }

  switch (name) {
    case 'check': {
      const maxWarningsText = options.get('--max-warnings');
      const maxWarnings = maxWarningsText === undefined ? undefined : parseCount(maxWarningsText);
      if (maxWarnings === null) return usageError(`--max-warnings takes a whole number ≥ 0, not '${maxWarningsText}'`);
      if (positionals.length === 0) return usageError("check needs at least one PATH (use '.' for the current directory)");
      return { kind: 'check', format: format as OutputFormat, configFile: options.get('--config'), maxWarnings, paths: positionals };
    }
    case 'port': {
      if (positionals.length !== 1) return usageError('port takes exactly one port number, e.g. exchange-ports port 59532');
      const port = parseCount(positionals[0]);
      if (port === null || port < 1 || port > 65535) return usageError(`'${positionals[0]}' is not a port number (1–65535)`);
      return { kind: 'port', format: format as 'text' | 'json', port };
    }
    case 'rules': {
      if (positionals.length > 0) return usageError(`rules takes no arguments, got '${positionals[0]}'`);
      return { kind: 'rules', format: format as 'text' | 'json' };
    }
  }
}

/** A whole decimal number as people type it; null for anything else (`1e3`, `0x10`, `-1`, ``). */
function parseCount(text: string): number | null {
  return /^\d{1,9}$/.test(text) ? Number(text) : null;
}

function usageError(message: string): Command {
  return { kind: 'usage-error', message };
}
