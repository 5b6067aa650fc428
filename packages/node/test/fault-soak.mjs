// The fault soak of a Node pool in a plain Node process (see @weft/core/testing/fault-soak), run by
// src/fault-soak.test.ts: prints one summary line, sets a non-zero exit code on any failure, and must then exit by
// itself (a worker left running would keep the process alive). WEFT_SOAK_POOL picks the pool: `threads`
// (nodeThreadsExecutor, default) or `processes` (nodeProcessExecutor). WEFT_SOAK_TRIALS (default 1000),
// WEFT_SOAK_SEED (default: drawn from the clock and printed) replay a run; a failing trial prints its own seed,
// which replays it alone with WEFT_SOAK_TRIALS=1.
/* global process, console */
import { formatSoakSummary, runFaultSoak } from '@weft/core/testing/fault-soak';
import { childrenOf, liveThreads } from './process-tree.mjs';
import { nodeProcessExecutor, nodeThreadsExecutor } from '@weft/node';

const trials = Number(process.env.WEFT_SOAK_TRIALS ?? 1000);
const seed = Number(process.env.WEFT_SOAK_SEED ?? Date.now() % 1_000_000_000);
const processes = process.env.WEFT_SOAK_POOL === 'processes';
const open = processes ? nodeProcessExecutor : nodeThreadsExecutor;

// Warm up once, so that threads Node starts lazily (its platform and I/O pools) are in the baseline.
const warm = open({ size: 2 });
await warm.map((await import('@weft/core/testing/conformance')).echoTask, [1, 2, 3]);
await warm.close();
const baseline = liveThreads();

const summary = await runFaultSoak({
  name: `node ${process.versions.node} ${processes ? 'nodeProcessExecutor' : 'nodeThreadsExecutor'}`,
  trials,
  seed,
  features: { parallel: true, transfer: !processes, sharedMemory: !processes, crash: true },
  create: ({ size, maxQueue }) => open({ size, maxQueue }),
  liveWorkers: processes ? () => childrenOf().length : () => Math.max(0, liveThreads() - baseline),
  log: (line) => console.error(line),
});
console.log(`WEFT_SOAK ${JSON.stringify(summary)}`);
console.log(formatSoakSummary(summary));
if (summary.failures.length > 0) process.exitCode = 1;
