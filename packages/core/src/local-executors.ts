/** @module local-executors — tasks on the calling thread's event loop, with a concurrency limit and a FIFO queue. */
import { WeftError } from './errors.js';
import {
  mapWithRun,
  type CloseOptions,
  type Executor,
  type ExecutorCapabilities,
  type RunOptions,
} from './executor.js';
import { detectRuntime, sharedMemoryAvailable } from './platform.js';
import { checkMaxQueue, checkPositiveInteger, checkTimeout } from './option-checks.js';
import { abortedError, guardRun } from './run-guard.js';
import { callTask, loadTask, taskLabel, type TaskRef } from './task.js';

/** Options of {@link concurrentExecutor}. */
export interface ConcurrentExecutorOptions {
  /** How many tasks may be in flight at once (default 8). */
  readonly concurrency?: number;
  /** Most tasks allowed to wait; one more rejects with `QUEUE_FULL` (default: unbounded). */
  readonly maxQueue?: number;
}

interface Pending {
  /** `module#export`, for errors. */
  readonly label: string;
  readonly start: () => void;
  /** Rejects the task, whether it waits or runs (a running one is abandoned, its slot freed). */
  readonly reject: (error: unknown) => void;
}

/**
 * Runs tasks on the calling thread, up to `concurrency` at a time. Suits I/O-bound tasks (async fetches):
 * concurrency on one event loop needs no threads, the JavaScript answer to "threads for I/O".
 *
 * @example
 * ```ts
 * const loop = concurrentExecutor({ concurrency: 16 });
 * const shards = await loop.map(fetchShardTask, urls);
 * ```
 */
export function concurrentExecutor(options: ConcurrentExecutorOptions = {}): Executor {
  return createLocalExecutor(
    'concurrent',
    checkPositiveInteger('concurrency', options.concurrency ?? 8),
    options.maxQueue,
  );
}

/** Options of {@link inlineExecutor}. */
export interface InlineExecutorOptions {
  /** Most tasks allowed to wait behind the running one; one more rejects with `QUEUE_FULL` (default: unbounded). */
  readonly maxQueue?: number;
}

/**
 * Runs each task on the calling thread as soon as it is submitted, one at a time: the single-thread baseline.
 * Tasks still go through the same module lookup as in a worker.
 */
export function inlineExecutor(options: InlineExecutorOptions = {}): Executor {
  return createLocalExecutor('inline', 1, options.maxQueue);
}

function createLocalExecutor(kind: 'inline' | 'concurrent', limit: number, maxQueue: number | undefined): Executor {
  checkMaxQueue(maxQueue);
  const queue: Pending[] = [];
  const started = new Set<Pending>();
  let running = 0;
  let closed = false;
  let closing: Promise<void> | undefined;
  let idle: (() => void) | undefined;
  const capabilities: ExecutorCapabilities = {
    kind,
    runtime: detectRuntime().name,
    sharedMemory: sharedMemoryAvailable(),
    transfer: false,
    parallel: false,
  };

  const next = () => {
    while (running < limit && queue.length > 0) queue.shift()?.start();
    if (running === 0 && queue.length === 0) idle?.();
  };

  const executor: Executor = {
    size: limit,
    capabilities,
    run<I, O>(task: TaskRef<I, O>, input: I, runOptions: RunOptions = {}): Promise<O> {
      const label = taskLabel(task);
      if (closed)
        return Promise.reject(new WeftError('CLOSED', `executor is closed; cannot run ${label}`, { task: label }));
      try {
        checkTimeout(runOptions.timeoutMs);
      } catch (error) {
        return Promise.reject(error);
      }
      const { signal, timeoutMs } = runOptions;
      if (signal?.aborted) return Promise.reject(abortedError(label, signal));
      if (running >= limit && maxQueue !== undefined && queue.length >= maxQueue) {
        return Promise.reject(
          new WeftError(
            'QUEUE_FULL',
            `queue is full (${maxQueue} waiting); cannot run ${label}: retry later or raise maxQueue`,
            { task: label },
          ),
        );
      }
      return new Promise<O>((resolve, reject) => {
        let settled = false;
        const settle = (fn: () => void) => {
          if (settled) return;
          settled = true;
          fn();
        };
        // An aborted, timed-out or force-closed task is abandoned: its slot is freed at once so the queue moves on.
        let release: (() => void) | undefined;
        const pending: Pending = {
          label,
          start: () => {
            running += 1;
            started.add(pending);
            stopQueueGuard();
            let released = false;
            release = () => {
              if (released) return;
              released = true;
              started.delete(pending);
              running -= 1;
              next();
            };
            const disarm = guardRun(label, { signal, timeoutMs }, (error) => pending.reject(error));
            loadTask(task)
              .then((fn) => callTask(fn, input))
              .then(
                ({ value }) => settle(() => resolve(value as O)),
                (error: unknown) => settle(() => reject(error)),
              )
              .finally(() => {
                disarm();
                release?.();
              });
          },
          reject: (error) => {
            stopQueueGuard();
            settle(() => reject(error));
            release?.();
          },
        };
        // While queued, only the signal applies; the time limit counts from the start of the run.
        const stopQueueGuard = guardRun(label, { signal }, (error) => {
          const at = queue.indexOf(pending);
          if (at >= 0) queue.splice(at, 1);
          pending.reject(error);
          next();
        });
        queue.push(pending);
        next();
      });
    },
    map: (task, inputs, mapOptions) => mapWithRun(executor, task, inputs, mapOptions),
    close(closeOptions: CloseOptions = {}): Promise<void> {
      closed = true;
      closing ??= new Promise<void>((resolve) => {
        idle = resolve;
      });
      if (closeOptions.force === true) {
        const abandoned = [...queue.splice(0), ...started];
        for (const pending of abandoned) {
          pending.reject(
            new WeftError('CLOSED', `executor was closed by force before ${pending.label} finished`, {
              task: pending.label,
            }),
          );
        }
      }
      if (running === 0 && queue.length === 0) idle?.();
      return closing;
    },
    [Symbol.asyncDispose]: () => executor.close(),
  };
  return executor;
}
