/**
 * @module workloads/pool-option — where the training workloads run their workers: `node:worker_threads`, Weft's Web
 * Worker pool (Deno, Bun) or child processes; the `--pools` option, and how each pool is opened.
 */
import { WeftError, detectRuntime, type Executor } from '@weft/core';
import { nodeProcessExecutor, nodeThreadsExecutor } from '@weft/node';
import type { OptionSpec } from '../workload.js';

/** Where data-parallel parts run: Node's worker_threads pool, Weft's web-worker pool (Deno, Bun), or child processes. */
export type TrainPool = 'worker-threads' | 'web-workers' | 'processes';

/** Every {@link TrainPool}. */
export const TRAIN_POOLS: readonly TrainPool[] = ['worker-threads', 'web-workers', 'processes'];

/** True in Deno: copying messages through its Node-compatible `worker_threads` is far slower than its Web Workers. */
const isDeno = detectRuntime().name === 'deno';

/** True where the runtime has a global module `Worker` (Deno, Bun): there the web-worker cases run too. */
export const hasWebWorkers = typeof (globalThis as { Worker?: unknown }).Worker === 'function';

const POOL_DESCRIPTION =
  'worker-threads (node:worker_threads), web-workers (Deno, Bun) or processes (child processes, one backend each)';

/**
 * `--pools`: the pools a workload compares: by default the runtime's threads against processes. The threads are
 * Weft's Web Worker pool in Deno, whose `node:worker_threads` copies messages tens of times slower (see the README),
 * `node:worker_threads` elsewhere, and both in Bun. The smoke profile runs the threads only, unless `smokeProcesses`.
 */
export function poolsOption(smokeProcesses: boolean): OptionSpec {
  const threads = isDeno ? 'web-workers' : hasWebWorkers ? 'worker-threads,web-workers' : 'worker-threads';
  const smoke = isDeno ? 'web-workers' : 'worker-threads';
  return {
    name: 'pools',
    kind: 'string-list',
    description: `where the data-parallel parts run: ${POOL_DESCRIPTION}`,
    choices: TRAIN_POOLS,
    defaults: {
      smoke: smokeProcesses ? `${smoke},processes` : smoke,
      quick: `${threads},processes`,
      full: `${threads},processes`,
    },
  };
}

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
  return (size) => nodeThreadsExecutor({ size });
}
