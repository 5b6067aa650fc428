/**
 * @module executor-cases — the webWorkerExecutor cases beyond the conformance suite, and the conformance run itself,
 * written once against a test harness so that Chromium (vitest), Deno (`node:test` + `expect`) and Bun (`bun:test`)
 * run the same code against the built package.
 */
import { isWeftError, type Executor } from '@weft/core';
import { testExecutorConformance, type TestHarness } from '@weft/core/testing/conformance';
import { addTask, crashTask, echoTask, exitTask, whichThreadTask } from '@weft/core/testing/conformance';
import { webWorkerExecutor } from '@weft/browser';

/** Everything a runtime's test entry registers: the conformance suite, then the executor's own cases. */
export function testWebWorkerExecutor(
  runtime: string,
  harness: TestHarness,
  options: {
    /** Whether the runtime shares memory with workers (browsers: only when cross-origin isolated). */
    readonly sharedMemory: boolean;
    /** Where `@weft/browser/worker` is served from in this runtime. */
    readonly workerEntry: URL;
  },
): void {
  testExecutorConformance(
    {
      name: `webWorkerExecutor (${runtime})`,
      create: ({ size, maxQueue }) => webWorkerExecutor({ size: size ?? 2, maxQueue }),
      features: { parallel: true, transfer: true, sharedMemory: options.sharedMemory, crash: true },
    },
    harness,
  );
  testExecutorCases(runtime, harness, options.workerEntry);
}

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

async function using<T>(executor: Executor, body: (executor: Executor) => Promise<T>): Promise<T> {
  try {
    return await body(executor);
  } finally {
    await executor.close();
  }
}

function testExecutorCases(runtime: string, { describe, it, expect }: TestHarness, entry: URL): void {
  describe(`webWorkerExecutor (${runtime})`, () => {
    it('defaults size to navigator.hardwareConcurrency and reports its capabilities', async () => {
      await using(webWorkerExecutor(), async (pool) => {
        expect(pool.size).toBe(navigator.hardwareConcurrency);
        expect(pool.capabilities.kind).toBe('web-workers');
        expect(pool.capabilities.runtime).toBe(runtime);
        expect(pool.capabilities.transfer).toBe(true);
        expect(pool.capabilities.sharedMemory).toBe(
          typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated !== false,
        );
        await expect(pool.run(addTask, { a: 1, b: 2 })).resolves.toBe(3);
      });
    });

    it('rejects a size or maxQueue that is not valid with INVALID_ARGUMENT', async () => {
      for (const size of [0, -1, 1.5, Number.NaN]) {
        const error = catchError(() => webWorkerExecutor({ size }));
        expect(isWeftError(error, 'INVALID_ARGUMENT')).toBe(true);
        expect((error as Error).message).toContain('size');
      }
      expect(
        isWeftError(
          catchError(() => webWorkerExecutor({ size: 1, maxQueue: -1 })),
          'INVALID_ARGUMENT',
        ),
      ).toBe(true);
    });

    it('starts workers from a workerUrl override (URL or string) and from createWorker', async () => {
      for (const workerUrl of [entry, entry.href]) {
        await using(webWorkerExecutor({ size: 1, workerUrl }), async (pool) => {
          await expect(pool.run(addTask, { a: 20, b: 22 })).resolves.toBe(42);
        });
      }
      let created = 0;
      const createWorker = () => {
        created += 1;
        return new Worker(entry, { type: 'module' });
      };
      await using(webWorkerExecutor({ size: 2, createWorker }), async (pool) => {
        await expect(
          pool.map(addTask, [
            { a: 1, b: 1 },
            { a: 2, b: 2 },
          ]),
        ).resolves.toEqual([2, 4]);
      });
      expect(created).toBe(2);
    });

    it('rejects queued tasks with WORKER_CRASHED when the worker entry cannot start', async () => {
      const workerUrl = new URL('./no-such-worker.js', entry);
      await using(webWorkerExecutor({ size: 1, workerUrl }), async (pool) => {
        const error = await pool.run(echoTask, 1).catch((e: unknown) => e);
        expect(isWeftError(error, 'WORKER_CRASHED')).toBe(true);
        expect((error as Error).message).toContain('workerUrl');
      });
    });

    for (const [what, crashing] of [
      ['an uncaught exception', crashTask],
      ['close() in the worker', exitTask],
    ] as const) {
      it(`regression: ${what} in the middle of a batch fails only that task; the others finish`, async () => {
        await using(webWorkerExecutor({ size: 1 }), async (pool) => {
          await pool.run(echoTask, 'warm');
          // Submitted in one go, these reach the single worker in one message.
          const before = [1, 2, 3].map((n) => pool.run(echoTask, n));
          const failing = pool.run(crashing as typeof echoTask, 'mid-batch').catch((e: unknown) => e);
          const after = [4, 5, 6].map((n) => pool.run(echoTask, n));
          await expect(Promise.all(before)).resolves.toEqual([1, 2, 3]);
          const error = await failing;
          expect(isWeftError(error, 'WORKER_CRASHED')).toBe(true);
          expect((error as Error).message).toContain('while running');
          await expect(Promise.all(after)).resolves.toEqual([4, 5, 6]);
        });
      });
    }

    it('spreads a backlog over every worker', async () => {
      await using(webWorkerExecutor({ size: 2 }), async (pool) => {
        const threads = await pool.map(
          whichThreadTask,
          Array.from({ length: 8 }, () => ({ sleepMs: 30 })),
        );
        expect(new Set(threads).size).toBe(2);
      });
    });
  });
}
