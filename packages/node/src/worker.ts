/**
 * @module @weft/node/worker — the worker_threads entry of {@link nodeThreadsExecutor}: runs the tasks of each
 * `RunMessage` in order, one at a time, and answers with `ResultsMessage`s.
 *
 * While a task runs, the worker writes its id into the shared `Int32Array` slot it got as `workerData.slot`
 * (0 when idle), so that the pool knows which task a crash interrupted.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  PROTOCOL_VERSION,
  READY,
  isRunMessage,
  runTaskMessage,
  type ResultsMessage,
  type TaskMessage,
  type TaskOutcome,
  type TransferItem,
} from '@weft/core';

const port = parentPort;
if (port === null) throw new Error('@weft/node/worker must be started as a worker thread by nodeThreadsExecutor()');

const slot: Int32Array | undefined = (workerData as { slot?: Int32Array } | undefined)?.slot;
const waiting: TaskMessage[] = [];
let waitingHead = 0;
let outcomes: TaskOutcome[] = [];
let transfers: TransferItem[] = [];
let draining = false;
let flushScheduled = false;

// Registered before any await, so no message can be missed; then tell the pool we listen.
port.on('message', (data: unknown) => {
  if (!isRunMessage(data)) return;
  for (const task of data.tasks) waiting.push(task);
  if (!draining) void drain();
});
port.postMessage(READY);
// A task that calls process.exit() stops this thread at once: report the outcomes of the tasks that finished before it.
process.on('exit', () => flush());

/** Posts the outcomes gathered so far in one message. */
function flush(): void {
  flushScheduled = false;
  if (outcomes.length === 0) return;
  const message: ResultsMessage = { v: PROTOCOL_VERSION, type: 'results', results: outcomes };
  const transferList = transfers;
  outcomes = [];
  transfers = [];
  port!.postMessage(message, transferList as never);
}

/**
 * Runs waiting tasks in order. Outcomes of tasks that finish within the same turn are sent together at the end;
 * while a later task runs, a `setImmediate` flush sends them before any of its timers, so a crash cannot lose them.
 */
async function drain(): Promise<void> {
  draining = true;
  while (waitingHead < waiting.length) {
    const task = waiting[waitingHead]!;
    waitingHead += 1;
    if (waitingHead === waiting.length) {
      waiting.length = 0;
      waitingHead = 0;
    }
    // Outcomes waiting while the next task runs go out before any of its timers fire, so a crash cannot lose them.
    if (outcomes.length > 0 && !flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
    if (slot !== undefined) Atomics.store(slot, 0, task.id);
    const { outcome, transfer } = await runTaskMessage(task);
    if (slot !== undefined) Atomics.store(slot, 0, 0);
    outcomes.push(outcome);
    for (const item of transfer) transfers.push(item);
  }
  draining = false;
  flush();
}
