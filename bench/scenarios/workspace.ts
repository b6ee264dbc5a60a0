// Workspace indexing: the server starts with the generated 500-file workspace as its folder; how
// long until its indexing progress ends, and how hovers on an open document fare meanwhile.
// Usage: node --import tsx bench/scenarios/workspace.ts FOLDER OPEN_FILE
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { BenchClient } from '../lspClient';
import { median, percentile, report } from '../support';

/** An indexer that has not said "begin" by then is taken to be absent. */
const BEGIN_WAIT_MS = 3000;

async function main(): Promise<void> {
  const [folder, openFile] = process.argv.slice(2);
  const started = performance.now();
  const begun = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), BEGIN_WAIT_MS));
  const { client } = await BenchClient.start([folder]);
  const begin = client.nextProgress('begin').then(() => true);
  const end = client.nextProgress('end');
  const uri = `file://${openFile}`;
  await client.open(uri, 'reg', readFileSync(openFile, 'utf8'));
  const indexing = await Promise.race([begin, begun]);
  const hoverMs: number[] = [];
  let indexedMs: number | undefined;
  if (indexing) {
    let done = false;
    void end.then(() => {
      done = true;
      indexedMs = performance.now() - started;
    });
    // Hovers keep coming while the indexer works: each must still be answered promptly.
    while (!done) hoverMs.push((await client.hover(uri, { line: 3, character: 3 })).ms);
  }
  const files = client.progress.length;
  await client.stop();
  report({
    measurable: indexing,
    note: indexing ? undefined : `no workspace indexing progress within ${BEGIN_WAIT_MS} ms of start-up: the indexer is not wired into the server yet`,
    indexedMs,
    hoversDuringIndexing: { count: hoverMs.length, p50Ms: median(hoverMs), p99Ms: percentile(hoverMs, 99), maxMs: hoverMs.length > 0 ? Math.max(...hoverMs) : undefined },
    progressNotifications: files,
  });
}

void main();
