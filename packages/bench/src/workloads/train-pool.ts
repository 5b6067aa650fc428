/** @module workloads/train-pool — the pools the training workloads run their parts on (browser-safe). */

/**
 * Where data-parallel parts run: Node's worker_threads pool, Weft's web-worker pool (Deno, Bun), child processes, or
 * (asked for by name only) Weft's cluster executor on this machine.
 */
export type TrainPool = 'worker-threads' | 'web-workers' | 'processes' | 'cluster';

/** Every {@link TrainPool}. */
export const TRAIN_POOLS: readonly TrainPool[] = ['worker-threads', 'web-workers', 'processes', 'cluster'];

/** The pools a runtime trains on. */
export interface RuntimePools {
  /** Its own thread pool (`threads`): web workers in Deno and a page, worker threads elsewhere. */
  readonly threads: TrainPool;
  /** Every pool it has, in report order (`auto`). */
  readonly all: readonly TrainPool[];
}
