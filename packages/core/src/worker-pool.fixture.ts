/**
 * An in-process fake of the workers `createWorkerPool` drives: each runs core's real worker loop in this thread, and
 * messages cross as structured clones on a later macrotask, as they would between threads. A test can crash a
 * worker (as its adapter reports an exit) and read the run messages each worker received.
 */
import type { PoolWorker, PoolWorkerEvents } from './worker-pool.js';
import { READY, type RunMessage } from './protocol.js';
import { createWorkerLoop } from './worker-loop.js';

/** One fake worker, as the test sees it. */
export interface FakeWorker {
  /** The run messages it received, in order. */
  readonly received: RunMessage[];
  /** Whether the pool terminated it. */
  terminated: boolean;
  /** Ends it as a crash would: the adapter reports an exit naming the task it was running. */
  crash(): void;
}

/** A `spawn` for `createWorkerPool` over fake workers, and the workers it started. */
export function fakeWorkers(): { readonly workers: FakeWorker[]; spawn(events: PoolWorkerEvents): PoolWorker } {
  const workers: FakeWorker[] = [];
  const later = (fn: () => void): void => void setTimeout(fn, 0);
  return {
    workers,
    spawn(events) {
      let alive = true;
      const loop = createWorkerLoop({
        post: (message) => {
          const copy = structuredClone(message);
          later(() => alive && events.message(copy));
        },
      });
      const worker: FakeWorker = {
        received: [],
        terminated: false,
        crash() {
          const runningId = loop.running;
          alive = false;
          loop.stop();
          events.exit({ reason: 'exited with code 1', runningId });
        },
      };
      workers.push(worker);
      later(() => alive && events.message(READY));
      return {
        post(message) {
          const copy = structuredClone(message);
          worker.received.push(copy);
          later(() => alive && loop.receive(copy));
        },
        terminate() {
          alive = false;
          worker.terminated = true;
          loop.stop();
        },
      };
    },
  };
}
