/**
 * @module workloads/host — what a runtime gives the runtime-neutral workloads: the pieces only a host can make
 * (workers it opens its own way, pools of its runtime). The Node, Deno and Bun children pass `nodeWorkloadHost`
 * (`hosts/node/`); the Chromium page passes its own (`runners/browser/page-host.ts`). Browser-safe: types only.
 */
import type { PoolUnderTest } from './pool-timing.js';
import type { MoveChannel } from './transfer-moves.js';

/** A {@link MoveChannel} to a worker the host started, closed when the workload is done. */
export interface WorkerMoveChannel extends MoveChannel {
  /** Stops the worker. */
  close(): Promise<void>;
}

/** The floor of a thread round trip: a ping-pong through shared memory, blocking this thread while it waits. */
export interface RoundTripFloor {
  /** One round trip, in µs. */
  roundTripUs(): number;
  /** Stops the worker. */
  close(): Promise<void>;
}

/** What a runtime provides to the workloads that run in every runtime. */
export interface WorkloadHost {
  /**
   * `transfer`: starts a worker that acknowledges each message through shared memory, and resolves once it has
   * answered. Rejects with `UNSUPPORTED` where there is no shared memory (a page that is not cross-origin isolated).
   */
  openMoveChannel(): Promise<WorkerMoveChannel>;
  /** `transfer`: runs after each move (a page lets its event loop breathe; elsewhere absent). */
  readonly afterMove?: (move: number) => Promise<void> | void;
  /** `dispatch`: the pools this runtime can measure, in report order (what `--pools auto` means here). */
  readonly dispatchPools: readonly string[];
  /**
   * `dispatch`: opens the pool `name` with `threads` workers, each running the no-op task (its input back); rejects
   * with an error whose message says why the pool cannot run here (the case is then skipped with that reason).
   */
  openDispatchPool(name: string, threads: number): Promise<PoolUnderTest>;
  /** `dispatch`: the shared-memory floor (`--pools atomics`), where this thread may block; absent in a page. */
  openRoundTripFloor?(): RoundTripFloor;
}
