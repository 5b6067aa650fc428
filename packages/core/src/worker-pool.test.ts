import { describe, expect, it } from 'vitest';
import { isWeftError } from './errors.js';
import { defineTask } from './task.js';
import { createWorkerPool, type PoolWorker } from './worker-pool.js';

const capabilities = { kind: 'web-workers', runtime: 'node', sharedMemory: false, transfer: true, parallel: true } as const;
const task = defineTask<number, number>('file:///never-loaded.js', 'noop');

describe('createWorkerPool', () => {
  it('gives up a worker that never posts READY and fails the waiting tasks with WORKER_CRASHED', async () => {
    const terminated: string[] = [];
    // A worker that loads but never listens (an empty entry file does this in browsers, Deno and Bun).
    const silent = (): PoolWorker => ({ post: () => undefined, terminate: () => void terminated.push('terminated') });
    const pool = createWorkerPool({ size: 1, capabilities, workerName: 'web worker', startHint: 'check workerUrl', spawn: silent, startTimeoutMs: 50 });
    const error = await pool.run(task, 1).catch((e: unknown) => e);
    expect(isWeftError(error, 'WORKER_CRASHED')).toBe(true);
    expect((error as Error).message).toMatch(/web worker failed to start \(did not post READY within 50 ms\); cannot run never-loaded\.js#noop: check workerUrl/);
    expect(terminated).toEqual(['terminated']);
    await pool.close();
  });

  it('rejects a start timeout that is not a positive number', () => {
    const spawn = (): PoolWorker => ({ post: () => undefined, terminate: () => undefined });
    expect(() => createWorkerPool({ size: 1, capabilities, workerName: 'w', startHint: '', spawn, startTimeoutMs: 0 })).toThrow(
      /startTimeoutMs must be a positive number/,
    );
  });
});
