/**
 * @module pool-dispatch — the worker pool's dispatch policy, apart from the pool: which worker takes the next job,
 * how many queued jobs travel in one message, and which jobs may share it.
 */
import type { Job, TaskQueue } from './task-queue.js';

/** Most tasks sent to one worker in one message. */
export const MAX_BATCH = 32;
/** Most tasks handed to one worker and not yet answered, so its loop never idles between messages. */
export const MAX_IN_FLIGHT = 2 * MAX_BATCH;

/** What the policy reads of a worker's slot. */
export interface SlotLoad {
  /** It has posted `READY`. */
  readonly ready: boolean;
  /** It runs a guarded job, alone. */
  readonly exclusive: boolean;
  /** Its tasks sent and not yet answered. */
  readonly inFlight: { readonly size: number };
}

/** The ready worker, not running a guarded job alone, with the fewest unanswered tasks (the first on a tie). */
export function leastBusy<S extends SlotLoad>(slots: readonly (S | undefined)[]): S | undefined {
  let best: S | undefined;
  for (const slot of slots) {
    if (slot === undefined || !slot.ready || slot.exclusive) continue;
    if (best === undefined || slot.inFlight.size < best.inFlight.size) best = slot;
  }
  return best;
}

/**
 * How many queued jobs to send now to a worker with `busy` unanswered tasks, or 0 to wait. An idle worker always
 * gets work. Work is queued behind a busy worker only when there is a backlog (at least one job per worker), no
 * worker is still starting, and there is room for a whole batch: workers answer task by task, so refilling one by
 * one would double the messages. A batch takes at most its share of the queue, so every worker gets some.
 */
export function batchSize(busy: number, queued: number, size: number, starting: boolean): number {
  if (busy > 0 && (starting || busy > MAX_IN_FLIGHT - MAX_BATCH || queued < size)) return 0;
  return Math.min(MAX_BATCH, MAX_IN_FLIGHT - busy, Math.ceil(queued / size));
}

/**
 * Takes up to `count` jobs from the front of `queue` (which must not be empty) for one message. A guarded job (with a
 * signal or time limit) is not batched, and a job that transfers buffers travels alone: some runtimes (Deno) detach
 * the buffers of a message that then fails to clone, which would take its input down with a neighbour's
 * uncloneable one.
 */
export function takeBatch(queue: TaskQueue, count: number): Job[] {
  const batch: Job[] = [queue.shift()!];
  while (batch.length < count && queue.length > 0 && batch[0]!.transfer.length === 0) {
    const next = queue.peek()!;
    if (next.guarded || next.transfer.length > 0) break;
    batch.push(queue.shift()!);
  }
  return batch;
}
