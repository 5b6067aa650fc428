/** @module pool-message — the `run` message that carries a batch of jobs to one worker, and its transfer list. */
import { PROTOCOL_VERSION, type RunMessage } from './protocol.js';
import type { TaskRef, TransferItem } from './task.js';
import type { Job } from './task-queue.js';

/**
 * The message for `jobs`: each distinct task named once (`tasks`), each job pointing at its task (`refs`), and every
 * job's transfer items in one list.
 */
export function runMessageOf(jobs: readonly Job[]): { message: RunMessage; transfer: TransferItem[] } {
  const tasks: TaskRef[] = [];
  const ids = new Array<number>(jobs.length);
  const refs = new Array<number>(jobs.length);
  const inputs = new Array<unknown>(jobs.length);
  const transfer: TransferItem[] = [];
  for (let i = 0; i < jobs.length; i += 1) {
    const job = jobs[i]!;
    let ref = tasks.length - 1;
    if (ref < 0 || tasks[ref] !== job.task) {
      ref = tasks.indexOf(job.task);
      if (ref < 0) ref = tasks.push(job.task) - 1;
    }
    ids[i] = job.id;
    refs[i] = ref;
    inputs[i] = job.input;
    for (const item of job.transfer) transfer.push(item);
  }
  const message: RunMessage = {
    v: PROTOCOL_VERSION,
    type: 'run',
    tasks: tasks.map(({ module, name }) => ({ module, name })),
    ids,
    refs,
    inputs,
  };
  return { message, transfer };
}
