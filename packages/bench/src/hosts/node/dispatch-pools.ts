/**
 * @module hosts/node/dispatch-pools — the `dispatch` workload's pools in Node, Deno and Bun: Weft's worker_threads
 * pool, Weft's web-worker pool where the runtime has a global `Worker` (Deno, Bun), piscina and tinypool, each running
 * the same no-op task module; and, when asked for (`--pools weft-cluster`), Weft's cluster executor on this machine.
 */
import { nodeThreadsExecutor } from '@weft/node';
import { noopTask } from '../../workloads/dispatch-task.js';
import { localClusterExecutor } from '../../workloads/cluster-pool.js';
import { hasWebWorkers, webWorkerOpener } from '../../workloads/pool-openers.js';
import type { PoolUnderTest } from '../../workloads/pool-timing.js';

/** The pools Node, Deno and Bun measure, in report order. */
export const NODE_DISPATCH_POOLS: readonly string[] = hasWebWorkers
  ? ['weft', 'weft-web-workers', 'piscina', 'tinypool']
  : ['weft', 'piscina', 'tinypool'];

const taskFile = new URL('../../workloads/dispatch-task.js', import.meta.url).href;

/** Opens the pool `name` with `threads` workers; rejects saying why it cannot run here. */
export async function openNodeDispatchPool(name: string, threads: number): Promise<PoolUnderTest> {
  switch (name) {
    case 'weft': {
      const pool = nodeThreadsExecutor({ size: threads });
      return { name, run: (n) => pool.run(noopTask, n), close: () => pool.close() };
    }
    case 'weft-web-workers': {
      if (!hasWebWorkers)
        throw new Error('this runtime has no global Worker (web workers run in Deno, Bun and browsers)');
      const pool = (await webWorkerOpener())(threads);
      return { name, run: (n) => pool.run(noopTask, n), close: () => pool.close() };
    }
    case 'weft-cluster': {
      // Started before the measurement: the first task does not pay for redis-server and the agents.
      const pool = localClusterExecutor(threads);
      await pool.run(noopTask, 0);
      return { name, run: (n) => pool.run(noopTask, n), close: () => pool.close() };
    }
    case 'piscina': {
      const { Piscina } = await import('piscina');
      const pool = new Piscina({ filename: taskFile, minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
      return { name, run: (n) => pool.run(n), close: () => pool.destroy() };
    }
    case 'tinypool': {
      const { Tinypool } = await import('tinypool');
      const pool = new Tinypool({ filename: taskFile, minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
      return { name, run: (n) => pool.run(n), close: () => pool.destroy() };
    }
    default:
      throw new Error(`${name} runs only in a browser page (weft study --runtimes chromium)`);
  }
}
