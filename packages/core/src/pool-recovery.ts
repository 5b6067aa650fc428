/**
 * @module pool-recovery — what happens to the jobs a lost worker held: which ones were lost with it and which can run
 * again on another worker.
 */
import type { Job } from './task-queue.js';

/** The jobs a worker held when it was lost, split by fate. */
export interface LostJobs {
  /** The job it was running (when any) and those it had finished without reporting: they reject. */
  readonly lost: ReadonlyArray<{ readonly job: Job; readonly running: boolean }>;
  /** The jobs it had not started, in order: they go back to the front of the queue. */
  readonly notStarted: readonly Job[];
}

/**
 * Splits the unanswered jobs of a worker that ended, in the order it runs them. `runningId` is the job it was
 * running (0: idle, so every job counts as not started; `undefined`: unknown, so the oldest is taken to be running,
 * since workers run tasks in order).
 */
export function splitLostJobs(jobs: readonly Job[], runningId: number | undefined): LostJobs {
  const at = runningId === undefined ? (jobs.length > 0 ? 0 : -1) : jobs.findIndex((job) => job.id === runningId);
  return {
    lost: jobs.slice(0, at + 1).map((job, i) => ({ job, running: i === at })),
    notStarted: jobs.slice(at + 1),
  };
}

/**
 * Splits the jobs to run again: a job whose input was transferred went to the lost worker with it, so it cannot run
 * again and is returned in `unrecoverable`.
 */
export function recoverable(jobs: readonly Job[]): { again: Job[]; unrecoverable: Job[] } {
  const again: Job[] = [];
  const unrecoverable: Job[] = [];
  for (const job of jobs) (job.transfer.length > 0 ? unrecoverable : again).push(job);
  return { again, unrecoverable };
}
