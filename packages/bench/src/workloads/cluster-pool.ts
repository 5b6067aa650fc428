/**
 * @module workloads/cluster-pool — the `cluster` pool of Node: `@weft/cluster` on this machine (a private
 * `redis-server`, one `weft-agent` process of one thread per worker), loaded lazily (an optional peer: the bench
 * builds and runs without it) and started on first use, so that what going distributed costs is measured beside the
 * local pools.
 */
import { WeftError, detectRuntime, type Executor } from '@weft/core';
import { mapWithRun } from '@weft/core/adapter';

/** What `@weft/cluster/local` exports that the bench uses. */
interface LocalClusterModule {
  startLocalCluster(options: {
    agents: number;
    queue: string;
  }): Promise<{ executor: Executor; close(): Promise<void> }>;
}

/** Starts a local cluster of `agents` one-thread agents; rejects with `UNSUPPORTED` and what to install. */
async function startCluster(agents: number): Promise<{ executor: Executor; close(): Promise<void> }> {
  let cluster: LocalClusterModule;
  try {
    const specifier = '@weft/cluster/local';
    cluster = (await import(specifier)) as LocalClusterModule;
  } catch (cause) {
    throw new WeftError('UNSUPPORTED', 'the cluster pool needs @weft/cluster: npm install @weft/cluster', { cause });
  }
  return cluster.startLocalCluster({ agents, queue: 'weft-bench' });
}

/**
 * An executor of `size` workers on a local cluster, started on the first task (so that opening it, like opening a
 * local pool, is synchronous). A cluster that cannot start (no `redis-server`) rejects each task with its reason.
 */
export function localClusterExecutor(size: number): Executor {
  let started: Promise<{ executor: Executor; close(): Promise<void> }> | undefined;
  const cluster = () => (started ??= startCluster(size));
  const executor: Executor = {
    size,
    capabilities: {
      kind: 'cluster',
      runtime: detectRuntime().name,
      sharedMemory: false,
      transfer: false,
      parallel: true,
    },
    run: async (task, input, options) => (await cluster()).executor.run(task, input, options),
    map: (task, inputs, options) => mapWithRun(executor, task, inputs, options),
    async close() {
      const running = await started?.catch(() => undefined);
      await running?.close();
    },
    [Symbol.asyncDispose]: () => executor.close(),
  };
  return executor;
}
