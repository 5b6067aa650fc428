/** @module threads-executor — a pool of Node `worker_threads` that runs Weft tasks in parallel. */
import { availableParallelism } from 'node:os';
import { MessageChannel, Worker, receiveMessageOnPort, type ResourceLimits } from 'node:worker_threads';
import { describeError, detectRuntime, type Executor } from '@weft/core';
import { checkPositiveInteger, createWorkerPool } from '@weft/core/adapter';

/** Options of {@link nodeThreadsExecutor}. */
export interface NodeThreadsExecutorOptions {
  /** Number of worker threads (default `os.availableParallelism()`). */
  readonly size?: number;
  /** Most tasks allowed to wait beyond one per thread; one more rejects with `QUEUE_FULL` (default: unbounded). */
  readonly maxQueue?: number;
  /** How long a new worker may take to start listening before it counts as failed to start (default 30 s). */
  readonly startTimeoutMs?: number;
  /** The worker entry to start (default: this package's `dist/worker.js`); for bundlers that move files. */
  readonly workerUrl?: URL | string;
  /** Passed to each `Worker` (heap limits). */
  readonly resourceLimits?: ResourceLimits;
  /** Passed to each `Worker` (Node flags of the worker). */
  readonly execArgv?: readonly string[];
}

/**
 * Runs tasks on a pool of Node worker threads: a FIFO queue, several queued tasks per message, transfer lists,
 * `SharedArrayBuffer`s, abort signals and time limits (a running task is stopped by terminating its worker, which
 * the pool replaces), and crash recovery (the crashed task rejects with `WORKER_CRASHED`, the others go on).
 * The pool logic is core's `createWorkerPool`; this adapter starts `worker_threads` and reports how they end.
 *
 * @example
 * ```ts
 * import { nodeThreadsExecutor } from '@weft/node';
 * const pool = nodeThreadsExecutor({ size: 4 });
 * const sums = await pool.map(sumTask, chunks);
 * await pool.close();
 * ```
 */
export function nodeThreadsExecutor(options: NodeThreadsExecutorOptions = {}): Executor {
  const size = checkPositiveInteger('size', options.size ?? availableParallelism());
  const workerUrl =
    typeof options.workerUrl === 'string' && /^file:/i.test(options.workerUrl)
      ? new URL(options.workerUrl)
      : options.workerUrl;
  return createWorkerPool({
    size,
    maxQueue: options.maxQueue,
    ...(options.startTimeoutMs === undefined ? {} : { startTimeoutMs: options.startTimeoutMs }),
    capabilities: {
      kind: 'threads',
      runtime: detectRuntime().name,
      sharedMemory: true,
      transfer: true,
      parallel: true,
    },
    workerName: 'worker thread',
    startHint: 'check workerUrl and execArgv',
    spawn(events) {
      // Shared with the worker: the id of the task it is running, 0 when idle; tells which task a crash interrupted.
      const running = new Int32Array(new SharedArrayBuffer(4));
      // The worker answers on its own port, which is drained in one go: one event for a run of queued answers.
      const { port1: answers, port2 } = new MessageChannel();
      const worker = new Worker(workerUrl ?? new URL('./worker.js', import.meta.url), {
        workerData: { slot: running, port: port2 },
        transferList: [port2],
        ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
        ...(options.execArgv ? { execArgv: [...options.execArgv] } : {}),
      });
      const drain = (): void => {
        for (let next = receiveMessageOnPort(answers); next !== undefined; next = receiveMessageOnPort(answers))
          events.message(next.message);
      };
      let uncaught: unknown;
      answers.on('message', (data: unknown) => {
        events.message(data);
        drain();
      });
      worker.on('error', (error: unknown) => {
        uncaught = error;
      });
      worker.on('exit', (code: number) => {
        // Every answer the worker posted before it ended arrives before its exit is handled.
        drain();
        answers.close();
        events.exit({
          reason:
            uncaught === undefined
              ? `exited with code ${code}`
              : `threw an uncaught exception (${describeError(uncaught)})`,
          cause: uncaught,
          runningId: Atomics.load(running, 0),
        });
      });
      return {
        post: (message, transfer) => worker.postMessage(message, transfer as never),
        terminate: () => worker.terminate(),
      };
    },
  });
}
