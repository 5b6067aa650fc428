// Deno: `deno test -A --no-check test/deno` runs the conformance suite and the executor cases on Deno's global
// Worker, with Deno's `node:test` and the `expect` package (tsc typechecks; Deno's checker misreads the .d.ts maps).
import { describe, it } from 'node:test';
import { expect } from 'expect';
import { testWebWorkerExecutor } from '../executor-cases.ts';

testWebWorkerExecutor('deno', { describe, it, expect } as never, {
  sharedMemory: true,
  workerEntry: new URL(import.meta.resolve('@weft/browser/worker')),
});
