// In one process, on one file: the floor (bench/floor.mjs: read the bytes, decode them, split them
// into lines with one regular expression per line) and the service (read, decode, analyze, diagnostics), each the
// median of several runs after a warm-up, plus where the service's time goes.
// Usage: node --import tsx bench/scenarios/inProcess.ts FILE LANGUAGE_ID
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { decodeBytes } from '../../server/src/service/decode';
import { createLanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/service/types';
import { floor as floorWork } from '../floor.mjs';
import { median, report, runsFor, timeRuns } from '../support';

const [file, languageId] = process.argv.slice(2);
const size = readFileSync(file).length;
/** Enough runs for a median, within about a minute per input however slow the check is. */
const BUDGET_MS = 60_000;
/** At least this much sampling: a sub-millisecond check needs thousands of runs for a steady median. */
const MIN_SAMPLING_MS = 2_000;

let sink = 0;
function floor(): void {
  sink += floorWork(file);
}

const phases = { decode: [] as number[], analyze: [] as number[], diagnostics: [] as number[] };
let diagnosticCount = 0;
let version = 0;
function service(): void {
  const start = performance.now();
  const decoded = decodeBytes(readFileSync(file));
  const document = TextDocument.create(`file:///bench/${languageId}`, languageId, ++version, decoded.text);
  const decodedAt = performance.now();
  const languageService = createLanguageService();
  languageService.analyze(document);
  const analyzedAt = performance.now();
  diagnosticCount = languageService.diagnostics(document, DEFAULT_SETTINGS).length;
  const end = performance.now();
  phases.decode.push(decodedAt - start);
  phases.analyze.push(analyzedAt - decodedAt);
  phases.diagnostics.push(end - analyzedAt);
}

// Interleaved, so that a noisy neighbour slows both alike: floor, service, floor, service…
// Warm up until the JIT has settled: at least 10 runs or half a second of service time, so a
// 100 KB file is not measured on unoptimised code while the floor runs in native split and regex.
const warmupStart = performance.now();
let warmups = 0;
while (warmups < 10 || performance.now() - warmupStart < 500) {
  floor();
  service();
  warmups++;
  if (performance.now() - warmupStart > BUDGET_MS / 4) break;
}
const perRun = (performance.now() - warmupStart) / warmups;
const runs = Math.max(3, Math.min(Math.max(runsFor(size), Math.floor(MIN_SAMPLING_MS / perRun)), Math.floor(BUDGET_MS / perRun)));
for (const key of Object.keys(phases) as (keyof typeof phases)[]) phases[key] = [];
const floorSamples: number[] = [];
const serviceSamples: number[] = [];
for (let i = 0; i < runs; i++) {
  floorSamples.push(...timeRuns(floor, 1, 0));
  serviceSamples.push(...timeRuns(service, 1, 0));
}

report({
  file,
  languageId,
  bytes: size,
  runs,
  floorMs: median(floorSamples),
  serviceMs: median(serviceSamples),
  ratio: median(serviceSamples) / median(floorSamples),
  phasesMs: { decode: median(phases.decode), analyze: median(phases.analyze), diagnostics: median(phases.diagnostics) },
  diagnostics: diagnosticCount,
  floorLines: sink > 0,
});
