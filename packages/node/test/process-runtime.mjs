// nodeProcessExecutor in Deno or Bun (`deno run -A test/process-runtime.mjs`, `bun test/process-runtime.mjs`), run by
// src/process-runtimes.test.ts: the conformance suite through core's sequential harness, then the fault soak
// (WEFT_SOAK_TRIALS, default 100). Exits 1 on any failure, and must then exit by itself.
/* global process, console */
import { createRequire } from 'node:module';
import { sequentialHarness, testExecutorConformance } from '@weft/core/testing/conformance';
import { formatSoakSummary, runFaultSoak } from '@weft/core/testing/fault-soak';
import { childrenOf } from './process-tree.mjs';
import { nodeProcessExecutor } from '@weft/node';

// The CommonJS `expect` package, through require() (Bun's ESM view of it has its exports undefined).
const { expect } = createRequire(import.meta.url)('expect');
const runtime = 'Deno' in globalThis ? 'deno' : 'Bun' in globalThis ? 'bun' : 'node';
const features = { parallel: true, transfer: false, sharedMemory: false, crash: true };

const harness = sequentialHarness(expect, (line) => console.log(line));
testExecutorConformance(
  {
    name: `nodeProcessExecutor (${runtime})`,
    create: ({ size, maxQueue }) => nodeProcessExecutor({ size: size ?? 2, maxQueue }),
    features,
  },
  harness,
);
const { failed } = await harness.run();

const summary = await runFaultSoak({
  name: `${runtime} nodeProcessExecutor`,
  trials: Number(process.env.WEFT_SOAK_TRIALS ?? 100),
  seed: Number(process.env.WEFT_SOAK_SEED ?? Date.now() % 1_000_000_000),
  features,
  create: ({ size, maxQueue }) => nodeProcessExecutor({ size, maxQueue }),
  liveWorkers: () => childrenOf().length,
  log: (line) => console.error(line),
});
console.log(formatSoakSummary(summary));
process.exit(failed > 0 || summary.failures.length > 0 ? 1 : 0);
