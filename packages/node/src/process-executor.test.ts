import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defineTask, isWeftError } from '@weft/core';
import { addTask, crashTask, echoTask, exitTask, testExecutorConformance, whichThreadTask } from '@weft/core/testing';
import { nodeProcessExecutor } from '@weft/node';
import { childrenOf, isAlive } from '../test/process-tree.mjs';

testExecutorConformance({
  name: 'nodeProcessExecutor',
  create: ({ size, maxQueue }) => nodeProcessExecutor({ size: size ?? 2, maxQueue }),
  features: { parallel: true, transfer: false, sharedMemory: false, crash: true },
});

/** Reads one environment variable in the child (test/env-task.mjs). */
const envTask = defineTask<string, string | undefined>(new URL('../test/env-task.mjs', import.meta.url), 'readEnv');

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

function waitFor(check: () => boolean, limitMs: number): Promise<boolean> {
  const start = Date.now();
  return new Promise((resolve) => {
    const poll = (): void => {
      if (check()) resolve(true);
      else if (Date.now() - start > limitMs) resolve(false);
      else setTimeout(poll, 50);
    };
    poll();
  });
}

describe('nodeProcessExecutor', () => {
  it('reports a process pool that shares no memory, sized by os.availableParallelism() by default', async () => {
    const pool = nodeProcessExecutor();
    expect(pool.size).toBe(availableParallelism());
    expect(pool.capabilities).toEqual({
      kind: 'processes',
      runtime: 'node',
      sharedMemory: false,
      transfer: false,
      parallel: true,
    });
    await pool.close();
  });

  it('rejects a size or intraOpThreads that is not a positive integer with INVALID_ARGUMENT', () => {
    for (const bad of [{ size: 0 }, { size: 1.5 }, { size: 1, intraOpThreads: 0 }, { size: 1, maxQueue: -1 }]) {
      expect(
        isWeftError(
          catchError(() => nodeProcessExecutor(bad)),
          'INVALID_ARGUMENT',
        ),
        JSON.stringify(bad),
      ).toBe(true);
    }
  });

  it('runs tasks in separate processes, one per child, and typed arrays cross intact', async () => {
    const pool = nodeProcessExecutor({ size: 2 });
    const pids = await pool.map(envTask, ['pid', 'pid', 'pid', 'pid']);
    expect(new Set(pids).size).toBeGreaterThanOrEqual(1);
    expect(pids).not.toContain(String(process.pid));
    const input = { x: Float32Array.from([1.5, -2, 3]), labels: Int32Array.from([7, 8]), big: 2n ** 70n };
    await expect(pool.run(echoTask, input)).resolves.toEqual(input);
    await pool.close();
  });

  it('spreads a backlog over every process', async () => {
    const pool = nodeProcessExecutor({ size: 2 });
    // Work goes to the processes that are ready: on a busy machine the second child may still be starting while the
    // first runs a short backlog alone. Wait until both answer (pairs of tasks until two processes reply), then
    // give the backlog to two ready processes.
    const started = Date.now();
    while (new Set(await pool.map(whichThreadTask, [{ sleepMs: 100 }, { sleepMs: 100 }])).size < 2) {
      expect(Date.now() - started, 'the second process never became ready').toBeLessThan(20_000);
    }
    const where = await pool.map(
      whichThreadTask,
      Array.from({ length: 8 }, () => ({ sleepMs: 40 })),
    );
    expect(new Set(where).size).toBe(2);
    await pool.close();
  });

  it('gives each child TF_NUM_INTRAOP_THREADS = cores ÷ processes unless told otherwise', async () => {
    const saved = process.env['TF_NUM_INTRAOP_THREADS'];
    delete process.env['TF_NUM_INTRAOP_THREADS'];
    try {
      const cases: Array<[Parameters<typeof nodeProcessExecutor>[0], string]> = [
        [{ size: 1 }, String(availableParallelism())],
        [{ size: availableParallelism() * 2 }, '1'],
        [{ size: 1, intraOpThreads: 3 }, '3'],
        [{ size: 1, env: { TF_NUM_INTRAOP_THREADS: '5', WEFT_EXTRA: 'x' } }, '5'],
      ];
      for (const [options, expected] of cases) {
        const pool = nodeProcessExecutor(options);
        await expect(pool.run(envTask, 'TF_NUM_INTRAOP_THREADS')).resolves.toBe(expected);
        if (options?.env) await expect(pool.run(envTask, 'WEFT_EXTRA')).resolves.toBe('x');
        await pool.close();
      }
    } finally {
      if (saved !== undefined) process.env['TF_NUM_INTRAOP_THREADS'] = saved;
    }
  });

  for (const [what, crashing] of [
    ['an uncaught exception', crashTask],
    ['process.exit', exitTask],
  ] as const) {
    it(`${what} fails only the running task; the process is replaced and the others finish`, async () => {
      const pool = nodeProcessExecutor({ size: 1 });
      await pool.run(echoTask, 'warm');
      const before = [1, 2, 3].map((n) => pool.run(echoTask, n));
      const failing = pool.run(crashing as typeof echoTask, 'mid-batch').catch((e: unknown) => e);
      const after = [4, 5, 6].map((n) => pool.run(echoTask, n));
      await expect(Promise.all(before)).resolves.toEqual([1, 2, 3]);
      const error = await failing;
      expect(isWeftError(error, 'WORKER_CRASHED')).toBe(true);
      expect((error as Error).message).toContain('child process');
      await expect(Promise.all(after)).resolves.toEqual([4, 5, 6]);
      await pool.close();
    });
  }

  it('rejects queued tasks with WORKER_CRASHED when the child entry cannot start', async () => {
    const pool = nodeProcessExecutor({
      size: 1,
      workerUrl: new URL('./no-such-worker.js', import.meta.resolve('@weft/node')),
    });
    const error = await pool.run(addTask, { a: 1, b: 2 }).catch((e: unknown) => e);
    expect(isWeftError(error, 'WORKER_CRASHED')).toBe(true);
    expect((error as Error).message).toContain('workerUrl');
    await pool.close();
  });

  it('leaves no child behind when the parent is killed with SIGKILL, busy or idle', async () => {
    const script = fileURLToPath(new URL('../test/orphan-parent.mjs', import.meta.url));
    const parent = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    parent.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const started = await waitFor(() => out.includes('\n'), 20_000);
    expect(started, `the parent printed nothing: ${out}`).toBe(true);
    const children = childrenOf(parent.pid);
    expect(children.length).toBe(2);
    parent.kill('SIGKILL');
    const gone = await waitFor(() => children.every((pid) => !isAlive(pid)), 5_000);
    expect(children.filter(isAlive), 'children still running after their parent was killed').toEqual([]);
    expect(gone).toBe(true);
  });
});
