import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isWeftError, taskLabel } from '@weft/core';
import {
  addTask,
  crashTask,
  echoTask,
  exhaustMemoryTask,
  exitTask,
  testExecutorConformance,
  whichThreadTask,
} from '@weft/core/testing';
import { nodeThreadsExecutor } from '@weft/node';
import { runNodeScript } from './node-script.fixture.js';

testExecutorConformance({
  name: 'nodeThreadsExecutor',
  create: ({ size, maxQueue }) => nodeThreadsExecutor({ size: size ?? 2, maxQueue }),
  features: { parallel: true, transfer: true, sharedMemory: true, crash: true },
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('nodeThreadsExecutor', () => {
  it('defaults size to os.availableParallelism()', async () => {
    const pool = nodeThreadsExecutor();
    expect(pool.size).toBe(availableParallelism());
    expect(pool.capabilities).toMatchObject({
      kind: 'threads',
      runtime: 'node',
      sharedMemory: true,
      transfer: true,
      parallel: true,
    });
    await pool.close();
  });

  it('rejects a size that is not a positive integer with INVALID_ARGUMENT', () => {
    for (const size of [0, -1, 1.5, Number.NaN]) {
      const error = catchError(() => nodeThreadsExecutor({ size }));
      expect(isWeftError(error, 'INVALID_ARGUMENT'), `size ${size}`).toBe(true);
      expect((error as Error).message).toContain('size');
    }
    expect(
      isWeftError(
        catchError(() => nodeThreadsExecutor({ size: 1, maxQueue: -1 })),
        'INVALID_ARGUMENT',
      ),
    ).toBe(true);
  });

  it('starts workers from a workerUrl override', async () => {
    const entry = new URL('./worker.js', import.meta.resolve('@weft/node'));
    for (const workerUrl of [entry, entry.href, fileURLToPath(entry)]) {
      const pool = nodeThreadsExecutor({ size: 1, workerUrl });
      await expect(pool.run(addTask, { a: 20, b: 22 })).resolves.toBe(42);
      await pool.close();
    }
  });

  it('fails a task whose module starts a pool as it loads, instead of starting workers without end', async () => {
    // The module starts its own pool here, on the main thread, where that is allowed.
    const mod = await import('../test/self-starting-tasks.mjs');
    const pool = nodeThreadsExecutor({ size: 1 });
    const error = await pool.run(mod.squareTask, 3).catch((e: unknown) => e);
    expect(isWeftError(error, 'TASK_NOT_FOUND')).toBe(true);
    expect((error as Error).message).toMatch(
      /^cannot import task module file:.*self-starting-tasks\.mjs: a worker pool was started while a worker imported the task module file:.*self-starting-tasks\.mjs: .*keep task functions in a module of their own/,
    );
    // The worker goes on serving other tasks.
    await expect(pool.run(addTask, { a: 1, b: 2 })).resolves.toBe(3);
    await Promise.all([pool.close(), mod.pool.close()]);
  });

  it('rejects queued tasks with WORKER_CRASHED when the worker entry cannot start', async () => {
    const pool = nodeThreadsExecutor({
      size: 1,
      workerUrl: new URL('./no-such-worker.js', import.meta.resolve('@weft/node')),
    });
    const error = await pool.run(echoTask, 1).catch((e: unknown) => e);
    expect(isWeftError(error, 'WORKER_CRASHED')).toBe(true);
    expect((error as Error).message).toContain('workerUrl');
    await pool.close();
  });

  for (const [what, crashing] of [
    ['an uncaught exception', () => crashTask],
    ['process.exit', () => exitTask],
  ] as const) {
    it(`regression: ${what} in the middle of a batch fails only that task; the others finish`, async () => {
      const pool = nodeThreadsExecutor({ size: 1 });
      await pool.run(echoTask, 'warm');
      // Submitted in one go, these reach the single worker in one message.
      const before = [1, 2, 3].map((n) => pool.run(echoTask, n));
      const failing = pool.run(crashing() as typeof echoTask, 'mid-batch').catch((e: unknown) => e);
      const after = [4, 5, 6].map((n) => pool.run(echoTask, n));
      await expect(Promise.all(before)).resolves.toEqual([1, 2, 3]);
      expect(isWeftError(await failing, 'WORKER_CRASHED')).toBe(true);
      await expect(Promise.all(after)).resolves.toEqual([4, 5, 6]);
      await pool.close();
    });
  }

  it('regression: a finished task is never reported as crashed when a batch neighbour then runs out of memory', async () => {
    const pool = nodeThreadsExecutor({ size: 1, resourceLimits: { maxOldGenerationSizeMb: 32 } });
    await pool.run(echoTask, 'warm');
    // Submitted together, both reach the one worker in one message: the answer of the first is already posted.
    const done = pool.run(echoTask, 'done');
    const hog = pool.run(exhaustMemoryTask, undefined).catch((e: unknown) => e);
    await expect(done).resolves.toBe('done');
    const error = await hog;
    expect(isWeftError(error, 'WORKER_CRASHED')).toBe(true);
    expect((error as Error).message).toContain(taskLabel(exhaustMemoryTask));
    await expect(pool.run(echoTask, 'after')).resolves.toBe('after');
    await pool.close();
  });

  it('spreads a backlog over every worker', async () => {
    const pool = nodeThreadsExecutor({ size: 2 });
    const threads = await pool.map(
      whichThreadTask,
      Array.from({ length: 8 }, () => ({ sleepMs: 30 })),
    );
    expect(new Set(threads).size).toBe(2);
    await pool.close();
  });

  it('close() terminates every worker so the process exits by itself', async () => {
    const script = `
      import { nodeThreadsExecutor } from '${import.meta.resolve('@weft/node')}';
      import { addTask, sleepTask } from '${import.meta.resolve('@weft/core/testing')}';
      const pool = nodeThreadsExecutor({ size: 2 });
      const sums = await pool.map(addTask, [{ a: 1, b: 2 }, { a: 3, b: 4 }, { a: 5, b: 6 }]);
      const slow = pool.run(sleepTask, 50);
      await pool.close();
      console.log(JSON.stringify({ sums, slow: await slow }));
    `;
    const dir = await mkdtemp(join(tmpdir(), 'weft-no-leak-'));
    const file = join(dir, 'pool.mjs');
    await writeFile(file, script);
    const { code, stdout, stderr } = await runNodeScript(file, 10_000);
    await rm(dir, { recursive: true, force: true });
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ sums: [3, 7, 11], slow: 50 });
  });
});
