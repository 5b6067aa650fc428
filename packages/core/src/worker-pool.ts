/**
 * @module worker-pool — the runtime-independent half of every worker pool executor: the FIFO queue, batched
 * dispatch, abort and time limits (a running task is stopped by terminating its worker, which the pool replaces),
 * crash recovery and close. Adapters (`@weft/node`, `@weft/browser`) only start workers and forward their events.
 */
import { WeftError, describeError, deserializeError } from './errors.js';
import {
  mapWithRun,
  type CloseOptions,
  type Executor,
  type ExecutorCapabilities,
  type RunOptions,
} from './executor.js';
import { platform, type TimerHandle } from './platform.js';
import { batchSize, leastBusy, takeBatch } from './pool-dispatch.js';
import { runMessageOf } from './pool-message.js';
import { recoverable, splitLostJobs } from './pool-recovery.js';
import { isWorkerMessage, type RunMessage, type WorkerMessage } from './protocol.js';
import { checkMaxQueue, checkOptionalMs, checkTimeout, checkTransferList } from './option-checks.js';
import { abortedError, guardRun } from './run-guard.js';
import { taskLabel, type TaskRef, type TransferItem } from './task.js';
import { TaskQueue, settleJob, type Job } from './task-queue.js';
import { checkNotImportingTask } from './worker-realm.js';

/** One started worker, as the pool drives it. */
export interface PoolWorker {
  /** Posts a message with a transfer list; throws when the message cannot be cloned. */
  post(message: RunMessage, transfer: readonly TransferItem[]): void;
  /** Stops the worker now (it may be running a task). */
  terminate(): Promise<unknown> | void;
}

/** How a worker ended on its own, as its adapter reports it. */
export interface WorkerExit {
  /**
   * Says what happened, as a phrase that follows the worker's name: `"exited with code 3"`,
   * `"threw an uncaught exception (boom)"`, `"closed itself"`.
   */
  readonly reason: string;
  /** The uncaught error, if any. */
  readonly cause?: unknown;
  /**
   * Id of the task the worker was running: 0 when it was idle; `undefined` when the adapter cannot tell, in which
   * case the oldest unanswered task is taken to be the one that was running (workers run tasks in order).
   */
  readonly runningId?: number;
}

/** The callbacks an adapter calls with its worker's events. */
export interface PoolWorkerEvents {
  /** A message from the worker (anything that is not a protocol message is ignored). */
  message(data: unknown): void;
  /** The worker ended (or must be given up) without being asked to. */
  exit(info: WorkerExit): void;
}

/** Options of {@link createWorkerPool}. */
export interface WorkerPoolOptions {
  /** Number of workers. */
  readonly size: number;
  /** Most tasks allowed to wait beyond one per worker; one more rejects with `QUEUE_FULL` (default: unbounded). */
  readonly maxQueue?: number | undefined;
  /** What the executor reports as its capabilities. */
  readonly capabilities: ExecutorCapabilities;
  /** How errors name one worker, e.g. `"worker thread"` or `"web worker"`. */
  readonly workerName: string;
  /** What to check when a worker fails before it is ready, e.g. `"check workerUrl and execArgv"`. */
  readonly startHint: string;
  /** Starts one worker, which must post `READY` once it listens, and wires its events to `events`. */
  readonly spawn: (events: PoolWorkerEvents) => PoolWorker;
  /**
   * How long a new worker may take to post `READY` before the pool gives it up as failed to start (default 30 s).
   * Catches a worker entry that loads but never listens (e.g. an empty file), which no runtime reports as an error.
   */
  readonly startTimeoutMs?: number;
}

/** Default of {@link WorkerPoolOptions.startTimeoutMs}. */
const START_TIMEOUT_MS = 30_000;

/** One worker of the pool and the tasks it holds. */
interface Slot {
  readonly index: number;
  readonly worker: PoolWorker;
  /** Tasks sent and not yet answered, in the order the worker runs them. */
  readonly inFlight: Map<number, Job>;
  ready: boolean;
  /** Gives the worker up if it has not posted `READY` in time; cleared once it does or is retired. */
  startTimer: TimerHandle;
  /** Running a guarded job; takes nothing else until it ends. */
  exclusive: boolean;
  /** Retired by the pool (terminated or crashed); its events are ignored. */
  gone: boolean;
}

/**
 * Builds an {@link Executor} over workers that speak the protocol of `protocol.ts`: a FIFO queue, several queued
 * tasks per message, transfer lists, abort signals and time limits (a running guarded task runs alone on its
 * worker, which is terminated to stop it and replaced), and crash recovery (the task a crashed worker was running
 * rejects with `WORKER_CRASHED`, the tasks it had not started go back to the front of the queue).
 *
 * Throws `UNSUPPORTED` when called while a Weft worker imports a task module (a module that starts a pool as it
 * loads would make every worker start more workers).
 *
 * @example
 * ```ts
 * const pool = createWorkerPool({
 *   size: 4, capabilities, workerName: 'web worker', startHint: 'check workerUrl',
 *   spawn: (events) => {
 *     const worker = new Worker(url, { type: 'module' });
 *     worker.onmessage = (event) => events.message(event.data);
 *     return { post: (m, t) => worker.postMessage(m, t), terminate: () => worker.terminate() };
 *   },
 * });
 * ```
 */
export function createWorkerPool(options: WorkerPoolOptions): Executor {
  const { size, maxQueue, capabilities, workerName, startHint } = options;
  checkNotImportingTask();
  checkMaxQueue(maxQueue);
  checkOptionalMs('startTimeoutMs', options.startTimeoutMs);

  const queue = new TaskQueue();
  const slots: (Slot | undefined)[] = new Array<Slot | undefined>(size).fill(undefined);
  let inFlightTotal = 0;
  let nextId = 1;
  let dispatchScheduled = false;
  let closed = false;
  let closing: Promise<void> | undefined;
  let finishClose: (() => void) | undefined;
  /** Workers told to stop whose termination has not finished yet. */
  const stopping = new Set<Promise<void>>();

  function spawn(index: number): Slot {
    // Events that arrive before the slot exists (none should) are ignored.
    const holder: { slot?: Slot } = {};
    const worker = options.spawn({
      message(data) {
        const slot = holder.slot;
        if (slot !== undefined && !slot.gone && isWorkerMessage(data)) onMessage(slot, data);
      },
      exit(info) {
        const slot = holder.slot;
        if (slot !== undefined && !slot.gone) onExit(slot, info);
      },
    });
    const startTimeoutMs = options.startTimeoutMs ?? START_TIMEOUT_MS;
    const startTimer = platform.setTimeout(() => {
      slot.startTimer = undefined;
      if (!slot.gone && !slot.ready)
        onExit(slot, { reason: `did not post READY within ${startTimeoutMs} ms`, runningId: 0 });
    }, startTimeoutMs);
    const slot: Slot = { index, worker, inFlight: new Map(), ready: false, startTimer, exclusive: false, gone: false };
    holder.slot = slot;
    slots[index] = slot;
    return slot;
  }

  function clearStartTimer(slot: Slot): void {
    if (slot.startTimer !== undefined) platform.clearTimeout(slot.startTimer);
    slot.startTimer = undefined;
  }

  /**
   * Takes `slot` out of the pool and stops its worker; a later dispatch starts a replacement. `close()` resolves only
   * once every worker retired so far has stopped, replaced ones included.
   */
  function retire(slot: Slot): void {
    slot.gone = true;
    clearStartTimer(slot);
    if (slots[slot.index] === slot) slots[slot.index] = undefined;
    // Settles however terminate() ends: returns, resolves, throws or rejects.
    const settled = new Promise((resolve) => resolve(slot.worker.terminate())).then(
      () => undefined,
      () => undefined,
    );
    stopping.add(settled);
    void settled.then(() => stopping.delete(settled));
  }

  function onMessage(slot: Slot, message: WorkerMessage): void {
    if (message.type === 'ready') {
      slot.ready = true;
      clearStartTimer(slot);
      dispatch();
      return;
    }
    const job = slot.inFlight.get(message.id);
    if (job === undefined) return;
    slot.inFlight.delete(message.id);
    inFlightTotal -= 1;
    if (message.ok) settleJob(job, undefined, message.value);
    else settleJob(job, deserializeError(message.error));
    if (slot.inFlight.size === 0) slot.exclusive = false;
    dispatch();
  }

  /** A worker ended on its own: reject the task it was running, put the ones it had not started back in front. */
  function onExit(slot: Slot, info: WorkerExit): void {
    retire(slot);
    const jobs = [...slot.inFlight.values()];
    slot.inFlight.clear();
    inFlightTotal -= jobs.length;
    if (!slot.ready && jobs.length === 0) {
      // It never started: fail the waiting tasks rather than respawning forever, unless another worker can take them.
      if (!slots.some((other) => other?.ready)) {
        for (const job of queue.drain()) {
          settleJob(
            job,
            new WeftError(
              'WORKER_CRASHED',
              `${workerName} failed to start (${info.reason}); cannot run ${job.label}: ${startHint}`,
              {
                cause: info.cause,
                task: job.label,
              },
            ),
          );
        }
      }
      maybeFinishClose();
      return;
    }
    const { lost, notStarted } = splitLostJobs(jobs, info.runningId);
    for (const { job, running } of lost) {
      const what = running ? `while running ${job.label}` : `before reporting the result of ${job.label}`;
      settleJob(
        job,
        new WeftError('WORKER_CRASHED', `${workerName} ${info.reason} ${what}; the pool replaced the worker`, {
          cause: info.cause,
          task: job.label,
        }),
      );
    }
    requeue(notStarted, `${workerName} ${info.reason}`);
    dispatch();
  }

  /** Stops a guarded job that is running: its worker is terminated (the only way to stop a thread) and replaced. */
  function stopRunning(slot: Slot, job: Job, error: WeftError): void {
    settleJob(job, error);
    if (slot.gone) return;
    const others = [...slot.inFlight.values()].filter((other) => other !== job);
    inFlightTotal -= slot.inFlight.size;
    slot.inFlight.clear();
    retire(slot);
    requeue(others, `${workerName} was stopped (${error.message})`);
    dispatch();
  }

  function send(slot: Slot, jobs: Job[]): void {
    const { message, transfer } = runMessageOf(jobs);
    try {
      slot.worker.post(message, transfer);
    } catch (error) {
      // One input could not be cloned: send the others alone so only the culprit fails.
      if (jobs.length > 1) {
        for (const job of jobs) send(slot, [job]);
      } else {
        settleJob(
          jobs[0]!,
          new WeftError(
            'INVALID_ARGUMENT',
            `cannot send the input of ${jobs[0]!.label} to a worker: ${describeError(error)}`,
            { cause: error, task: jobs[0]!.label },
          ),
        );
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
        job.disarm = guardRun(job.label, { signal: job.signal, timeoutMs: job.timeoutMs }, (error) =>
          stopRunning(slot, job, error),
        );
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

  /**
   * Puts jobs a lost worker had not started back at the front; their time limits restart when they run again. A job
   * whose input was transferred went to the lost worker with it, so it cannot run again: it rejects instead.
   */
  function requeue(jobs: readonly Job[], lost: string): void {
    const { again, unrecoverable } = recoverable(jobs);
    for (const job of unrecoverable) {
      const why = `${lost} before ${job.label} ran; its transferred input was lost with the worker, so it was not run again`;
      settleJob(job, new WeftError('WORKER_CRASHED', why, { task: job.label }));
    }
    for (const job of again) {
      if (job.disarm === undefined) continue;
      job.disarm();
      job.disarm = undefined;
      watchWhileQueued(job);
    }
    queue.unshiftAll(again);
  }

  function scheduleDispatch(): void {
    if (dispatchScheduled) return;
    dispatchScheduled = true;
    platform.queueMicrotask(dispatch);
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
      const best = leastBusy(slots);
      if (best === undefined) return;
      const busy = best.inFlight.size;
      if (head.guarded) {
        if (busy > 0) return;
        send(best, [queue.shift()!]);
        continue;
      }
      const count = batchSize(busy, queue.length, size, starting);
      if (count === 0) return;
      send(best, takeBatch(queue, count));
    }
    // The queue drained; a task that failed to send may have been the last one a closing pool waited for.
    maybeFinishClose();
  }

  /** Rejects every queued and running job with `CLOSED`; {@link maybeFinishClose} then terminates every worker. */
  function abandonAll(): void {
    const closedError = (job: Job) =>
      new WeftError('CLOSED', `executor was closed by force before ${job.label} finished`, { task: job.label });
    for (const job of queue.drain()) settleJob(job, closedError(job));
    for (const slot of slots) {
      if (slot === undefined) continue;
      for (const job of slot.inFlight.values()) settleJob(job, closedError(job));
      inFlightTotal -= slot.inFlight.size;
      slot.inFlight.clear();
    }
  }

  function maybeFinishClose(): void {
    if (!closed || finishClose === undefined || queue.length > 0 || inFlightTotal > 0) return;
    const done = finishClose;
    finishClose = undefined;
    for (const slot of slots) if (slot !== undefined) retire(slot);
    void Promise.all(stopping).then(() => done());
  }

  const executor: Executor = {
    size,
    capabilities,
    run<I, O>(task: TaskRef<I, O>, input: I, runOptions: RunOptions = {}): Promise<O> {
      const label = taskLabel(task);
      if (closed)
        return Promise.reject(new WeftError('CLOSED', `executor is closed; cannot run ${label}`, { task: label }));
      const { signal, timeoutMs } = runOptions;
      const transfer = runOptions.transfer ?? [];
      try {
        checkTimeout(timeoutMs);
        checkTransferList(label, transfer);
      } catch (error) {
        return Promise.reject(error);
      }
      if (signal?.aborted) return Promise.reject(abortedError(label, signal));
      if (maxQueue !== undefined && queue.length + inFlightTotal >= size + maxQueue) {
        return Promise.reject(
          new WeftError(
            'QUEUE_FULL',
            `queue is full (${maxQueue} waiting); cannot run ${label}: retry later or raise maxQueue`,
            { task: label },
          ),
        );
      }
      return new Promise<O>((resolve, reject) => {
        const job: Job = {
          id: nextId,
          task: task as TaskRef,
          label,
          input,
          transfer,
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
    close(closeOptions: CloseOptions = {}): Promise<void> {
      closed = true;
      closing ??= new Promise<void>((resolve) => {
        finishClose = resolve;
      });
      if (closeOptions.force === true) abandonAll();
      maybeFinishClose();
      return closing;
    },
    [Symbol.asyncDispose]: () => executor.close(),
  };
  return executor;
}
