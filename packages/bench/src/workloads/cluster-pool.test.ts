import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { defineTask, isWeftError } from '@weft/core';
import { localClusterExecutor } from './cluster-pool.js';

// The agents' workers run built JavaScript: the built no-op task of `dispatch`.
const noopTask = defineTask<number, number>(new URL('../../dist/workloads/dispatch-task.js', import.meta.url), 'noop');

const redis = spawnSync('redis-server', ['--version']).status === 0 || process.env['WEFT_REQUIRE_REDIS'] === '1';

describe.skipIf(!redis)('the cluster pool (a local redis-server and agent processes)', () => {
  it('opens at once, starts on the first task, reports its size and capabilities, and closes everything', async () => {
    const pool = localClusterExecutor(2);
    expect(pool.size).toBe(2);
    expect(pool.capabilities).toMatchObject({ kind: 'cluster', sharedMemory: false, transfer: false, parallel: true });
    await expect(pool.map(noopTask, [1, 2, 3])).resolves.toEqual([1, 2, 3]);
    await pool.close();
    const error = await pool.run(noopTask, 4).catch((e: unknown) => e);
    expect(isWeftError(error, 'CLOSED')).toBe(true);
  });

  it('closing a pool that never ran a task starts nothing', async () => {
    await expect(localClusterExecutor(1).close()).resolves.toBeUndefined();
  });
});
