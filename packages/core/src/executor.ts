/// <reference lib="esnext.disposable" preserve="true" />
/** @module executor — the contract every place that runs tasks implements: inline, event loop, worker pools. */
import type { AbortSignalLike, RuntimeName } from './platform.js';
import type { TaskRef, TransferItem } from './task.js';

/** Where an executor runs tasks: Weft's kinds, or any other name an executor of your own reports. */
// `string & {}` keeps the listed names as suggestions while accepting any string.
export type ExecutorKind = 'inline' | 'concurrent' | 'threads' | 'web-workers' | 'processes' | (string & {});

/** What an executor can do, so callers (and the bench) can pick a data path. */
export interface ExecutorCapabilities {
  /**
   * Where tasks run: the calling thread, the event loop with a concurrency limit, separate threads or processes; the
   * kinds Weft's executors report are listed, and an executor of your own reports its own (e.g. `"cluster"`).
   */
  readonly kind: ExecutorKind;
  /** The runtime the executor was created in. */
  readonly runtime: RuntimeName;
  /** True when a `SharedArrayBuffer` passed in an input is shared with the task, not copied. */
  readonly sharedMemory: boolean;
  /** True when transfer lists move buffers instead of copying them. */
  readonly transfer: boolean;
  /** True when tasks run on other threads, in parallel with the caller. */
  readonly parallel: boolean;
}

/** Per-call options of {@link Executor.run}. */
export interface RunOptions {
  /** Buffers in the input to move to the task instead of copying (they are detached on the caller's side). */
  readonly transfer?: readonly TransferItem[];
  /** Aborting rejects the task with `ABORTED`: removed from the queue if waiting, abandoned if running. */
  readonly signal?: AbortSignalLike;
  /** Rejects the task with `TIMEOUT` when it has not finished this many ms after it started running. */
  readonly timeoutMs?: number;
}

/** Per-call options of {@link Executor.map}: like {@link RunOptions}, with a transfer list per input. */
export interface MapOptions<I> {
  readonly transfer?: (input: I, index: number) => readonly TransferItem[];
  readonly signal?: AbortSignalLike;
  readonly timeoutMs?: number;
}

/** Options of {@link Executor.close}. */
export interface CloseOptions {
  /**
   * Stop now instead of letting work finish: every queued and running task rejects with `CLOSED` at once and every
   * worker is terminated (a task running on the calling thread cannot be stopped: its promise rejects, its work is
   * abandoned). Use it when a task hangs with no time limit. Default `false`.
   */
  readonly force?: boolean;
}

/**
 * Where tasks run. Implementations: {@link inlineExecutor}, {@link concurrentExecutor}, and the adapters'
 * worker pools (`nodeThreadsExecutor()` and `nodeProcessExecutor()` in `@weft/node`, `webWorkerExecutor()` in `@weft/browser`).
 */
export interface Executor {
  /** How many tasks can run at the same time. */
  readonly size: number;
  /** What this executor supports. */
  readonly capabilities: ExecutorCapabilities;
  /** Runs one task and resolves with its output; rejects with the task's error or a `WeftError`. */
  run<I, O>(task: TaskRef<I, O>, input: I, options?: RunOptions): Promise<O>;
  /** Runs the task once per input, in parallel up to `size`; resolves with the outputs in input order. */
  map<I, O>(task: TaskRef<I, O>, inputs: Iterable<I>, options?: MapOptions<I>): Promise<O[]>;
  /**
   * Rejects new tasks with `CLOSED`, lets queued and running tasks finish, then releases every resource; with
   * `{ force: true }`, rejects queued and running tasks with `CLOSED` and releases everything at once. Resolves when
   * every worker has stopped. Calling it again is harmless (and may turn a graceful close into a forced one).
   */
  close(options?: CloseOptions): Promise<void>;
  /** `await using pool = ...` closes the executor gracefully when the scope ends (same as {@link Executor.close}). */
  [Symbol.asyncDispose](): Promise<void>;
}

/** The shared implementation of {@link Executor.map} in terms of {@link Executor.run}. */
export function mapWithRun<I, O>(
  executor: Pick<Executor, 'run'>,
  task: TaskRef<I, O>,
  inputs: Iterable<I>,
  options: MapOptions<I> = {},
): Promise<O[]> {
  const { transfer, ...rest } = options;
  return Promise.all(
    Array.from(inputs, (input, index) =>
      executor.run(task, input, transfer ? { ...rest, transfer: transfer(input, index) } : rest),
    ),
  );
}
