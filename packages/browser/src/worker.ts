/**
 * The module-worker entry of {@link webWorkerExecutor}: runs the tasks of each
 * `RunMessage` in order, one at a time, and answers each with a `ResultMessage`.
 *
 * Each outcome is posted as its task ends. A worker that goes down on its own (an uncaught error or unhandled
 * rejection, or a task calling `close()`) then posts a `CrashedMessage` naming the task it was running, so that the
 * executor can reject that task and replace the worker (a closed Web Worker sends no event by itself).
 *
 * @module @weft/browser/worker
 */
import { describeError } from '@weft/core';
import { PROTOCOL_VERSION, READY, createWorkerLoop, serializeError, type CrashedMessage } from '@weft/core/adapter';

declare const self: DedicatedWorkerGlobalScope;

const loop = createWorkerLoop({
  post: (message, transfer) => self.postMessage(message, transfer as Transferable[]),
});
let down = false;

// Registered before any await, so no message can be missed (Deno drops messages sent before a listener exists).
self.addEventListener('message', (event: MessageEvent) => loop.receive(event.data));
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
processLike?.on?.('uncaughtException', (error) =>
  goDown(`threw an uncaught exception (${describeError(error)})`, error),
);
processLike?.on?.('unhandledRejection', (error) =>
  goDown(`left a promise rejection unhandled (${describeError(error)})`, error),
);
self.postMessage(READY);

/** Reports the crash (the outcomes of finished tasks are already posted); runs nothing more. */
function goDown(reason: string, error?: unknown): void {
  if (down) return;
  down = true;
  loop.stop();
  const message: CrashedMessage = {
    v: PROTOCOL_VERSION,
    type: 'crashed',
    id: loop.running,
    reason,
    ...(error === undefined ? {} : { error: serializeError(error) }),
  };
  // The executor terminates this worker when the message arrives; exiting here could drop the messages (Bun).
  self.postMessage(message);
}
