// Deno and Bun: `deno run -A --no-check test/soak-main.ts`, `bun test/soak-main.ts` (run by test/run-all.mjs). Prints
// one summary line, sets a non-zero exit code on any failure, and must then exit by itself: a worker left running
// would keep the process alive, and run-all.mjs kills it after its time limit. WEFT_SOAK_TRIALS (default 200) and
// WEFT_SOAK_SEED (default: drawn from the clock) replay a run; a failing trial prints the seed that replays it alone.
import { formatSoakSummary } from '@weft/core/testing/fault-soak';
import { soakWebWorkers } from './fault-soak.ts';

const env = (globalThis as { process?: { env: Record<string, string | undefined>; exitCode?: number } }).process;
const runtime = 'Deno' in globalThis ? 'deno' : 'bun';
const trials = Number(env?.env.WEFT_SOAK_TRIALS ?? 200);
const seed = Number(env?.env.WEFT_SOAK_SEED ?? Date.now() % 1_000_000_000);
const summary = await soakWebWorkers(runtime, new URL(import.meta.resolve('@weft/browser/worker')), trials, seed);
console.log(formatSoakSummary(summary));
if (summary.failures.length > 0 && env !== undefined) env.exitCode = 1;
