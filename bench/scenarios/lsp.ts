// Through the bundled server over stdio, on one file: didOpen → publishDiagnostics, hovers at 1,000
// positions, one-character edits in the middle → fresh diagnostics (after a warm-up pair), and the server's memory.
// The first open of a fresh server also loads the language service and runs code V8 has not yet
// optimised: it is reported on its own. `openMs` is the median of the opens on a second server,
// after a warm-up open there (the file closed and opened again under another URI each time, so
// nothing is reused); the hovers and edits run on the first server, whose heap holds one analysis.
// Usage: node --import tsx bench/scenarios/lsp.ts FILE LANGUAGE_ID [EDITS] [HOVERS] [OPENS]
import { readFileSync } from 'node:fs';
import { lineStarts } from '../../server/src/parsers/common/text';
import { decodeBytes } from '../../server/src/service/decode';
import { BenchClient, type Position } from '../lspClient';
import { median, percentile, prng, report } from '../support';

const [file, languageId, editsArg, hoversArg, opensArg] = process.argv.slice(2);
const edits = Number(editsArg ?? 7);
const hovers = Number(hoversArg ?? 1000);
const opens = Number(opensArg ?? 5);
/** An insertion and its removal: the text is as opened when the measured edits start. */
const WARM_UP_EDITS = 2;

/** On a server of their own: a warm-up open, then `opens` more, each after closing the last. */
async function reopens(name: string | undefined, text: string): Promise<number[]> {
  const { client } = await BenchClient.start();
  let uri = `file:///bench/warm-up/${name}`;
  await client.open(uri, languageId, text);
  const samples: number[] = [];
  for (let i = 1; i <= opens; i++) {
    await client.close(uri);
    uri = `file:///bench/open${i}/${name}`;
    samples.push(await client.open(uri, languageId, text));
  }
  await client.stop();
  return samples;
}

async function main(): Promise<void> {
  const text = decodeBytes(readFileSync(file)).text;
  const starts = lineStarts(text);
  const lineLength = (line: number) => (line + 1 < starts.length ? starts[line + 1] : text.length) - starts[line];
  const { client, initializeMs } = await BenchClient.start();
  const before = client.memory();
  const name = file.split('/').pop();
  const uri = `file:///bench/${name}`;
  const firstOpenMs = await client.open(uri, languageId, text);
  const afterOpen = client.memory();

  const random = prng(42);
  const hoverMs: number[] = [];
  let hoverHits = 0;
  for (let i = 0; i < hovers; i++) {
    const line = Math.floor(random() * starts.length);
    const position: Position = { line, character: Math.floor(random() * Math.max(1, lineLength(line) - 1)) };
    const { ms, found } = await client.hover(uri, position);
    hoverMs.push(ms);
    if (found) hoverHits++;
  }

  // Insert a space at the start of the middle line, then take it out again: text stays valid.
  // The warm-up pair runs the incremental paths once before the measured edits (hovers and the
  // open do not), as every other figure is taken after a warm-up; the first edit is reported too.
  const middle = Math.floor(starts.length / 2);
  const warmUpMs: number[] = [];
  const editMs: number[] = [];
  for (let i = 0; i < WARM_UP_EDITS + edits; i++) {
    const at = { line: middle, character: 0 };
    const change = i % 2 === 0 ? { range: { start: at, end: at }, text: ' ' } : { range: { start: at, end: { line: middle, character: 1 } }, text: '' };
    (i < WARM_UP_EDITS ? warmUpMs : editMs).push(await client.change(uri, i + 2, change));
  }
  const afterAll = client.memory();
  await client.stop();
  const reopenMs = opens > 0 ? await reopens(name, text) : [];
  const openMs = reopenMs.length > 0 ? median(reopenMs) : firstOpenMs;
  report({
    file,
    languageId,
    chars: text.length,
    lines: starts.length,
    initializeMs,
    firstOpenMs,
    openMs,
    opens: { count: reopenMs.length, samplesMs: reopenMs },
    hover: { count: hovers, hits: hoverHits, p50Ms: percentile(hoverMs, 50), p99Ms: percentile(hoverMs, 99), maxMs: Math.max(...hoverMs) },
    edit: { count: edits, medianMs: median(editMs), samplesMs: editMs, firstMs: warmUpMs[0], warmUpMs },
    memory: { beforeOpen: before, afterOpen, afterAll },
  });
}

void main();
