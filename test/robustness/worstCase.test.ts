// Worst cases for backtracking and quadratic scans, run deterministically: 200 KB of one awkward
// character or token (long runs of `\`, `"`, `,`, spaces, `[`, `(`, `$(`, `@"`, `^`, backticks,
// NULs), a single 100,000-character line, deep nesting — through each parser and through every
// editor feature at the end of the line (where completion reads the text before the cursor).
//
// The budget (10 s per input) guards against HANGS, not speed: a linear pass over 200 KB takes
// milliseconds, a quadratic one minutes. Speed is measured in the benchmark (bench/), never here.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { mergeSettings } from '../../server/src/service/config';
import { createLanguageService } from '../../server/src/service/languageService';
import type { LanguageId } from '../../server/src/service/types';
import { PARSERS } from './support/parsers';
import { LANGUAGES, ShapeChecker } from './support/fuzz';

const SIZE = 200_000;
const HANG_BUDGET_MS = 10_000;

/** Repeated to SIZE characters; the prefix makes each format's parser read the run as content. */
const RUNS = ['\\', '.a', '"', "'", ',', ' ', '\t', '[', ']', '(', ')', '{', '}', '$(', '@"', '^', '`', '-', ':', '=', '#', ';', '%', '!', '\u0000', '\r', '\n', '\r\n', '0', '00,', '-a:', '-a ', '1,', '*a', 'hex(7):00,', '\uD83D\uDE00', '\uDE00'];

const PREFIXES: Record<LanguageId, readonly string[]> = {
  reg: ['', 'Windows Registry Editor Version 5.00\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\x', 'Windows Registry Editor Version 5.00\n[HKLM\\S]\n"TCP/IP Port"=', 'Windows Registry Editor Version 5.00\n[HKLM\\S]\n"Ports"=hex(7):', 'Windows Registry Editor Version 5.00\n[HKLM\\S]\n@="'],
  powershell: ['', '$x', 'Set-ItemProperty -Path HKLM:\\S -Name ', 'New-NetFirewallRule -LocalPort ', '$x = "', "$x = @'\n", 'Restart-Service -Name ', '# '],
  bat: ['', 'reg add "HKLM\\S" /v ', 'netsh advfirewall firewall add rule name="x" localport=', 'echo ', 'if "', 'sc stop '],
  iptables: ['', '*filter\n-A INPUT -p tcp --dport ', '*filter\n-A INPUT -m multiport --dports ', '-A INPUT -s ', '# '],
  nftables: ['', 'table inet filter { chain input { tcp dport { ', 'define x = ', 'table inet filter { chain input { ip saddr ', '# '],
};

const settings = mergeSettings({ inlayHintsCmd: true });
const failures: string[] = [];
const service = createLanguageService({ log: (message) => failures.push(message) });

function withinBudget(what: string, work: () => void): void {
  const started = performance.now();
  work();
  const elapsed = performance.now() - started;
  assert.ok(elapsed < HANG_BUDGET_MS, `${what} took ${Math.round(elapsed)} ms: a hang (super-linear work), not a slow machine`);
}

/**
 * Every prefix with every run in a long run (`FUZZ_RUNS` set); in CI each run once, after the
 * prefixes in turn, which keeps every character and every prefix covered in a few seconds.
 */
function worstCases(languageId: LanguageId): { name: string; text: string }[] {
  const prefixes = PREFIXES[languageId];
  const pairs = process.env.FUZZ_RUNS ? prefixes.flatMap((prefix) => RUNS.map((run) => [prefix, run])) : RUNS.map((run, index) => [prefixes[index % prefixes.length], run]);
  return pairs.map(([prefix, run]) => ({ name: `${JSON.stringify(prefix.slice(0, 24))} + ${JSON.stringify(run)}×`, text: prefix + run.repeat(Math.ceil((SIZE - prefix.length) / run.length)) }));
}

/**
 * Every feature (the parse included: a parser that throws is logged, which fails the test), at the
 * end of the text, where completion reads the longest line prefix; in a long run at the start and
 * middle too.
 */
function everyFeature(document: TextDocument): void {
  const length = document.getText().length;
  const shape = new ShapeChecker(document);
  const diagnostics = service.diagnostics(document, settings);
  shape.diagnostics(diagnostics);
  service.documentSymbols(document);
  service.foldingRanges(document);
  service.codeLenses(document, settings);
  service.inlayHints(document, { start: document.positionAt(0), end: document.positionAt(length) }, settings);
  for (const offset of process.env.FUZZ_RUNS ? [0, Math.floor(length / 2), length] : [length]) {
    const position = document.positionAt(offset);
    service.hover(document, position, settings);
    service.completion(document, position, settings);
    service.codeActions(document, { start: position, end: position }, diagnostics, settings);
  }
}

describe('no input makes a parser or a feature hang', () => {
  for (const languageId of LANGUAGES) {
    test(`${languageId}: inputs of 200 KB`, () => {
      for (const { name, text } of worstCases(languageId)) {
        if (process.env.FUZZ_RUNS) withinBudget(`parsing ${name}`, () => PARSERS[languageId](text));
        const document = TextDocument.create(`file:///worst/${languageId}`, languageId, 1, text);
        withinBudget(`features on ${name}`, () => everyFeature(document));
        service.forget(document.uri);
      }
      assert.deepEqual(failures, []);
    });
  }
});
