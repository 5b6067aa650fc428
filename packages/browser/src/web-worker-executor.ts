/** @module web-worker-executor — a pool of standard Web Workers (browsers, Deno, Bun) that runs Weft tasks in parallel. */
import { WeftError, detectRuntime, hardwareConcurrency, sharedMemoryAvailable, type Executor } from '@weft/core';
import {
  checkPositiveInteger,
  createWorkerPool,
  deserializeError,
  isCrashedMessage,
  type PoolWorkerEvents,
} from '@weft/core/adapter';

/** The part of the standard `Worker` the executor uses; what {@link WebWorkerExecutorOptions.createWorker} returns. */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  terminate(): void;
  addEventListener(type: 'message' | 'messageerror' | 'error', listener: (event: Event) => void): void;
}

/** Options of {@link webWorkerExecutor}. */
export interface WebWorkerExecutorOptions {
  /** Number of workers (default `navigator.hardwareConcurrency`). */
  readonly size?: number;
  /** Most tasks allowed to wait beyond one per worker; one more rejects with `QUEUE_FULL` (default: unbounded). */
  readonly maxQueue?: number;
  /** How long a new worker may take to start listening before it counts as failed to start (default 30 s). */
  readonly startTimeoutMs?: number;
  /**
   * The worker entry to start as a module worker (default: this package's `dist/worker.js`, found next to this
   * module). For bundlers that move or rename files: point it at `@weft/browser/worker` as your bundler emits it.
   */
  readonly workerUrl?: URL | string;
  /**
   * Starts one worker running `@weft/browser/worker` (overrides `workerUrl`). For bundlers that only recognise
   * their own inline `new Worker(new URL(...), { type: 'module' })`, and for runtimes without a global `Worker`
   * (Node: `createWorker: () => new WebWorker(url, { type: 'module' })` with the `web-worker` package).
   */
  readonly createWorker?: () => WorkerLike;
}

/**
 * Runs tasks on a pool of module Web Workers, with the same semantics as `nodeThreadsExecutor()`: a FIFO queue
 * (`maxQueue`), transfer lists, `SharedArrayBuffer`s where the runtime shares memory (in browsers only when the page
 * is cross-origin isolated; `capabilities.sharedMemory` says so, and otherwise such an input fails to send),
 * abort signals and time limits (the worker is terminated and replaced), and crash recovery: a worker that throws
 * an uncaught error or calls `close()` rejects the task it was running with `WORKER_CRASHED` and is replaced.
 *
 * Works with the global `Worker` of browsers, Deno and Bun; in Node, use `nodeThreadsExecutor()` from
 * `@weft/node`, or pass `createWorker` built on the `web-worker` package.
 *
 * @example
 * ```ts
 * import { webWorkerExecutor } from '@weft/browser';
 * const pool = webWorkerExecutor({ size: 4 });
 * const sums = await pool.map(sumTask, chunks);
 * await pool.close();
 * ```
 */
export function webWorkerExecutor(options: WebWorkerExecutorOptions = {}): Executor {
  const size = checkPositiveInteger('size', options.size ?? hardwareConcurrency());
  const { createWorker, workerUrl } = options;
  if (createWorker === undefined && typeof Worker !== 'function') {
    throw new WeftError(
      'UNSUPPORTED',
      'this runtime has no global Worker: pass createWorker (e.g. with the web-worker package), or in Node use nodeThreadsExecutor() from @weft/node',
    );
  }
  return createWorkerPool({
    size,
    maxQueue: options.maxQueue,
    ...(options.startTimeoutMs === undefined ? {} : { startTimeoutMs: options.startTimeoutMs }),
    capabilities: {
      kind: 'web-workers',
      runtime: detectRuntime().name,
      sharedMemory: sharedMemoryAvailable(),
      transfer: true,
      parallel: true,
    },
    workerName: 'web worker',
    startHint:
      "check workerUrl / createWorker (a module worker running @weft/browser/worker) and the page's network errors",
    spawn(events) {
      // The literal inline form, so that bundlers and Deno see the worker entry.
      const worker: WorkerLike =
        createWorker?.() ??
        (workerUrl === undefined
          ? new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })
          : new Worker(workerUrl, { type: 'module' }));
      wire(worker, events);
      return {
        post: (message, transfer) => worker.postMessage(message, transfer as Transferable[]),
        terminate: () => worker.terminate(),
      };
    },
  });
}

/** How long an `error` event waits for the worker's own, more precise crash report before it is acted on. */
const CRASH_REPORT_GRACE_MS = 100;

/**
 * Forwards a worker's events to the pool. The worker reports its own crashes (which task, after flushing the
 * outcomes it had); an `error` event on the `Worker` (a failed load, or Bun, which raises one besides the worker's
 * report) is handled here so it never reaches the page, and counts only when no report follows it.
 */
function wire(worker: WorkerLike, events: PoolWorkerEvents): void {
  let pendingError: ReturnType<typeof setTimeout> | undefined;
  worker.addEventListener('message', (event) => {
    const data = (event as MessageEvent).data as unknown;
    if (isCrashedMessage(data)) {
      clearTimeout(pendingError);
      events.exit({
        reason: data.reason,
        cause: data.error === undefined ? undefined : deserializeError(data.error),
        runningId: data.id,
      });
    } else {
      events.message(data);
    }
  });
  worker.addEventListener('messageerror', () => {
    events.exit({ reason: 'sent a message that could not be deserialized' });
  });
  worker.addEventListener('error', (event) => {
    // Unhandled, the error would reach the page (and end the whole process in Deno).
    event.preventDefault();
    const error = event as Partial<ErrorEvent>;
    const message = typeof error.message === 'string' && error.message !== '' ? error.message : undefined;
    clearTimeout(pendingError);
    pendingError = setTimeout(() => {
      events.exit({
        reason: message === undefined ? 'failed to load or crashed' : `threw an uncaught exception (${message})`,
        cause: error.error ?? message,
      });
    }, CRASH_REPORT_GRACE_MS);
  });
}
