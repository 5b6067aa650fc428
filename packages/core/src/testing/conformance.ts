/**
 * The executor conformance suite every executor (inline, event loop,
 * worker pools) runs, for any test runner that has `describe`, `it` and a Jest-style `expect` (vitest, `bun:test`,
 * `node:test` or Deno with the `expect` package), and the fixture tasks it uses. Imports no test runner itself.
 *
 * @module @weft/core/testing/conformance
 */
import { isWeftError, type WeftErrorCode } from '../errors.js';
import type { Executor } from '../executor.js';
import { platform, type AbortSignalLike } from '../platform.js';
import { defineTask, taskLabel, type TaskRef } from '../task.js';
import {
  addTask,
  atomicsWriteTask,
  crashTask,
  delayedEchoTask,
  echoTask,
  exitTask,
  failTask,
  makeBufferTask,
  makeUncloneableTask,
  measureBufferTask,
  sleepTask,
  spinTask,
  throwErrorTask,
  throwUnreadableTask,
  whichThreadTask,
} from './tasks.js';
import type { TestHarness } from './harness.js';

export * from './tasks.js';
export type { ConformanceMatchers, TestHarness } from './harness.js';
export { sequentialHarness } from './sequential-harness.js';
export type { SequentialHarness } from './sequential-harness.js';

/** What the executor under test supports; the matching cases run only when a feature is on. */
export interface ConformanceFeatures {
  /** Tasks run on other threads, `size` at a time. */
  readonly parallel: boolean;
  /** Transfer lists move buffers (the caller's copy is detached) and results can be transferred back. */
  readonly transfer: boolean;
  /** A `SharedArrayBuffer` in the input is shared with the task. */
  readonly sharedMemory: boolean;
  /** A crashing, exiting, aborted or timed-out task takes its worker down, and the executor replaces it. */
  readonly crash: boolean;
  /**
   * Tasks run on several independent pools (the agents of a cluster), so two tasks of a size-1 executor may run on
   * different machines one after the other: the cases that compare which thread ran two tasks then check only that
   * the executor keeps serving. Default `false`.
   */
  readonly distributed?: boolean;
}

/** Options the suite passes to {@link ConformanceOptions.create}. */
export interface ConformanceCreateOptions {
  /** Most tasks allowed to wait (executors without such an option may ignore it only if they never queue). */
  readonly maxQueue?: number;
  /** How many tasks may run at once (threads, or concurrency); default: the executor's own default. */
  readonly size?: number;
}

/** Options of {@link testExecutorConformance}. */
export interface ConformanceOptions {
  /** Names the `describe` block. */
  readonly name: string;
  /** Creates a fresh executor; the suite closes every executor it creates. */
  readonly create: (options: ConformanceCreateOptions) => Executor;
  /** Which optional behaviours to test. */
  readonly features: ConformanceFeatures;
}

/** Resolves with the error `promise` rejects with; fails the test when it resolves. */
async function rejection(promise: Promise<unknown> | (() => Promise<unknown>)): Promise<unknown> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

function expectWeftError(expect: TestHarness['expect'], error: unknown, code: WeftErrorCode): void {
  // One argument only: the `expect` package rejects a second (message) argument.
  expect(isWeftError(error) ? error.code : `not a WeftError: ${String(error)}`).toBe(code);
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => platform.setTimeout(resolve, ms));
}

/** The standard `AbortController`, typed here because core compiles without DOM or Node types. */
interface AbortControllerLike {
  readonly signal: AbortSignalLike;
  abort(reason?: unknown): void;
}
const AbortController = (globalThis as unknown as { AbortController: new () => AbortControllerLike }).AbortController;

/**
 * Registers `describe`/`it` blocks of the given test runner that check an executor against the {@link Executor}
 * contract. (`@weft/core/testing` has a vitest flavour that needs no harness.)
 *
 * @example
 * ```ts
 * // Bun
 * import { describe, expect, it } from 'bun:test';
 * import { testExecutorConformance } from '@weft/core/testing/conformance';
 * testExecutorConformance({
 *   name: 'webWorkerExecutor',
 *   create: ({ size, maxQueue }) => webWorkerExecutor({ size: size ?? 2, maxQueue }),
 *   features: { parallel: true, transfer: true, sharedMemory: true, crash: true },
 * }, { describe, it, expect });
 * ```
 */
export function testExecutorConformance(options: ConformanceOptions, harness: TestHarness): void {
  const { features } = options;
  const { describe, expect } = harness;
  describe(`executor conformance: ${options.name}`, () => {
    const opened: Executor[] = [];
    const create = (createOptions: ConformanceCreateOptions = {}): Executor => {
      const executor = options.create(createOptions);
      opened.push(executor);
      return executor;
    };
    // Every case closes the executors it created, so the suite needs no afterEach hook from the runner.
    const it = (name: string, body: () => Promise<void> | void): void => {
      harness.it(name, async () => {
        try {
          await body();
        } finally {
          await Promise.all(opened.splice(0).map((executor) => executor.close()));
        }
      });
    };

    it('run resolves with the task output', async () => {
      const executor = create();
      await expect(executor.run(addTask, { a: 2, b: 3 })).resolves.toBe(5);
      await expect(executor.run(echoTask, { nested: [1, 'two', { three: 3 }] })).resolves.toEqual({
        nested: [1, 'two', { three: 3 }],
      });
    });

    it('reports a positive size and its capabilities', () => {
      const executor = create();
      expect(Number.isInteger(executor.size) && executor.size > 0).toBe(true);
      expect(executor.capabilities.parallel).toBe(features.parallel);
      expect(executor.capabilities.transfer).toBe(features.transfer);
    });

    it('map keeps input order when tasks finish out of order', async () => {
      const executor = create({ size: 2 });
      const inputs = [40, 5, 30, 0, 20, 10, 1, 25].map((ms, value) => ({ value, ms }));
      await expect(executor.map(delayedEchoTask, inputs)).resolves.toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    });

    it('map over many small tasks returns every result in order', async () => {
      const executor = create({ size: 2 });
      const inputs = Array.from({ length: 500 }, (_, i) => ({ a: i, b: 1 }));
      const outputs = await executor.map(addTask, inputs);
      expect(outputs).toEqual(inputs.map(({ a }) => a + 1));
    });

    it('a WeftError thrown by the task keeps its code and message', async () => {
      const executor = create();
      const error = await rejection(executor.run(failTask, { code: 'DATA_CORRUPT', message: 'bad digit 7' }));
      expectWeftError(expect, error, 'DATA_CORRUPT');
      expect((error as Error).message).toBe('bad digit 7');
    });

    it('a plain Error keeps its name, message and stack', async () => {
      const executor = create();
      const error = (await rejection(executor.run(throwErrorTask, 'plain failure'))) as Error;
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe('FixtureError');
      expect(error.message).toBe('plain failure');
      expect(error.stack).toContain('throwError');
    });

    it('an unknown module or export rejects with TASK_NOT_FOUND naming the task', async () => {
      const executor = create();
      const missingModule = defineTask('file:///weft-conformance/does-not-exist.js', 'echo');
      const missingExport = defineTask(echoTask.module, 'noSuchExport');
      const moduleError = await rejection(executor.run(missingModule, 1));
      expectWeftError(expect, moduleError, 'TASK_NOT_FOUND');
      const exportError = await rejection(executor.run(missingExport, 1));
      expectWeftError(expect, exportError, 'TASK_NOT_FOUND');
      expect((exportError as Error).message).toContain('noSuchExport');
      // The executor still works afterwards.
      await expect(executor.run(echoTask, 'still here')).resolves.toBe('still here');
    });

    it('an already-aborted signal rejects with ABORTED without running the task', async () => {
      const executor = create();
      const controller = new AbortController();
      controller.abort(new Error('caller gave up'));
      // Where SharedArrayBuffer exists (not in a browser page without cross-origin isolation), check it did not run.
      const shared =
        typeof SharedArrayBuffer === 'function'
          ? new SharedArrayBuffer(4)
          : (new ArrayBuffer(4) as unknown as SharedArrayBuffer);
      const error = await rejection(() =>
        executor.run(atomicsWriteTask, { shared, index: 0, value: 9 }, { signal: controller.signal }),
      );
      expectWeftError(expect, error, 'ABORTED');
      await wait(50);
      expect(new Int32Array(shared)[0]).toBe(0);
    });

    it('aborting a queued task rejects it with ABORTED and leaves the others alone', async () => {
      const executor = create({ size: 1 });
      const blocker = executor.run(sleepTask, 300);
      const controller = new AbortController();
      const queued = executor.run(echoTask, 'never', { signal: controller.signal });
      const after = executor.run(echoTask, 'after');
      await wait(20);
      controller.abort();
      expectWeftError(expect, await rejection(queued), 'ABORTED');
      await expect(blocker).resolves.toBe(300);
      await expect(after).resolves.toBe('after');
    });

    it('aborting a running task rejects it with ABORTED naming the task', async () => {
      const executor = create({ size: 1 });
      const controller = new AbortController();
      const running = executor.run(sleepTask, 10_000, { signal: controller.signal });
      await wait(150);
      controller.abort();
      const error = await rejection(running);
      expectWeftError(expect, error, 'ABORTED');
      expect((error as Error).message).toContain(taskLabel(sleepTask));
      await expect(executor.run(echoTask, 'next')).resolves.toBe('next');
    });

    it('timeoutMs rejects a task that runs too long with TIMEOUT', async () => {
      const executor = create({ size: 1 });
      const error = await rejection(executor.run(sleepTask, 10_000, { timeoutMs: 100 }));
      expectWeftError(expect, error, 'TIMEOUT');
      expect((error as Error).message).toContain(taskLabel(sleepTask));
      await expect(executor.run(echoTask, 'next')).resolves.toBe('next');
    });

    it('timeoutMs counts from the start of the run, not from submission', async () => {
      const executor = create({ size: 1 });
      const blocker = executor.run(sleepTask, 500);
      // Queued behind the blocker for ~500 ms, then runs in well under its 250 ms limit.
      const quick = executor.run(echoTask, 'in time', { timeoutMs: 250 });
      await expect(blocker).resolves.toBe(500);
      await expect(quick).resolves.toBe('in time');
    });

    it('a full queue rejects with QUEUE_FULL and says what to do', async () => {
      const executor = create({ size: 1, maxQueue: 1 });
      const running = executor.run(sleepTask, 200);
      const waiting = executor.run(sleepTask, 10);
      const error = await rejection(executor.run(echoTask, 'overflow'));
      expectWeftError(expect, error, 'QUEUE_FULL');
      expect((error as Error).message).toMatch(/maxQueue/);
      await expect(running).resolves.toBe(200);
      await expect(waiting).resolves.toBe(10);
      // Room again once the queue drained.
      await expect(executor.run(echoTask, 'room')).resolves.toBe('room');
    });

    it('close() lets running and queued tasks finish, then rejects new tasks with CLOSED', async () => {
      const executor = create({ size: 1 });
      const tasks = [executor.run(sleepTask, 100), executor.run(sleepTask, 50), executor.run(addTask, { a: 1, b: 1 })];
      const closing = executor.close();
      const late = await rejection(() => executor.run(echoTask, 'late'));
      expectWeftError(expect, late, 'CLOSED');
      await expect(Promise.all(tasks)).resolves.toEqual([100, 50, 2]);
      await expect(closing).resolves.toBeUndefined();
      expectWeftError(expect, await rejection(() => executor.run(echoTask, 'later')), 'CLOSED');
      // Closing twice is harmless.
      await expect(executor.close()).resolves.toBeUndefined();
    });

    it('a non-positive or non-finite timeoutMs rejects with INVALID_ARGUMENT', async () => {
      const executor = create();
      for (const timeoutMs of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
        expectWeftError(expect, await rejection(() => executor.run(echoTask, 1, { timeoutMs })), 'INVALID_ARGUMENT');
      }
      await expect(executor.run(echoTask, 'fine', { timeoutMs: 1_000 })).resolves.toBe('fine');
    });

    it('close({ force: true }) rejects running and queued tasks with CLOSED at once, then later ones too', async () => {
      const executor = create({ size: 1 });
      const errors = [executor.run(sleepTask, 5_000), executor.run(echoTask, 'queued')].map((task) => rejection(task));
      await wait(100);
      await expect(executor.close({ force: true })).resolves.toBeUndefined();
      for (const error of errors) expectWeftError(expect, await error, 'CLOSED');
      expectWeftError(expect, await rejection(() => executor.run(echoTask, 'late')), 'CLOSED');
    });

    it('close({ force: true }) ends a graceful close that waits on a task with no time limit', async () => {
      const executor = create({ size: 1 });
      const hung = rejection(executor.run(sleepTask, 5_000));
      await wait(100);
      const graceful = executor.close();
      await wait(50);
      await executor.close({ force: true });
      await expect(graceful).resolves.toBeUndefined();
      expectWeftError(expect, await hung, 'CLOSED');
    });

    it('Symbol.asyncDispose (await using) closes the executor', async () => {
      const executor = create();
      await expect(executor.run(echoTask, 'used')).resolves.toBe('used');
      await executor[Symbol.asyncDispose]();
      expectWeftError(expect, await rejection(() => executor.run(echoTask, 'after')), 'CLOSED');
    });

    if (features.parallel) {
      it('regression: a result that cannot be cloned rejects with TASK_FAILED naming the task, runs once, and the worker keeps serving', async () => {
        const executor = create({ size: 1 });
        const counter = features.sharedMemory ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
        const error = await rejection(executor.run(makeUncloneableTask, counter === undefined ? {} : { counter }));
        expectWeftError(expect, error, 'TASK_FAILED');
        expect((error as Error).message).toContain(taskLabel(makeUncloneableTask));
        expect((error as Error).message).toMatch(/could not be sent back/);
        await expect(executor.run(echoTask, 'still serving')).resolves.toBe('still serving');
        if (counter !== undefined) expect(Atomics.load(counter, 0)).toBe(1);
        await expect(executor.close()).resolves.toBeUndefined();
      });

      it('regression: an error whose message, stack, code or name getter throws rejects with a generic error, and the worker survives', async () => {
        const executor = create({ size: 1 });
        const thread = await executor.run(whichThreadTask, {});
        for (const property of ['message', 'stack', 'code', 'name'] as const) {
          const error = await rejection(executor.run(throwUnreadableTask, property));
          expect(error).toBeInstanceOf(Error);
          expect((error as Error).message).toMatch(/could not be read/);
        }
        const after = await executor.run(whichThreadTask, {});
        if (features.distributed !== true) expect(after).toBe(thread);
      });
    }

    if (features.parallel && features.sharedMemory) {
      it('regression: a finished result is answered at once, not held back by a busy neighbour of its batch', async () => {
        const executor = create({ size: 1 });
        await executor.run(echoTask, 'warm');
        const done = new Int32Array(new SharedArrayBuffer(4));
        // Submitted together, both reach the one worker in one message; the neighbour then spins without yielding.
        const quick = executor
          .run(echoTask, 'quick')
          .then((value) => ({ value, neighbourDone: Atomics.load(done, 0) }));
        const busy = executor.run(spinTask, { ms: 1_000, done });
        await expect(quick).resolves.toEqual({ value: 'quick', neighbourDone: 0 });
        await expect(busy).resolves.toBe(1_000);
      });
    }

    if (features.transfer) {
      it('regression: a transfer list holding a detached buffer rejects with INVALID_ARGUMENT before dispatch', async () => {
        const executor = create();
        const buffer = new Uint8Array([1, 2, 3]).buffer;
        await expect(executor.run(measureBufferTask, buffer, { transfer: [buffer] })).resolves.toEqual({
          byteLength: 3,
          sum: 6,
        });
        const error = await rejection(() => executor.run(measureBufferTask, buffer, { transfer: [buffer] }));
        expectWeftError(expect, error, 'INVALID_ARGUMENT');
        expect((error as Error).message).toMatch(/detached/);
        await expect(executor.run(echoTask, 'next')).resolves.toBe('next');
      });

      it('transfer: a transferred input is detached on the caller side', async () => {
        const executor = create();
        const buffer = new Uint8Array([1, 2, 3, 4]).buffer;
        const result = await executor.run(measureBufferTask, buffer, { transfer: [buffer] });
        expect(result).toEqual({ byteLength: 4, sum: 10 });
        expect(buffer.byteLength).toBe(0);
      });

      it('transfer: a buffer the task transfers back arrives intact', async () => {
        const executor = create();
        const buffer = await executor.run(makeBufferTask, 1_000);
        expect(buffer).toBeInstanceOf(ArrayBuffer);
        expect(buffer.byteLength).toBe(1_000);
        expect(new Uint8Array(buffer)[999]).toBe(999 & 0xff);
      });

      it('transfer: map passes a transfer list per input', async () => {
        const executor = create();
        const buffers = [new ArrayBuffer(8), new ArrayBuffer(16)];
        const results = await executor.map(measureBufferTask, buffers, { transfer: (buffer) => [buffer] });
        expect(results.map((r) => r.byteLength)).toEqual([8, 16]);
        expect(buffers.map((b) => b.byteLength)).toEqual([0, 0]);
      });
    }

    if (features.sharedMemory) {
      it('sharedMemory: Atomics writes made by the task are visible to the caller', async () => {
        const executor = create({ size: 2 });
        const shared = new SharedArrayBuffer(4 * 4);
        await executor.map(
          atomicsWriteTask,
          [0, 1, 2, 3].map((index) => ({ shared, index, value: 100 + index })),
        );
        expect(Array.from(new Int32Array(shared))).toEqual([100, 101, 102, 103]);
      });
    }

    if (features.parallel) {
      it('parallel: size tasks sleeping at the same time run on different threads', async () => {
        const executor = create({ size: 2 });
        const here = await import('./tasks.js').then((tasks) => tasks.whichThread());
        const sleepers = () =>
          Promise.all(Array.from({ length: executor.size }, () => executor.run(whichThreadTask, { sleepMs: 200 })));
        // Start every worker first: a worker still booting on a loaded machine leaves its task to a ready one (seen
        // with child processes past 600 ms), so warm up until each has answered once. A pool that never runs a
        // second worker gets here after the deadline and fails below.
        const started = new Set<string>();
        const deadline = Date.now() + 20_000;
        while (started.size < executor.size && Date.now() < deadline) for (const t of await sleepers()) started.add(t);
        const threads = await sleepers();
        expect(new Set(threads).size).toBe(executor.size);
        expect(threads).not.toContain(here);
      });
    }

    if (features.crash) {
      const crashCases: ReadonlyArray<readonly [string, TaskRef<never, unknown>, unknown]> = [
        ['an uncaught exception', crashTask, 'boom'],
        ['exiting the worker (process.exit, close() in a Web Worker)', exitTask, undefined],
      ];
      for (const [what, task, input] of crashCases) {
        it(`crash: ${what} rejects that task with WORKER_CRASHED naming it, and later tasks still run`, async () => {
          const executor = create({ size: 2 });
          const label = taskLabel(task);
          const neighbours = [1, 2, 3, 4, 5].map((value) => executor.run(delayedEchoTask, { value, ms: 20 }));
          const error = await rejection(executor.run(task, input as never));
          expectWeftError(expect, error, 'WORKER_CRASHED');
          expect((error as Error).message).toContain(label);
          expect((error as { task?: string }).task).toBe(label);
          await expect(Promise.all(neighbours)).resolves.toEqual([1, 2, 3, 4, 5]);
          const after = await executor.map(
            addTask,
            Array.from({ length: 20 }, (_, a) => ({ a, b: 1 })),
          );
          expect(after).toEqual(Array.from({ length: 20 }, (_, a) => a + 1));
        });
      }

      if (features.transfer) {
        it('regression: crash: a task whose transferred input went down with the worker rejects with WORKER_CRASHED; the others run again', async () => {
          const executor = create({ size: 1 });
          await executor.run(echoTask, 'warm');
          const buffer = new Uint8Array([1, 2, 3]).buffer;
          // Submitted together, the three reach the one worker in one message: the crash takes the buffer down too.
          const crashing = executor.run(crashTask, 'in a batch');
          const lost = executor.run(measureBufferTask, buffer, { transfer: [buffer] });
          const plain = executor.run(echoTask, 'plain');
          expectWeftError(expect, await rejection(crashing), 'WORKER_CRASHED');
          const error = await rejection(lost);
          expectWeftError(expect, error, 'WORKER_CRASHED');
          expect((error as Error).message).toMatch(/transferred input was lost/);
          await expect(plain).resolves.toBe('plain');
        });
      }

      it('crash: abort and timeout mid-task replace the worker, and the pool keeps serving', async () => {
        const executor = create({ size: 1 });
        const first = await executor.run(whichThreadTask, {});
        const controller = new AbortController();
        const aborted = executor.run(sleepTask, 10_000, { signal: controller.signal });
        await wait(100);
        controller.abort();
        expectWeftError(expect, await rejection(aborted), 'ABORTED');
        const second = await executor.run(whichThreadTask, {});
        if (features.distributed !== true) expect(second).not.toBe(first);
        expectWeftError(expect, await rejection(executor.run(sleepTask, 10_000, { timeoutMs: 100 })), 'TIMEOUT');
        const third = await executor.run(whichThreadTask, {});
        if (features.distributed !== true) expect(third).not.toBe(second);
        await expect(executor.map(echoTask, [1, 2, 3])).resolves.toEqual([1, 2, 3]);
      });
    }
  });
}
