// What every bench scenario shares: a seeded PRNG (inputs are generated, never downloaded, and the
// same on every machine), timing with warm-up and medians, and the scenario's JSON hand-over.
import { performance } from 'node:perf_hooks';

/** mulberry32: tiny, fast, and good enough to vary generated text reproducibly. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = ReturnType<typeof prng>;

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

export function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Nearest-rank percentile. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Runs `work` `warmup` times unmeasured, then `runs` times; milliseconds of each measured run. */
export function timeRuns(work: () => void, runs: number, warmup = 1): number[] {
  for (let i = 0; i < warmup; i++) work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  return samples;
}

export async function timeRunsAsync(work: () => Promise<void>, runs: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  return samples;
}

/** How many runs a size allows in a reasonable bench time: many for small inputs, few for large. */
export function runsFor(bytes: number): number {
  if (bytes <= 200_000) return 15;
  if (bytes <= 2_000_000) return 9;
  if (bytes <= 20_000_000) return 5;
  return 3;
}

/** A scenario prints one JSON line, prefixed so that stray output cannot be mistaken for it. */
export const RESULT_PREFIX = 'BENCH-RESULT ';

export function report(result: unknown): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}
