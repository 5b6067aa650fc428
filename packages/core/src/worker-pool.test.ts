import { describe, expect, it } from 'vitest';
import { isWeftError } from './errors.js';
import { defineTask, registerTaskModule } from './task.js';
import { fakeWorkers } from './worker-pool.fixture.js';
import { createWorkerPool, type PoolWorker } from './worker-pool.js';

const capabilities = {
  kind: 'web-workers',
  runtime: 'node',
  sharedMemory: false,
  transfer: true,
  parallel: true,
} as const;
const task = defineTask<number, number>('file:///never-loaded.js', 'noop');

describe('createWorkerPool', () => {
  it('gives up a worker that never posts READY and fails the waiting tasks with WORKER_CRASHED', async () => {
    const terminated: string[] = [];
    // A worker that loads but never listens (an empty entry file does this in browsers, Deno and Bun).
    const silent = (): PoolWorker => ({ post: () => undefined, terminate: () => void terminated.push('terminated') });
    const pool = createWorkerPool({
      size: 1,
      capabilities,
      workerName: 'web worker',
      startHint: 'check workerUrl',
      spawn: silent,
      startTimeoutMs: 50,
    });
    const error = await pool.run(task, 1).catch((e: unknown) => e);
    expect(isWeftError(error, 'WORKER_CRASHED')).toBe(true);
    expect((error as Error).message).toMatch(
      /web worker failed to start \(did not post READY within 50 ms\); cannot run never-loaded\.js#noop: check workerUrl/,
    );
    expect(terminated).toEqual(['terminated']);
    await pool.close();
  });

  it('rejects a start timeout that is not a positive number', () => {
    const spawn = (): PoolWorker => ({ post: () => undefined, terminate: () => undefined });
    expect(() =>
      createWorkerPool({ size: 1, capabilities, workerName: 'w', startHint: '', spawn, startTimeoutMs: 0 }),
    ).toThrow(/startTimeoutMs must be a positive number/);
  });
});

/** Task functions for the fake workers, found by name (no import): `hold` waits until the test releases it. */
const held = new Map<number, () => void>();
registerTaskModule('test:pool-tasks', {
  double: (n: number) => n * 2,
  hold: (n: number) => new Promise<number>((resolve) => held.set(n, () => resolve(n))),
  sum: (bytes: ArrayBuffer) => new Uint8Array(bytes).reduce((a, b) => a + b, 0),
});
const double = defineTask<number, number>('test:pool-tasks', 'double');
const hold = defineTask<number, number>('test:pool-tasks', 'hold');
const sum = defineTask<ArrayBuffer, number>('test:pool-tasks', 'sum');

/** Resolves once `condition()` holds, polling on macrotasks. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}

describe('createWorkerPool over in-process fake workers', () => {
  const open = (size: number, fake: ReturnType<typeof fakeWorkers>) =>
    createWorkerPool({
      size,
      capabilities,
      workerName: 'fake worker',
      startHint: '',
      spawn: (events) => fake.spawn(events),
    });

  it('sends a backlog in batches: several tasks per message, results in submission order', async () => {
    const fake = fakeWorkers();
    const pool = open(1, fake);
    const inputs = Array.from({ length: 10 }, (_, i) => i);
    expect(await pool.map(double, inputs)).toEqual(inputs.map((n) => n * 2));
    const sent = fake.workers[0]!.received;
    expect(sent.flatMap((m) => m.ids)).toHaveLength(10);
    expect(sent.length).toBeLessThan(10);
    expect(sent[0]!.ids.length).toBeGreaterThan(1);
    // Each distinct task is named once per message.
    expect(sent[0]!.tasks).toEqual([{ module: 'test:pool-tasks', name: 'double' }]);
    await pool.close();
  });

  it('on a crash, rejects the running task with WORKER_CRASHED and runs the ones that worker had not started on another', async () => {
    const fake = fakeWorkers();
    const pool = open(2, fake);
    // 6 tasks: the first worker ready takes 3, the other 2 (the last waits); each starts with a task that holds.
    const runs = [1, 2, 3, 4, 5, 6].map((n) =>
      pool.run(hold, n).then(
        (v) => ({ ok: v }),
        (e: unknown) => ({ error: e }),
      ),
    );
    await until(() => held.size === 2);
    const [first] = fake.workers;
    const firstIds = first!.received.flatMap((m) => m.ids);
    expect(firstIds.length).toBeGreaterThan(1);
    first!.crash();
    // Release every held task, including the re-run ones, as they start.
    const release = setInterval(() => {
      for (const [n, done] of held) {
        held.delete(n);
        done();
      }
    }, 1);
    const outcomes = await Promise.all(runs);
    clearInterval(release);
    const crashed = outcomes.filter((o) => 'error' in o);
    expect(crashed).toHaveLength(1);
    expect(isWeftError((crashed[0] as { error: unknown }).error, 'WORKER_CRASHED')).toBe(true);
    expect((crashed[0] as { error: Error }).error.message).toMatch(
      /^fake worker exited with code 1 while running test:pool-tasks#hold; the pool replaced the worker$/,
    );
    // Every other task settled once, with its own value: the crashed worker's unstarted tasks ran elsewhere.
    expect(outcomes.filter((o) => 'ok' in o).length).toBe(5);
    expect(fake.workers.length).toBe(3);
    await pool.close();
    expect(fake.workers.every((w) => w.terminated)).toBe(true);
  });

  it('does not run again a task whose transferred input went down with the crashed worker', async () => {
    const fake = fakeWorkers();
    const pool = open(1, fake);
    const holding = pool.run(hold, 7).catch((e: unknown) => e);
    await until(() => held.size === 1);
    const bytes = new Uint8Array([1, 2, 3]).buffer;
    const transferred = pool.run(sum, bytes, { transfer: [bytes] }).catch((e: unknown) => e);
    await until(() => fake.workers[0]!.received.length === 2);
    fake.workers[0]!.crash();
    held.clear();
    expect(isWeftError(await holding, 'WORKER_CRASHED')).toBe(true);
    const lost = await transferred;
    expect(isWeftError(lost, 'WORKER_CRASHED')).toBe(true);
    expect((lost as Error).message).toMatch(/its transferred input was lost with the worker, so it was not run again$/);
    await pool.close();
  });
});
