/**
 * @module workloads/pool-openers — the training pools of Node, Deno and Bun, and how each is opened: `@weft/node`'s
 * worker threads and processes, and `@weft/browser`'s web workers where the runtime has a global `Worker`.
 */
import { WeftError, detectRuntime, type Executor } from '@weft/core';
import { nodeProcessExecutor, nodeThreadsExecutor } from '@weft/node';
import { localClusterExecutor } from './cluster-pool.js';
import type { RuntimePools, TrainPool } from './train-pool.js';

/** True in Deno: copying messages through its Node-compatible `worker_threads` is far slower than its Web Workers. */
const isDeno = detectRuntime().name === 'deno';

/** True where the runtime has a global module `Worker` (Deno, Bun): there the web-worker cases run too. */
export const hasWebWorkers = typeof (globalThis as { Worker?: unknown }).Worker === 'function';

/**
 * The pools of this runtime: Weft's Web Worker pool in Deno, whose `node:worker_threads` copies messages tens of
 * times slower (see the README), `node:worker_threads` elsewhere and both in Bun; child processes everywhere.
 */
export const NODE_TRAIN_POOLS: RuntimePools = {
  threads: isDeno ? 'web-workers' : 'worker-threads',
  all: isDeno
    ? ['web-workers', 'processes']
    : hasWebWorkers
      ? ['worker-threads', 'web-workers', 'processes']
      : ['worker-threads', 'processes'],
};

/** Opens Weft's web-worker executor from `@weft/browser`, loaded lazily (the bench builds and runs without it). */
export async function webWorkerOpener(): Promise<(size: number) => Executor> {
  try {
    if (!hasWebWorkers) throw new Error('this runtime has no global Worker');
    const specifier = '@weft/browser';
    const { webWorkerExecutor } = (await import(specifier)) as {
      webWorkerExecutor: (options: { size: number }) => Executor;
    };
    return (size) => webWorkerExecutor({ size });
  } catch (cause) {
    const reason = `web workers are not available here: ${(cause as Error).message}`;
    return () => {
      throw new WeftError('UNSUPPORTED', reason, { cause });
    };
  }
}

/** How `pool` opens an executor of `size` workers (processes get cores ÷ size intra-op threads each by default). */
export async function poolOpener(pool: TrainPool): Promise<(size: number) => Executor> {
  if (pool === 'web-workers') return webWorkerOpener();
  if (pool === 'processes') return (size) => nodeProcessExecutor({ size });
  if (pool === 'cluster') return localClusterExecutor;
  return (size) => nodeThreadsExecutor({ size });
}
