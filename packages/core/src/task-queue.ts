/** @module task-queue — a worker pool's pending tasks (jobs) and the FIFO queue that holds them until a worker takes them. */
import type { AbortSignalLike } from './platform.js';
import type { TaskRef, TransferItem } from './task.js';

/** One submitted task and how to settle its promise. */
export interface Job {
  /** Unique among the pool's tasks (never 0: the worker's slot holds 0 when idle). */
  readonly id: number;
  readonly task: TaskRef;
  /** `module#export`, for errors. */
  readonly label: string;
  readonly input: unknown;
  readonly transfer: readonly TransferItem[];
  readonly signal: AbortSignalLike | undefined;
  readonly timeoutMs: number | undefined;
  /** True when the job has a signal or a time limit: it then runs alone on its worker, which is terminated to stop it. */
  readonly guarded: boolean;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  settled: boolean;
  /** Stops watching the signal while queued. */
  stopQueueGuard: (() => void) | undefined;
  /** Disarms the running guard (signal and time limit). */
  disarm: (() => void) | undefined;
}

/** Settles `job` once; later calls are ignored. */
export function settleJob(job: Job, error: unknown, value?: unknown): void {
  if (job.settled) return;
  job.settled = true;
  job.stopQueueGuard?.();
  job.disarm?.();
  if (error === undefined) job.resolve(value);
  else job.reject(error);
}

/** A FIFO of jobs with O(1) push and shift, and rare removal or re-insertion at the front. */
export class TaskQueue {
  #items: Job[] = [];
  #head = 0;

  /** Number of waiting jobs. */
  get length(): number {
    return this.#items.length - this.#head;
  }

  /** The oldest waiting job, if any. */
  peek(): Job | undefined {
    return this.#items[this.#head];
  }

  /** Adds a job at the back. */
  push(job: Job): void {
    this.#items.push(job);
  }

  /** Removes and returns the oldest job. */
  shift(): Job | undefined {
    const job = this.#items[this.#head];
    if (job === undefined) return undefined;
    this.#head += 1;
    if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    } else if (this.#head === this.#items.length) {
      this.#items.length = 0;
      this.#head = 0;
    }
    return job;
  }

  /** Puts jobs back at the front, keeping their order (they go before every waiting job). */
  unshiftAll(jobs: readonly Job[]): void {
    if (jobs.length === 0) return;
    this.#items = [...jobs, ...this.#items.slice(this.#head)];
    this.#head = 0;
  }

  /** Removes `job` if it is waiting; returns whether it was. */
  remove(job: Job): boolean {
    const at = this.#items.indexOf(job, this.#head);
    if (at < 0) return false;
    this.#items.splice(at, 1);
    return true;
  }

  /** Removes and returns every waiting job. */
  drain(): Job[] {
    const jobs = this.#items.slice(this.#head);
    this.#items = [];
    this.#head = 0;
    return jobs;
  }
}
