/** @module process-executor — a pool of Node child processes that runs Weft tasks in parallel. */
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { setTimeout } from 'node:timers';
import { serialize } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { describeError, detectRuntime, type Executor } from '@weft/core';
import { checkPositiveInteger, createWorkerPool } from '@weft/core/adapter';

/** How long after a child's exit its pool waits for the channel to close (delivering its last messages). */
const CLOSE_GRACE_MS = 200;

/** Options of {@link nodeProcessExecutor}. */
export interface NodeProcessExecutorOptions {
  /** Number of child processes (default `os.availableParallelism()`). */
  readonly size?: number;
  /** Most tasks allowed to wait beyond one per process; one more rejects with `QUEUE_FULL` (default: unbounded). */
  readonly maxQueue?: number;
  /** How long a new process may take to start listening before it counts as failed to start (default 30 s). */
  readonly startTimeoutMs?: number;
  /** The child entry to start (default: this package's `dist/process-worker.js`); for bundlers that move files. */
  readonly workerUrl?: URL | string;
  /** Runtime flags of each child (default: the parent's, as `child_process.fork` does). */
  readonly execArgv?: readonly string[];
  /** Environment of each child, added over the parent's `process.env`. */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * libtensorflow's intra-op thread count in each child (`TF_NUM_INTRAOP_THREADS`, read when tfjs-node loads).
   * Default: cores ÷ processes (at least 1), so that `size` native backends share the cores without
   * oversubscribing them. A value in `env` or in the parent's environment wins over the default, not over this.
   */
  readonly intraOpThreads?: number;
}

/** The environment of each child: the parent's, then the intra-op default, then `env`, then an explicit `intraOpThreads`. */
function childEnv(options: NodeProcessExecutorOptions, size: number): Record<string, string | undefined> {
  const fallback = String(Math.max(1, Math.floor(availableParallelism() / size)));
  return {
    ...process.env,
    ...(process.env['TF_NUM_INTRAOP_THREADS'] === undefined ? { TF_NUM_INTRAOP_THREADS: fallback } : {}),
    ...options.env,
    ...(options.intraOpThreads === undefined ? {} : { TF_NUM_INTRAOP_THREADS: String(options.intraOpThreads) }),
  };
}

/**
 * Runs tasks on a pool of child processes, with the same contract as `nodeThreadsExecutor()`: a FIFO queue,
 * `maxQueue`, abort signals and time limits (a running task is stopped by killing its process, which the pool
 * replaces), crash recovery (the crashed task rejects with `WORKER_CRASHED`, the others go on), graceful and
 * forced close. Messages use Node's advanced serialization, so typed arrays cross without JSON; nothing is shared
 * (`capabilities.sharedMemory` and `capabilities.transfer` are false: a transfer list is accepted and copied).
 *
 * Use it where threads of one process get in each other's way: native libraries that keep per-process state (tfjs-node
 * loads one libtensorflow per process; see `intraOpThreads`), or work that must survive a neighbour's crash.
 * Children never outlive the parent: a child whose IPC channel closes exits, and a watchdog thread in each child
 * kills it within a quarter second of the parent's death even while a task keeps its main thread busy.
 *
 * Runs in Node and in Bun; in Deno it throws `UNSUPPORTED` (its `child_process.fork` has no advanced serialization).
 *
 * @example
 * ```ts
 * import { nodeProcessExecutor } from '@weft/node';
 * await using pool = nodeProcessExecutor({ size: 2 }); // each child: TF_NUM_INTRAOP_THREADS = cores ÷ 2
 * const sums = await pool.map(sumTask, chunks);
 * ```
 */
export function nodeProcessExecutor(options: NodeProcessExecutorOptions = {}): Executor {
  const size = checkPositiveInteger('size', options.size ?? availableParallelism());
  if (options.intraOpThreads !== undefined) checkPositiveInteger('intraOpThreads', options.intraOpThreads);
  const runtime = detectRuntime().name;
  const entry = options.workerUrl ?? new URL('./process-worker.js', import.meta.url);
  const modulePath = typeof entry === 'string' && !/^file:/i.test(entry) ? entry : fileURLToPath(entry);
  const env = childEnv(options, size);
  // Node and Bun serialize inside send(), so a message that cannot be cloned throws there, as the pool expects.
  // Deno serializes later, where the failure would reach the child instead: there each message is checked first.
  const checkFirst = runtime === 'deno';
  return createWorkerPool({
    size,
    maxQueue: options.maxQueue,
    ...(options.startTimeoutMs === undefined ? {} : { startTimeoutMs: options.startTimeoutMs }),
    capabilities: { kind: 'processes', runtime, sharedMemory: false, transfer: false, parallel: true },
    workerName: 'child process',
    startHint: 'check workerUrl and execArgv',
    spawn(events) {
      const child = fork(modulePath, [], {
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        env,
        ...(options.execArgv ? { execArgv: [...options.execArgv] } : {}),
      });
      let failure: unknown;
      let stopped: Promise<void> | undefined;
      let settle: () => void = () => undefined;
      const closed = new Promise<void>((resolve) => (settle = resolve));
      let reported = false;
      const report = (code: number | null, signal: NodeJS.Signals | null): void => {
        if (reported) return;
        reported = true;
        events.exit({
          reason:
            failure !== undefined && child.pid === undefined
              ? `could not be started (${describeError(failure)})`
              : signal !== null
                ? `was killed by ${signal}`
                : `exited with code ${String(code)}`,
          cause: failure,
        });
        settle();
      };
      // 'close' comes after 'exit' and after every message the child sent has been delivered. It may never come for a
      // child that dies while messages to it are pending (seen in Deno, and once in Node when a pool closed): then the
      // exit counts after a short grace period. The timer keeps the event loop alive, so close() always resolves.
      child.once('close', report);
      child.once('exit', (code: number | null, signal: NodeJS.Signals | null) => {
        setTimeout(() => report(code, signal), CLOSE_GRACE_MS);
      });
      child.on('message', (data: unknown) => events.message(data));
      child.on('error', (error: unknown) => {
        failure ??= error;
        if (child.pid === undefined) report(null, null);
      });
      return {
        post(message) {
          if (checkFirst) serialize(message);
          // A dead child's channel is closed: its 'close' event settles its tasks, so the message is dropped here.
          if (child.connected) child.send(message, undefined, undefined, () => undefined);
        },
        terminate() {
          stopped ??= child.exitCode === null && child.signalCode === null ? (child.kill('SIGKILL'), closed) : closed;
          return stopped;
        },
      };
    },
  });
}
