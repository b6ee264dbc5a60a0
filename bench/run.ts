// `npm run bench`: builds what ships, generates the inputs (once), runs every scenario in its own
// process, prints one table (every throughput also as a ratio to the floor) and the targets, and
// writes bench/results.json. Never part of `npm test`: it takes minutes and measures the machine.
// Options: --quick (skips the 50 MB inputs), --no-package (bundles only, no .vsix).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureInputs, type InputFile } from './inputs';
import { median, RESULT_PREFIX, runsFor } from './support';

const ROOT = join(__dirname, '..');
const quick = process.argv.includes('--quick');
const noPackage = process.argv.includes('--no-package');
const MB = 1024 * 1024;
/** Diagnostics wait this long after the last change (server/src/lsp/diagnostics.ts DEBOUNCE_MS). */
const DEBOUNCE_MS = 180;
/** Opens measured on a second server after a warm-up open (bench/scenarios/lsp.ts). */
const OPENS = 5;

const log = (message: string) => process.stderr.write(`${message}\n`);

/** Runs a scenario script in a fresh Node process and returns its BENCH-RESULT. */
/** A scenario that runs longer is stopped and reported as such: the bench must end. */
const SCENARIO_LIMIT_MS = 15 * 60_000;

/** Runs a scenario script in a fresh Node process and returns its BENCH-RESULT (undefined if it ran out of time). */
function scenario<T>(name: string, args: string[]): T | undefined {
  log(`  ${name} ${args.map((arg) => (arg.startsWith(ROOT) ? relative(ROOT, arg) : arg)).join(' ')}`);
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(__dirname, 'scenarios', `${name}.ts`), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * MB,
    timeout: SCENARIO_LIMIT_MS,
  });
  const line = result.stdout.split('\n').find((candidate) => candidate.startsWith(RESULT_PREFIX));
  if (!line && result.signal) {
    log(`    stopped after ${SCENARIO_LIMIT_MS / 60_000} min`);
    return undefined;
  }
  if (!line) throw new Error(`Scenario ${name} ${args.join(' ')} gave no result (exit ${result.status}):\n${result.stderr}`);
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as T;
}

function timeProcess(args: string[]): number {
  const start = performance.now();
  spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore', maxBuffer: 256 * MB });
  return performance.now() - start;
}

/** The CLI as CI runs it, start-up included, against the floor run as a script in a fresh process. */
function cliCheck(input: InputFile) {
  const cli = [join(ROOT, 'dist', 'cli.js'), 'check', input.path, '--format', 'json'];
  const floorScript = [join(__dirname, 'floor.mjs'), input.path];
  const warmup = timeProcess(cli);
  const runs = Math.max(3, Math.min(7, runsFor(input.bytes), Math.floor(60_000 / warmup)));
  const cliMs: number[] = [];
  const floorMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    floorMs.push(timeProcess(floorScript));
    cliMs.push(timeProcess(cli));
  }
  return { runs, cliMs: median(cliMs), floorProcessMs: median(floorMs), ratio: median(cliMs) / median(floorMs) };
}

interface InProcess {
  bytes: number;
  floorMs: number;
  serviceMs: number;
  ratio: number;
  phasesMs: { decode: number; analyze: number; diagnostics: number };
  diagnostics: number;
}

interface Lsp {
  chars: number;
  initializeMs: number;
  firstOpenMs: number;
  openMs: number;
  opens: { count: number; samplesMs: number[] };
  hover: { count: number; hits: number; p50Ms: number; p99Ms: number; maxMs: number };
  edit: { count: number; medianMs: number; samplesMs: number[]; firstMs: number; warmUpMs: number[] };
  memory: { afterOpen?: { peakRssBytes: number } };
}

/** The median edit after the warm-up pair, and the first edit of all (no target), both without the debounce. */
function editMeasured(viaLsp: Lsp): string {
  return `${fmt(viaLsp.edit.medianMs - DEBOUNCE_MS)} (first edit ${fmt(viaLsp.edit.firstMs - DEBOUNCE_MS)})`;
}

function build(): { vsixBytes?: number; note?: string } {
  if (noPackage) {
    execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: ROOT, stdio: 'inherit' });
    return { note: 'not built (--no-package)' };
  }
  const packaged = spawnSync('npm', ['run', 'package'], { cwd: ROOT, encoding: 'utf8' });
  const vsix = join(ROOT, 'exchange-ports.vsix');
  if (packaged.status === 0 && existsSync(vsix)) return { vsixBytes: statSync(vsix).size };
  execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: ROOT, stdio: 'inherit' });
  return { note: `npm run package failed: ${(packaged.stderr || packaged.stdout).trim().split('\n').slice(-3).join(' ')}` };
}

function machine() {
  const git = (args: string[]) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryBytes: os.totalmem(),
    loadAverage: os.loadavg(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    commit: git(['rev-parse', 'HEAD']),
    dirty: git(['status', '--porcelain', '--untracked-files=no']) !== '',
  };
}

type Verdict = { target: string; measured: string; met: boolean | 'not measurable' };

const fmt = (ms: number | undefined) => (ms === undefined || Number.isNaN(ms) ? '—' : ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);
const ratio = (value: number) => `${value.toFixed(2)}×`;
const megabytes = (bytes: number | undefined) => (bytes === undefined ? '—' : `${(bytes / MB).toFixed(1)} MB`);

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row, index) => {
    const line = row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
    return index === 0 ? `${line}\n${widths.map((width) => '-'.repeat(width)).join('  ')}` : line;
  }).join('\n');
}

async function main(): Promise<void> {
  const started = performance.now();
  log('Building (production bundles and the .vsix)…');
  const footprint = build();
  const inputs = ensureInputs(log);
  const regInputs = inputs.reg.filter((input) => !quick || input.bytes < 20 * MB);
  const checked = [...regInputs, ...inputs.powershell.filter((input) => !quick || input.lines <= 10_000), inputs.iptables, inputs.nftables];

  log('In-process checks (floor and service, interleaved)…');
  const inProcess = new Map<InputFile, InProcess | undefined>();
  for (const input of checked) inProcess.set(input, scenario<InProcess>('inProcess', [input.path, input.languageId]));

  log('CLI checks (whole process)…');
  const cli = new Map<InputFile, ReturnType<typeof cliCheck>>();
  for (const input of checked) {
    log(`  cli ${input.name}`);
    cli.set(input, cliCheck(input));
  }

  log('Through the LSP…');
  const byName = (name: string) => checked.find((input) => input.name === name);
  const lspInputs = [byName('reg 1MB UTF-8'), byName('reg 10MB UTF-8'), byName('reg 10MB UTF-16LE'), byName('ps1 10k lines'), byName('ps1 50k lines'), inputs.iptables, inputs.nftables].filter((input): input is InputFile => input !== undefined);
  const lsp = new Map<InputFile, Lsp | undefined>();
  // Firewall edits re-check all 10k rules: three are enough for a median.
  for (const input of lspInputs) lsp.set(input, scenario<Lsp>('lsp', [input.path, input.languageId, input.languageId === 'reg' || input.languageId === 'powershell' ? '9' : '3', '1000', String(OPENS)]));
  const largest = byName('reg 50MB UTF-8');
  // Only the first open: the peak RSS after opening the largest file is a target, and opening it again is not.
  if (largest) lsp.set(largest, scenario<Lsp>('lsp', [largest.path, largest.languageId, '3', '1000', '0']));

  log('Start-up and workspace…');
  const startup = scenario<{ bareNodeMs: number; initializeMs: number; overNodeMs: number; ratio: number }>('startup', ['9'])!;
  const workspaceOpen = readdirSync(join(inputs.workspace.path, 'site0', 'server0')).find((name) => name.endsWith('.reg'));
  const workspace = scenario<{ measurable: boolean; note?: string; indexedMs?: number; hoversDuringIndexing: { count: number; p50Ms: number; p99Ms: number } }>('workspace', [
    inputs.workspace.path,
    join(inputs.workspace.path, 'site0', 'server0', workspaceOpen ?? ''),
  ]) ?? { measurable: false, note: 'stopped: indexing did not end in time', hoversDuringIndexing: { count: 0, p50Ms: NaN, p99Ms: NaN } };

  const bundles = Object.fromEntries(['client.js', 'server.js', 'service.js', 'cli.js'].map((name) => [name, statSync(join(ROOT, 'dist', name)).size]));

  // ---- the table
  const rows = [['input', 'size', 'floor', 'service', '×floor', 'CLI', '×floor', 'first open', 'open', 'hover p50/p99', 'edit→publish', 'edit−debounce']];
  for (const input of checked) {
    const own = inProcess.get(input);
    const process = cli.get(input)!;
    const viaLsp = lsp.get(input);
    rows.push([
      input.name,
      megabytes(input.bytes),
      own ? fmt(own.floorMs) : 'stopped',
      own ? fmt(own.serviceMs) : 'stopped',
      own ? ratio(own.ratio) : '—',
      fmt(process.cliMs),
      ratio(process.ratio),
      viaLsp ? fmt(viaLsp.firstOpenMs) : '',
      viaLsp && viaLsp.opens.count > 0 ? fmt(viaLsp.openMs) : '',
      viaLsp ? `${fmt(viaLsp.hover.p50Ms)} / ${fmt(viaLsp.hover.p99Ms)}` : '',
      viaLsp ? fmt(viaLsp.edit.medianMs) : '',
      viaLsp ? fmt(viaLsp.edit.medianMs - DEBOUNCE_MS) : '',
    ]);
  }

  // ---- the targets
  const reg10 = byName('reg 10MB UTF-8');
  const ps10 = byName('ps1 10k lines');
  const regRatios = regInputs.map((input) => inProcess.get(input)?.ratio ?? Infinity);
  const verdicts: Verdict[] = [];
  verdicts.push({ target: '.reg in-process ≤ 2× floor (every size and encoding)', measured: `worst ${ratio(Math.max(...regRatios))}, median ${ratio(median(regRatios))}`, met: Math.max(...regRatios) <= 2 });
  if (reg10) {
    const ms = cli.get(reg10)!.cliMs;
    verdicts.push({ target: '10 MB .reg end to end (CLI) well under 1 s', measured: fmt(ms), met: ms < 1000 });
  }
  const ps10Lsp = ps10 && lsp.get(ps10);
  if (ps10Lsp) {
    const viaLsp = ps10Lsp;
    verdicts.push({ target: `ps1 10k lines: edit → fresh diagnostics < 30 ms (debounce excluded; median of ${viaLsp.edit.count})`, measured: editMeasured(viaLsp), met: viaLsp.edit.medianMs - DEBOUNCE_MS < 30 });
    verdicts.push({
      target: `ps1 10k lines: open < 300 ms (median of ${viaLsp.opens.count} opens after a warm-up open)`,
      measured: `${fmt(viaLsp.openMs)} (first open after start-up ${fmt(viaLsp.firstOpenMs)})`,
      met: viaLsp.opens.count > 0 && viaLsp.openMs < 300,
    });
  }
  const reg10Lsp = reg10 && lsp.get(reg10);
  if (reg10Lsp) {
    const viaLsp = reg10Lsp;
    verdicts.push({ target: `10 MB .reg: edit → fresh diagnostics < 50 ms (debounce excluded; median of ${viaLsp.edit.count})`, measured: editMeasured(viaLsp), met: viaLsp.edit.medianMs - DEBOUNCE_MS < 50 });
  }
  const hoverP99 = Math.max(...[...lsp.values()].map((result) => result?.hover.p99Ms ?? Infinity));
  verdicts.push({ target: 'hover p99 < 5 ms on every file', measured: `worst p99 ${fmt(hoverP99)}`, met: hoverP99 < 5 });
  verdicts.push({
    target: 'workspace of 500 files indexed < 2 s, hovers answered meanwhile',
    measured: workspace.measurable ? `${fmt(workspace.indexedMs)}, ${workspace.hoversDuringIndexing.count} hovers p99 ${fmt(workspace.hoversDuringIndexing.p99Ms)}` : workspace.note ?? 'not measurable',
    met: workspace.measurable ? (workspace.indexedMs ?? Infinity) < 2000 && workspace.hoversDuringIndexing.p99Ms < 50 : 'not measurable',
  });
  verdicts.push({ target: 'start-up to initialize < 150 ms', measured: `${fmt(startup.initializeMs)} (bare node ${fmt(startup.bareNodeMs)}, server adds ${fmt(startup.overNodeMs)})`, met: startup.initializeMs < 150 });
  const big = largest ? lsp.get(largest) : undefined;
  if (largest && big?.memory.afterOpen) {
    const limit = 4 * largest.bytes + 80 * MB;
    verdicts.push({ target: 'peak RSS < 4× largest document + 80 MB', measured: `${megabytes(big.memory.afterOpen.peakRssBytes)} (limit ${megabytes(limit)})`, met: big.memory.afterOpen.peakRssBytes < limit });
  }

  const verdictRows = [['target', 'measured', 'met'], ...verdicts.map((verdict) => [verdict.target, verdict.measured, verdict.met === true ? 'met' : verdict.met === false ? 'NOT MET' : verdict.met])];
  const info = machine();
  const output = [
    '',
    `Exchange Ports bench — ${info.cpu}, ${info.cores} cores, ${megabytes(info.memoryBytes)}, Node ${info.node}, load ${info.loadAverage.map((load) => load.toFixed(1)).join(' ')}`,
    `commit ${info.commit.slice(0, 12)}${info.dirty ? ' (with uncommitted changes)' : ''}; medians after a warm-up; debounce ${DEBOUNCE_MS} ms`,
    `first open: the first didOpen of a fresh server (it loads the service; V8 has optimised nothing yet); open: on a second server, the median of ${OPENS} opens after a warm-up open, each after closing the last`,
    'edits: the median after a warm-up pair (a space inserted, then removed); the first edit of all is in the targets below',
    '',
    table(rows),
    '',
    `start-up to initialize: ${fmt(startup.initializeMs)} (bare node ${fmt(startup.bareNodeMs)}: ${ratio(startup.ratio)})`,
    `bundles: ${Object.entries(bundles).map(([name, size]) => `${name} ${(size / 1024).toFixed(0)} KB`).join(', ')}; .vsix ${footprint.vsixBytes !== undefined ? `${(footprint.vsixBytes / 1024).toFixed(0)} KB` : footprint.note}`,
    big?.memory.afterOpen ? `peak RSS after opening ${largest!.name}: ${megabytes(big.memory.afterOpen.peakRssBytes)}` : '',
    `workspace: ${workspace.measurable ? `indexed in ${fmt(workspace.indexedMs)}` : workspace.note}`,
    '',
    table(verdictRows),
    '',
  ].join('\n');
  process.stdout.write(output);

  const results = {
    machine: info,
    debounceMs: DEBOUNCE_MS,
    durationMs: performance.now() - started,
    footprint: { ...footprint, bundles },
    startup,
    workspace,
    inputs: checked.map((input) => ({ ...input, path: relative(ROOT, input.path), inProcess: inProcess.get(input), cli: cli.get(input), lsp: lsp.get(input) })),
    targets: verdicts,
  };
  writeFileSync(join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  log(`Wrote bench/results.json in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
}

void main();
