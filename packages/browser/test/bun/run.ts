// Bun: the conformance suite and the executor cases on Bun's global Worker, run by a minimal sequential harness in
// a plain `bun` process. (Under `bun test` 1.4.5 two cases hang — a worker's reply or a timer never arrives — while
// the same steps pass in a plain process; so the suite runs here, one case at a time, with a time limit each.)
import { createRequire } from 'node:module';

// Bun's ESM view of the CommonJS `expect` package has its exports undefined; require() gives them.
const { expect } = createRequire(import.meta.url)('expect') as typeof import('expect');
import { testWebWorkerExecutor } from '../executor-cases.ts';

const CASE_TIMEOUT_MS = 20_000;
const cases: Array<{ name: string; body: () => Promise<void> }> = [];
const path: string[] = [];
const describe = (name: string, body: () => void): void => {
  path.push(name);
  body();
  path.pop();
};
const it = (name: string, body: () => Promise<void>): void => {
  cases.push({ name: [...path, name].join(' > '), body });
};
testWebWorkerExecutor('bun', { describe, it, expect } as never, {
  sharedMemory: true,
  workerEntry: new URL(import.meta.resolve('@weft/browser/worker')),
});

let passed = 0;
let failed = 0;
for (const c of cases) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not finish within ${CASE_TIMEOUT_MS} ms`)), CASE_TIMEOUT_MS);
  });
  try {
    await Promise.race([c.body(), limit]);
    passed += 1;
    console.log(`✓ ${c.name}`);
  } catch (error) {
    failed += 1;
    console.log(`✗ ${c.name}\n  ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
