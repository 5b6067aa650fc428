/** @module threads-executor — a pool of Node `worker_threads` that runs Weft tasks in parallel. */
import { availableParallelism } from 'node:os';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import {
  PROTOCOL_VERSION,
  WeftError,
  abortedError,
  checkPositiveInteger,
  checkTimeout,
  deserializeError,
  detectRuntime,
  guardRun,
  isWorkerMessage,
  mapWithRun,
  taskLabel,
  type Executor,
  type ExecutorCapabilities,
  type RunMessage,
  type RunOptions,
  type TaskMessage,
  type TaskRef,
  type TransferItem,
  type WorkerMessage,
} from '@weft/core';
import { TaskQueue, settleJob, type Job } from './task-queue.js';

/** Options of {@link nodeThreadsExecutor}. */
export interface NodeThreadsExecutorOptions {
  /** Number of worker threads (default `os.availableParallelism()`). */
  readonly size?: number;
  /** Most tasks allowed to wait beyond one per thread; one more rejects with `QUEUE_FULL` (default: unbounded). */
  readonly maxQueue?: number;
  /** The worker entry to start (default: this package's `dist/worker.js`); for bundlers that move files. */
  readonly workerUrl?: URL | string;
  /** Passed to each `Worker` (heap limits). */
  readonly resourceLimits?: ResourceLimits;
  /** Passed to each `Worker` (Node flags of the worker). */
  readonly execArgv?: readonly string[];
}

/** Most tasks sent to one worker in one message. */
const MAX_BATCH = 32;
/** Most tasks handed to one worker and not yet answered, so its loop never idles between messages. */
const MAX_IN_FLIGHT = 2 * MAX_BATCH;

/** One worker thread of the pool and the tasks it holds. */
interface Slot {
  readonly index: number;
  readonly worker: Worker;
  /** Shared with the worker: the id of the task it is running, 0 when idle. */
  readonly running: Int32Array;
  /** Tasks sent and not yet answered, in the order the worker runs them. */
  readonly inFlight: Map<number, Job>;
  ready: boolean;
  /** Running a guarded job; takes nothing else until it ends. */
  exclusive: boolean;
  /** Retired by the pool (terminated or crashed); its events are ignored. */
  gone: boolean;
  /** The uncaught exception the worker reported before it exited, if any. */
  uncaught: unknown;
}

/**
 * Runs tasks on a pool of Node worker threads: a FIFO queue, several queued tasks per message, transfer lists,
 * `SharedArrayBuffer`s, abort signals and time limits (a running task is stopped by terminating its worker, which
 * the pool replaces), and crash recovery (the crashed task rejects with `WORKER_CRASHED`, the others go on).
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
  const { maxQueue } = options;
  if (maxQueue !== undefined && !(Number.isInteger(maxQueue) && maxQueue >= 0)) {
    throw new WeftError('INVALID_ARGUMENT', `maxQueue must be a non-negative integer (got ${maxQueue})`);
  }
  const workerUrl =
    typeof options.workerUrl === 'string' && /^file:/i.test(options.workerUrl) ? new URL(options.workerUrl) : options.workerUrl;
  const capabilities: ExecutorCapabilities = {
    kind: 'threads',
    runtime: detectRuntime().name,
    sharedMemory: true,
    transfer: true,
    parallel: true,
  };

  const queue = new TaskQueue();
  const slots: (Slot | undefined)[] = new Array<Slot | undefined>(size).fill(undefined);
  let inFlightTotal = 0;
  let nextId = 1;
  let dispatchScheduled = false;
  let closed = false;
  let closing: Promise<void> | undefined;
  let finishClose: (() => void) | undefined;

  function spawn(index: number): Slot {
    const running = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(workerUrl ?? new URL('./worker.js', import.meta.url), {
      workerData: { slot: running },
      ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
      ...(options.execArgv ? { execArgv: [...options.execArgv] } : {}),
    });
    const slot: Slot = { index, worker, running, inFlight: new Map(), ready: false, exclusive: false, gone: false, uncaught: undefined };
    worker.on('message', (data: unknown) => {
      if (!slot.gone && isWorkerMessage(data)) onMessage(slot, data);
    });
    worker.on('error', (error: unknown) => {
      slot.uncaught = error;
    });
    worker.on('exit', (code: number) => {
      if (!slot.gone) onExit(slot, code);
    });
    slots[index] = slot;
    return slot;
  }

  /** Takes `slot` out of the pool and stops its thread; a later dispatch starts a replacement. */
  function retire(slot: Slot): Promise<unknown> {
    slot.gone = true;
    if (slots[slot.index] === slot) slots[slot.index] = undefined;
    return slot.worker.terminate();
  }

  function onMessage(slot: Slot, message: WorkerMessage): void {
    if (message.type === 'ready') {
      slot.ready = true;
      dispatch();
      return;
    }
    for (const outcome of message.results) {
      const job = slot.inFlight.get(outcome.id);
      if (job === undefined) continue;
      slot.inFlight.delete(outcome.id);
      inFlightTotal -= 1;
      if (outcome.ok) settleJob(job, undefined, outcome.value);
      else settleJob(job, deserializeError(outcome.error));
    }
    if (slot.inFlight.size === 0) slot.exclusive = false;
    dispatch();
  }

  /** A worker ended on its own: reject the task it was running, put the ones it had not started back in front. */
  function onExit(slot: Slot, code: number): void {
    void retire(slot);
    const jobs = [...slot.inFlight.values()];
    slot.inFlight.clear();
    inFlightTotal -= jobs.length;
    if (!slot.ready && jobs.length === 0) {
      // It never started: fail the waiting tasks rather than respawning forever, unless another worker can take them.
      if (!slots.some((other) => other?.ready)) {
        const cause = slot.uncaught;
        for (const job of queue.drain()) {
          settleJob(
            job,
            new WeftError('WORKER_CRASHED', `worker failed to start (exit code ${code}); cannot run ${job.label}: check workerUrl and execArgv`, {
              cause,
              task: job.label,
            }),
          );
        }
      }
      maybeFinishClose();
      return;
    }
    const runningId = Atomics.load(slot.running, 0);
    const at = jobs.findIndex((job) => job.id === runningId);
    const how = slot.uncaught === undefined ? `exited with code ${code}` : `threw an uncaught exception (${describe(slot.uncaught)})`;
    jobs.forEach((job, i) => {
      if (i > at) return;
      const what = i === at ? `while running ${job.label}` : `before reporting the result of ${job.label}`;
      settleJob(job, new WeftError('WORKER_CRASHED', `worker thread ${how} ${what}; the pool replaced the worker`, { cause: slot.uncaught, task: job.label }));
    });
    requeue(jobs.slice(at + 1));
    dispatch();
  }

  /** Stops a guarded job that is running: its worker is terminated (the only way to stop a thread) and replaced. */
  function stopRunning(slot: Slot, job: Job, error: WeftError): void {
    settleJob(job, error);
    if (slot.gone) return;
    const others = [...slot.inFlight.values()].filter((other) => other !== job);
    inFlightTotal -= slot.inFlight.size;
    slot.inFlight.clear();
    void retire(slot);
    requeue(others);
    dispatch();
  }

  function send(slot: Slot, jobs: Job[]): void {
    const tasks: TaskMessage[] = new Array<TaskMessage>(jobs.length);
    const transfer: TransferItem[] = [];
    for (let i = 0; i < jobs.length; i += 1) {
      const job = jobs[i]!;
      tasks[i] = { id: job.id, module: job.task.module, name: job.task.name, input: job.input };
      for (const item of job.transfer) transfer.push(item);
    }
    const message: RunMessage = { v: PROTOCOL_VERSION, type: 'run', tasks };
    try {
      slot.worker.postMessage(message, transfer as never);
    } catch (error) {
      // One input could not be cloned: send the others alone so only the culprit fails.
      if (jobs.length > 1) {
        for (const job of jobs) send(slot, [job]);
      } else {
        settleJob(jobs[0]!, new WeftError('INVALID_ARGUMENT', `cannot send the input of ${jobs[0]!.label} to a worker: ${describe(error)}`, { cause: error, task: jobs[0]!.label }));
      }
      return;
    }
    for (const job of jobs) {
      slot.inFlight.set(job.id, job);
      inFlightTotal += 1;
      if (job.guarded) {
        job.stopQueueGuard?.();
        job.stopQueueGuard = undefined;
        slot.exclusive = true;
        job.disarm = guardRun(job.label, { signal: job.signal, timeoutMs: job.timeoutMs }, (error) => stopRunning(slot, job, error));
      }
    }
  }

  /** While a job waits in the queue, only its signal applies: aborting removes and rejects it. */
  function watchWhileQueued(job: Job): void {
    if (job.signal === undefined) return;
    job.stopQueueGuard = guardRun(job.label, { signal: job.signal }, (error) => {
      if (queue.remove(job)) settleJob(job, error);
      maybeFinishClose();
    });
  }

  /** Puts jobs a lost worker had not started back at the front; their time limits restart when they run again. */
  function requeue(jobs: readonly Job[]): void {
    for (const job of jobs) {
      if (job.disarm === undefined) continue;
      job.disarm();
      job.disarm = undefined;
      watchWhileQueued(job);
    }
    queue.unshiftAll(jobs);
  }

  function scheduleDispatch(): void {
    if (dispatchScheduled) return;
    dispatchScheduled = true;
    queueMicrotask(dispatch);
  }

  /** Hands queued jobs to workers: guarded jobs alone to an idle worker, the others in batches. */
  function dispatch(): void {
    dispatchScheduled = false;
    if (queue.length === 0) {
      maybeFinishClose();
      return;
    }
    let starting = false;
    for (let i = 0; i < size; i += 1) {
      const slot = slots[i] ?? spawn(i);
      if (!slot.ready) starting = true;
    }
    while (queue.length > 0) {
      const head = queue.peek()!;
      if (head.settled) {
        queue.shift();
        continue;
      }
      let best: Slot | undefined;
      for (const slot of slots) {
        if (slot === undefined || !slot.ready || slot.exclusive) continue;
        if (best === undefined || slot.inFlight.size < best.inFlight.size) best = slot;
      }
      if (best === undefined) return;
      const busy = best.inFlight.size;
      if (head.guarded) {
        if (busy > 0) return;
        send(best, [queue.shift()!]);
        continue;
      }
      // Queue more work behind a busy worker only when there is a backlog and no worker is still starting.
      if (busy > 0 && (starting || busy >= MAX_IN_FLIGHT || queue.length < size)) return;
      const count = Math.min(MAX_BATCH, MAX_IN_FLIGHT - busy, Math.ceil(queue.length / size));
      const batch: Job[] = [];
      while (batch.length < count && queue.length > 0 && !queue.peek()!.guarded) batch.push(queue.shift()!);
      send(best, batch);
    }
  }

  function maybeFinishClose(): void {
    if (!closed || finishClose === undefined || queue.length > 0 || inFlightTotal > 0) return;
    const done = finishClose;
    finishClose = undefined;
    const stopping = slots.filter((slot): slot is Slot => slot !== undefined).map((slot) => retire(slot));
    void Promise.allSettled(stopping).then(() => done());
  }

  const executor: Executor = {
    size,
    capabilities,
    run<I, O>(task: TaskRef<I, O>, input: I, runOptions: RunOptions = {}): Promise<O> {
      const label = taskLabel(task);
      if (closed) return Promise.reject(new WeftError('CLOSED', `executor is closed; cannot run ${label}`, { task: label }));
      const { signal, timeoutMs } = runOptions;
      try {
        checkTimeout(timeoutMs);
      } catch (error) {
        return Promise.reject(error);
      }
      if (signal?.aborted) return Promise.reject(abortedError(label, signal));
      if (maxQueue !== undefined && queue.length + inFlightTotal >= size + maxQueue) {
        return Promise.reject(
          new WeftError('QUEUE_FULL', `queue is full (${maxQueue} waiting); cannot run ${label}: retry later or raise maxQueue`, { task: label }),
        );
      }
      return new Promise<O>((resolve, reject) => {
        const job: Job = {
          id: nextId,
          task: task as TaskRef,
          label,
          input,
          transfer: runOptions.transfer ?? [],
          signal,
          timeoutMs,
          guarded: signal !== undefined || timeoutMs !== undefined,
          resolve: resolve as (value: unknown) => void,
          reject,
          settled: false,
          stopQueueGuard: undefined,
          disarm: undefined,
        };
        nextId = nextId >= 0x7fffffff ? 1 : nextId + 1;
        watchWhileQueued(job);
        queue.push(job);
        scheduleDispatch();
      });
    },
    map: (task, inputs, mapOptions) => mapWithRun(executor, task, inputs, mapOptions),
    close(): Promise<void> {
      closed = true;
      if (closing === undefined) {
        closing = new Promise<void>((resolve) => {
          finishClose = resolve;
        });
        maybeFinishClose();
      }
      return closing;
    },
  };
  return executor;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
