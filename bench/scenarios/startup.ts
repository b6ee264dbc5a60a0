// Server start-up: spawn → `initialize` answered, several times, next to the floor of spawning a
// bare Node process that exits at once (what no server can beat on this machine).
// Usage: node --import tsx bench/scenarios/startup.ts [RUNS]
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { BenchClient } from '../lspClient';
import { median, report } from '../support';

const runs = Number(process.argv[2] ?? 7);

function bareNode(): Promise<number> {
  const start = performance.now();
  return new Promise((resolve) => spawn(process.execPath, ['-e', '']).once('exit', () => resolve(performance.now() - start)));
}

async function main(): Promise<void> {
  const node: number[] = [];
  const server: number[] = [];
  await bareNode();
  for (let i = 0; i < runs; i++) {
    node.push(await bareNode());
    const { client, initializeMs } = await BenchClient.start();
    server.push(initializeMs);
    await client.stop();
  }
  report({ runs, bareNodeMs: median(node), initializeMs: median(server), overNodeMs: median(server) - median(node), ratio: median(server) / median(node) });
}

void main();
