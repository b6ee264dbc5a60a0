// Preloaded by scripts/test.mjs: every fast-check property starts from one fixed seed unless
// `FUZZ_SEED` says otherwise (a number, or `random`). `npm test` and CI then try the same inputs
// on every run, so that a red build points at a change, not at luck; new inputs are searched for
// with `FUZZ_SEED=random FUZZ_RUNS=2000 npm test`. A failure prints the seed that replays it.
import { createRequire } from 'node:module';

// The tests load fast-check's CommonJS build (tsx compiles them to CommonJS): configure that one.
const fc = createRequire(import.meta.url)('fast-check');

const FIXED_SEED = 20261127;
const configured = process.env.FUZZ_SEED;
if (configured !== 'random') {
  const seed = configured === undefined ? FIXED_SEED : Number(configured);
  if (!Number.isInteger(seed)) throw new Error(`FUZZ_SEED must be an integer or \`random\`, not \`${configured}\`.`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
}
