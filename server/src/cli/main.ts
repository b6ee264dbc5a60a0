// The `exchange-ports` command. `run` does the work with injected streams and working directory,
// so tests call it in-process; the bundle's entry (bottom) wires it to the real process.
//
// Policy, in one place:
// - exit 2 beats exit 1: a path that cannot be read, a file named on the command line that is not a
//   supported type, an unreadable directory met while walking, or an internal error on one file
//   is reported on stderr, the other files are still checked, and the run ends with 2 (incomplete);
// - a binary file is skipped with a notice on stderr and does not change the exit code;
// - problems inside a valid `.exchange-ports.json` are findings on that file with code `config`
//   (they count like any finding); a config that is not JSON, or cannot be read, stops the run
//   with 2 before anything is printed, because checking with defaults would hide what it meant.
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import packageJson from '../../../package.json';
import { portEntries } from '../catalog';
import { RULES } from '../rules';
import { decodeBytes } from '../service/decode';
import { createLanguageService } from '../service/languageService';
import type { LanguageId, Severity } from '../service/types';
import { WorkspaceIndex } from '../service/workspace';
import { parseArgs, USAGE, type Command } from './args';
import { ConfigResolver, type LoadedConfig } from './configFiles';
import { CliError } from './errors';
import { formatPortJson, formatPortText, formatRulesJson, formatRulesText } from './formatters/info';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatText } from './formatters/text';
import { CONFIG_CODE, countSeverities, type CheckReport, type CliFinding, type Notice } from './report';
import { supportedFileNames } from './languages';
import { errorText, findFiles, type WalkProblem } from './walk';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colors in text output). */
  stdoutIsTTY: boolean;
}

export const EXIT_OK = 0;
/** Errors found, or more warnings than `--max-warnings`. */
export const EXIT_FINDINGS = 1;
/** Usage mistake, unreadable input, invalid config, or a file that could not be checked. */
export const EXIT_TROUBLE = 2;

const PROJECT_URI = repositoryUri() ?? 'https://github.com/exchange-ports/exchange-ports';
const RULES_DOCUMENTATION_URI = `${PROJECT_URI}/blob/main/docs/rules.md`;

const SEVERITY_NAMES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

export function run(argv: readonly string[], io: CliIo): number {
  const command = parseArgs(argv);
  try {
    return runCommand(command, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`exchange-ports: ${error.message}\n`);
      return EXIT_TROUBLE;
    }
    throw error;
  }
}

function runCommand(command: Command, io: CliIo): number {
  switch (command.kind) {
    case 'usage-error':
      io.stderr(`exchange-ports: ${command.message}\n`);
      return EXIT_TROUBLE;
    case 'help':
      io.stdout(USAGE);
      return EXIT_OK;
    case 'version':
      io.stdout(`${packageJson.version}\n`);
      return EXIT_OK;
    case 'rules':
      io.stdout(command.format === 'json' ? formatRulesJson(RULES) : formatRulesText(RULES));
      return EXIT_OK;
    case 'port': {
      // An unknown port is an answer, not a failure: scripts can ask about any port.
      const entries = portEntries(command.port);
      io.stdout(command.format === 'json' ? formatPortJson(entries) : formatPortText(command.port, entries));
      return EXIT_OK;
    }
    case 'check':
      return check(command, io);
  }
}

function check(command: Extract<Command, { kind: 'check' }>, io: CliIo): number {
  const display = (path: string) => displayPath(io.cwd, path);
  const notices: Notice[] = [];
  const notify = (notice: Notice) => {
    notices.push(notice);
    io.stderr(`exchange-ports: ${notice.message}\n`);
  };

  const { files, problems } = findFiles(command.paths, io.cwd);
  const configs = new ConfigResolver(io.cwd, command.configFile, display);
  // Configs are loaded before any output: an invalid one stops the run with nothing half printed.
  const settingsByFile = files.map((file) => configs.settingsFor(file.path));
  if (command.configFile !== undefined && files.length === 0) configs.configFor(io.cwd);

  for (const problem of problems) notify({ file: display(problem.path), message: walkProblemMessage(problem, display(problem.path)), level: 'error' });

  const findings: CliFinding[] = configs.loaded().flatMap((config) => configFindings(config, display(config.path)));
  let internalFailures: string[] = [];
  // The files of one run are one workspace: cross-file rules compare each file with all the others.
  const workspace = new WorkspaceIndex({ displayName: (uri) => display(fileURLToPath(uri)) });
  const service = createLanguageService({ log: (message) => internalFailures.push(message), rulesDocumentationUri: RULES_DOCUMENTATION_URI, workspace });
  let filesChecked = 0;

  // Every file is read and indexed before any is checked, so the first file already sees the last.
  const documents = files.map((file) => readDocument(file.path, file.languageId, display(file.path), notify));
  const indexingFailures = documents.map((document) => {
    internalFailures = [];
    try {
      if (document) workspace.update(document.uri, service.analyze(document));
    } catch (error) {
      internalFailures.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    return internalFailures;
  });

  documents.forEach((document, index) => {
    if (!document) return;
    const shown = display(files[index].path);
    const uri = document.uri;
    internalFailures = indexingFailures[index];
    try {
      for (const item of service.diagnostics(document, settingsByFile[index]).map((diagnostic) => toCliFinding(shown, diagnostic))) findings.push(item);
      filesChecked++;
    } catch (error) {
      internalFailures.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
    } finally {
      // The CLI sees each file once: keeping its parse would only hold memory.
      service.forget(uri);
    }
    // A bug in a rule or parser must not pass as "no problems": the file was not fully checked.
    for (const failure of internalFailures) notify({ file: shown, message: `internal error while checking '${shown}' (please report it): ${failure}`, level: 'error' });
  });

  const report: CheckReport = { findings, notices, filesChecked };
  io.stdout(formatReport(command.format, report, io));

  const counts = countSeverities(findings);
  const tooManyWarnings = command.maxWarnings !== undefined && counts.warning > command.maxWarnings;
  if (tooManyWarnings) io.stderr(`exchange-ports: too many warnings (${counts.warning}, --max-warnings ${command.maxWarnings})\n`);
  if (notices.some((notice) => notice.level === 'error')) return EXIT_TROUBLE;
  return counts.error > 0 || tooManyWarnings ? EXIT_FINDINGS : EXIT_OK;
}

/** The file as a document, or undefined (with a notice) when it cannot be read or is binary. */
function readDocument(path: string, languageId: LanguageId, shown: string, notify: (notice: Notice) => void): TextDocument | undefined {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    notify({ file: shown, message: `cannot read '${shown}': ${errorText(error)}`, level: 'error' });
    return undefined;
  }
  const decoded = decodeBytes(bytes);
  if (decoded.binary) {
    notify({ file: shown, message: `${shown}: skipped: binary content`, level: 'warning' });
    return undefined;
  }
  return TextDocument.create(pathToFileURL(path).href, languageId, 1, decoded.text);
}

function formatReport(format: Extract<Command, { kind: 'check' }>['format'], report: CheckReport, io: CliIo): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, {
        version: packageJson.version,
        informationUri: PROJECT_URI,
        rulesDocumentationUri: RULES_DOCUMENTATION_URI,
        rules: RULES,
      });
    case 'text':
      return formatText(report, { color: useColor(io) });
  }
}

function walkProblemMessage(problem: WalkProblem, shown: string): string {
  switch (problem.kind) {
    case 'unreadable':
      return `cannot read '${shown}': ${problem.reason}`;
    case 'unreadable-directory':
      return `cannot read directory '${shown}': ${problem.reason}`;
    case 'unsupported':
      return `cannot check '${shown}': not a supported file type (supported: ${supportedFileNames().join(', ')})`;
  }
}

/** 1-based lines and columns (UTF-16 code units) of an LSP range, as the CLI prints them. */
function oneBased({ start, end }: Range): Pick<CliFinding, 'line' | 'column' | 'endLine' | 'endColumn'> {
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

function toCliFinding(file: string, diagnostic: Diagnostic): CliFinding {
  return {
    file,
    ...oneBased(diagnostic.range),
    severity: SEVERITY_NAMES[(diagnostic.severity ?? 1) - 1],
    code: String(diagnostic.code),
    // LSP 3.18 allows Markdown messages; ours are plain text, so the value is what to print.
    message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
  };
}

function configFindings(config: LoadedConfig, file: string): CliFinding[] {
  const document = TextDocument.create(pathToFileURL(config.path).href, 'json', 1, config.text);
  const byPosition = [...config.problems].sort((a, b) => a.start - b.start || a.end - b.end);
  return byPosition.map((problem) => ({
    file,
    ...oneBased({ start: document.positionAt(problem.start), end: document.positionAt(problem.end) }),
    severity: problem.severity,
    code: CONFIG_CODE,
    message: problem.message,
  }));
}

/** Relative to the working directory, with `/` on every OS (CI annotations and SARIF expect it). */
function displayPath(cwd: string, path: string): string {
  const shown = relative(cwd, path) || '.';
  return sep === '\\' ? shown.replaceAll('\\', '/') : shown;
}

/** https://no-color.org; FORCE_COLOR for CI log viewers that render colors without a TTY. */
function useColor(io: CliIo): boolean {
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return io.stdoutIsTTY;
}

function repositoryUri(): string | undefined {
  const { repository } = packageJson as { repository?: string | { url?: string } };
  const url = typeof repository === 'string' ? repository : repository?.url;
  return url?.replace(/^git\+/, '').replace(/\.git$/, '');
}

function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
  };
}

if (require.main === module) {
  // `exchange-ports port 443 | head` closes the pipe early: that is the reader's choice, not a crash.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? EXIT_OK);
  });
  // exitCode, not exit(): a piped stdout must drain before the process ends.
  process.exitCode = run(process.argv.slice(2), processIo());
}
