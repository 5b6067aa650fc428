// Bun: the conformance suite and the executor cases on Bun's global Worker, run by core's sequential harness in
// a plain `bun` process. (Under `bun test` 1.4.5 two cases hang — a worker's reply or a timer never arrives — while
// the same steps pass in a plain process; so the suite runs here, one case at a time, with a time limit each.)
import { createRequire } from 'node:module';
import { sequentialHarness } from '@weft/core/testing/conformance';

// Bun's ESM view of the CommonJS `expect` package has its exports undefined; require() gives them.
const { expect } = createRequire(import.meta.url)('expect') as typeof import('expect');
import { testWebWorkerExecutor } from '../executor-cases.ts';

const harness = sequentialHarness(expect as never, (line) => console.log(line));
testWebWorkerExecutor('bun', harness, {
  sharedMemory: true,
  workerEntry: new URL(import.meta.resolve('@weft/browser/worker')),
});
const { failed } = await harness.run();
process.exit(failed > 0 ? 1 : 0);
