/**
 * @module @weft/node/worker — the worker_threads entry of {@link nodeThreadsExecutor}: the shared worker loop of
 * `@weft/core`, wired to `parentPort`.
 *
 * While a task runs, the worker writes its id into the shared `Int32Array` slot it got as `workerData.slot`
 * (0 when idle), so that the pool knows which task a crash interrupted.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { READY, createWorkerLoop } from '@weft/core';

const port = parentPort;
if (port === null) throw new Error('@weft/node/worker must be started as a worker thread by nodeThreadsExecutor()');

const slot: Int32Array | undefined = (workerData as { slot?: Int32Array } | undefined)?.slot;
const loop = createWorkerLoop({
  post: (message, transfer) => port.postMessage(message, transfer as never),
  // Before any timer of the next task: a crash in it cannot lose the outcomes already finished.
  schedule: (callback) => setImmediate(callback),
  ...(slot === undefined ? {} : { onRunning: (id: number) => Atomics.store(slot, 0, id) }),
});

// Registered before any await, so no message can be missed; then tell the pool we listen.
port.on('message', (data: unknown) => loop.receive(data));
port.postMessage(READY);
// A task that calls process.exit() stops this thread at once: report the outcomes of the tasks that finished before it.
process.on('exit', () => loop.flush());
