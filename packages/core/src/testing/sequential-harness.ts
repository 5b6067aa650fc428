/**
 * @module testing/sequential-harness — a minimal test runner for the conformance suite in a plain process of any
 * runtime (Bun, Deno, Node), where a full test runner is unavailable or misbehaves: cases run one at a time, each
 * with a time limit, and the run ends with a count.
 */
import { platform, type TimerHandle } from '../platform.js';
import type { ConformanceMatchers, TestHarness } from './harness.js';

/** A {@link TestHarness} that collects cases, and runs them in order when asked. */
export interface SequentialHarness extends TestHarness {
  /** Runs every collected case, printing `✓ name` or `✗ name` and the error; resolves with the counts. */
  run(): Promise<{ passed: number; failed: number }>;
}

/**
 * A harness over a Jest-style `expect` (the `expect` package's, say) whose cases run sequentially, each failing
 * when it has not finished within `caseTimeoutMs`; `log` prints each case's outcome and the counts.
 *
 * @example
 * ```ts
 * const harness = sequentialHarness(expect, console.log);
 * testExecutorConformance({ name: 'my pool', create, features }, harness);
 * const { failed } = await harness.run();
 * process.exit(failed > 0 ? 1 : 0);
 * ```
 */
export function sequentialHarness(
  expect: (actual: unknown) => ConformanceMatchers,
  log: (line: string) => void,
  caseTimeoutMs = 20_000,
): SequentialHarness {
  const cases: Array<{ name: string; body: () => Promise<void> }> = [];
  const path: string[] = [];
  return {
    expect,
    describe(name, body) {
      path.push(name);
      body();
      path.pop();
    },
    it(name, body) {
      cases.push({ name: [...path, name].join(' > '), body });
    },
    async run() {
      let passed = 0;
      let failed = 0;
      for (const c of cases) {
        let timer: TimerHandle;
        const limit = new Promise<never>((_, reject) => {
          timer = platform.setTimeout(
            () => reject(new Error(`did not finish within ${caseTimeoutMs} ms`)),
            caseTimeoutMs,
          );
        });
        try {
          await Promise.race([c.body(), limit]);
          passed += 1;
          log(`✓ ${c.name}`);
        } catch (error) {
          failed += 1;
          log(`✗ ${c.name}\n  ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        } finally {
          if (timer !== undefined) platform.clearTimeout(timer);
        }
      }
      log(`${passed} passed, ${failed} failed`);
      return { passed, failed };
    },
  };
}
