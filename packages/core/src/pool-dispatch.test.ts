import { describe, expect, it } from 'vitest';
import { MAX_BATCH, MAX_IN_FLIGHT, batchSize, leastBusy, takeBatch } from './pool-dispatch.js';
import { TaskQueue, type Job } from './task-queue.js';

const slot = (busy: number, ready = true, exclusive = false) => ({ ready, exclusive, inFlight: { size: busy } });

let nextId = 1;
function job(options: { guarded?: boolean; transfer?: boolean } = {}): Job {
  return {
    id: nextId++,
    task: { module: 'memory:tasks', name: 'square' },
    label: 'memory:tasks#square',
    input: 1,
    transfer: options.transfer ? [new ArrayBuffer(8)] : [],
    signal: undefined,
    timeoutMs: options.guarded ? 1000 : undefined,
    guarded: options.guarded ?? false,
    resolve: () => undefined,
    reject: () => undefined,
    settled: false,
    stopQueueGuard: undefined,
    disarm: undefined,
  };
}
const queueOf = (jobs: Job[]) => {
  const queue = new TaskQueue();
  for (const j of jobs) queue.push(j);
  return queue;
};

describe('leastBusy', () => {
  it('picks the ready worker with the fewest unanswered tasks, skipping starting, exclusive and empty slots', () => {
    const a = slot(3);
    const b = slot(1);
    const c = slot(0, false);
    const d = slot(0, true, true);
    expect(leastBusy([a, undefined, b, c, d])).toBe(b);
    expect(leastBusy([c, d, undefined])).toBeUndefined();
    const first = slot(2);
    expect(leastBusy([first, slot(2)])).toBe(first);
  });
});

describe('batchSize', () => {
  it('gives an idle worker its share of the queue, at most a whole batch', () => {
    expect(batchSize(0, 1, 2, false)).toBe(1);
    expect(batchSize(0, 10, 2, false)).toBe(5);
    expect(batchSize(0, 1000, 2, true)).toBe(MAX_BATCH);
  });

  it('queues behind a busy worker only with a backlog, no worker starting and room for a whole batch', () => {
    expect(batchSize(1, 1, 2, false)).toBe(0); // no backlog: another worker may take it
    expect(batchSize(1, 100, 2, true)).toBe(0); // a worker is still starting: it will take its share
    expect(batchSize(MAX_IN_FLIGHT - MAX_BATCH + 1, 100, 2, false)).toBe(0); // no room for a whole batch
    expect(batchSize(MAX_IN_FLIGHT - MAX_BATCH, 100, 2, false)).toBe(MAX_BATCH);
    expect(batchSize(1, 4, 2, false)).toBe(2);
  });
});

describe('takeBatch', () => {
  it('takes plain jobs up to the count, in order', () => {
    const jobs = [job(), job(), job()];
    const queue = queueOf(jobs);
    expect(takeBatch(queue, 2)).toEqual(jobs.slice(0, 2));
    expect(queue.length).toBe(1);
  });

  it('stops before a guarded job or one that transfers, and sends a transferring job alone', () => {
    const [plain, guarded, mover, other] = [job(), job({ guarded: true }), job({ transfer: true }), job()];
    let queue = queueOf([plain, guarded]);
    expect(takeBatch(queue, 8)).toEqual([plain]);
    queue = queueOf([plain, mover]);
    expect(takeBatch(queue, 8)).toEqual([plain]);
    queue = queueOf([mover, other]);
    expect(takeBatch(queue, 8)).toEqual([mover]);
    expect(queue.length).toBe(1);
  });
});
