/**
 * @module @weft/browser/worker — the module-worker entry of {@link webWorkerExecutor}: runs the tasks of each
 * `RunMessage` in order, one at a time, and answers with `ResultsMessage`s.
 *
 * A worker that goes down on its own (an uncaught error or unhandled rejection, or a task calling `close()`) first
 * posts the outcomes of the tasks that finished, then a `CrashedMessage` naming the task it was running, so that
 * the executor can reject that task and replace the worker (a closed Web Worker sends no event by itself).
 */
import {
  PROTOCOL_VERSION,
  READY,
  describeError,
  isRunMessage,
  runTaskMessage,
  serializeError,
  type CrashedMessage,
  type ResultsMessage,
  type TaskMessage,
  type TaskOutcome,
  type TransferItem,
} from '@weft/core';

declare const self: DedicatedWorkerGlobalScope;

const waiting: TaskMessage[] = [];
let waitingHead = 0;
let outcomes: TaskOutcome[] = [];
let transfers: TransferItem[] = [];
let draining = false;
let flushScheduled = false;
/** Id of the task running now, 0 when idle. */
let running = 0;
let down = false;

// Registered before any await, so no message can be missed (Deno drops messages sent before a listener exists).
self.addEventListener('message', (event: MessageEvent) => {
  const data: unknown = event.data;
  if (down || !isRunMessage(data)) return;
  for (const task of data.tasks) waiting.push(task);
  if (!draining) void drain();
});
self.addEventListener('error', (event: ErrorEvent) => {
  event.preventDefault();
  goDown(`threw an uncaught exception (${event.message})`, event.error ?? event.message);
});
self.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
  event.preventDefault();
  goDown(`left a promise rejection unhandled (${describeError(event.reason)})`, event.reason);
});
// A task calling close() ends this worker silently: report it first. (Bun's workers have no close().)
const host = self as unknown as { close?: () => void };
if (typeof host.close === 'function') host.close = () => goDown('closed itself');
// Where workers have Node's process (Bun, Deno), a task calling process.exit() ends the worker: report it first.
interface ProcessLike {
  on?(event: 'exit', listener: (code: number) => void): void;
  on?(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): void;
}
const processLike = (globalThis as { process?: ProcessLike }).process;
processLike?.on?.('exit', (code) => goDown(`exited with code ${code}`));
// Bun reports a worker's uncaught errors only to these listeners, not to the worker's `error` event.
processLike?.on?.('uncaughtException', (error) => goDown(`threw an uncaught exception (${describeError(error)})`, error));
processLike?.on?.('unhandledRejection', (error) => goDown(`left a promise rejection unhandled (${describeError(error)})`, error));
self.postMessage(READY);

/** Reports the finished outcomes and the crash; runs nothing more. */
function goDown(reason: string, error?: unknown): void {
  if (down) return;
  down = true;
  flush();
  const message: CrashedMessage = {
    v: PROTOCOL_VERSION,
    type: 'crashed',
    id: running,
    reason,
    ...(error === undefined ? {} : { error: serializeError(error) }),
  };
  // The executor terminates this worker when the message arrives; exiting here could drop the messages (Bun).
  self.postMessage(message);
}

/** Posts the outcomes gathered so far in one message. */
function flush(): void {
  flushScheduled = false;
  if (outcomes.length === 0) return;
  const message: ResultsMessage = { v: PROTOCOL_VERSION, type: 'results', results: outcomes };
  const transferList = transfers;
  outcomes = [];
  transfers = [];
  self.postMessage(message, transferList as Transferable[]);
}

/**
 * Runs waiting tasks in order. Outcomes of tasks that finish within the same turn are sent together at the end;
 * while a later task runs, a zero-delay timer sends them, so a slow task does not hold finished results back.
 */
async function drain(): Promise<void> {
  draining = true;
  while (waitingHead < waiting.length && !down) {
    const task = waiting[waitingHead]!;
    waitingHead += 1;
    if (waitingHead === waiting.length) {
      waiting.length = 0;
      waitingHead = 0;
    }
    if (outcomes.length > 0 && !flushScheduled) {
      flushScheduled = true;
      setTimeout(flush, 0);
    }
    running = task.id;
    const { outcome, transfer } = await runTaskMessage(task);
    running = 0;
    if (down) return;
    outcomes.push(outcome);
    for (const item of transfer) transfers.push(item);
  }
  draining = false;
  flush();
}
