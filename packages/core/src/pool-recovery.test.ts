import { describe, expect, it } from 'vitest';
import { recoverable, splitLostJobs } from './pool-recovery.js';
import type { Job } from './task-queue.js';

const job = (id: number, transfer = false) =>
  ({ id, transfer: transfer ? [new ArrayBuffer(1)] : [] }) as unknown as Job;

describe('splitLostJobs', () => {
  const jobs = [job(1), job(2), job(3), job(4)];

  it('loses the running job and the ones before it (finished, not reported); the rest run again', () => {
    const { lost, notStarted } = splitLostJobs(jobs, 3);
    expect(lost.map(({ job: j, running }) => [j.id, running])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(notStarted.map((j) => j.id)).toEqual([4]);
  });

  it('loses nothing when the worker was idle (0), and the oldest when the adapter cannot tell', () => {
    expect(splitLostJobs(jobs, 0)).toEqual({ lost: [], notStarted: jobs });
    const unknown = splitLostJobs(jobs, undefined);
    expect(unknown.lost.map(({ job: j, running }) => [j.id, running])).toEqual([[1, true]]);
    expect(unknown.notStarted.map((j) => j.id)).toEqual([2, 3, 4]);
    expect(splitLostJobs([], undefined)).toEqual({ lost: [], notStarted: [] });
  });
});

describe('recoverable', () => {
  it('runs again only jobs whose input was not transferred away with the worker', () => {
    const { again, unrecoverable } = recoverable([job(1), job(2, true), job(3)]);
    expect(again.map((j) => j.id)).toEqual([1, 3]);
    expect(unrecoverable.map((j) => j.id)).toEqual([2]);
  });
});
