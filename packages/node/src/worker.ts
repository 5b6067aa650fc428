/**
 * The worker_threads entry of `nodeThreadsExecutor()`: the shared worker loop of
 * `@weft/core`, wired to `parentPort`.
 *
 * While a task runs, the worker writes its id into the shared `Int32Array` slot it got as `workerData.slot`
 * (0 when idle), so that the pool knows which task a crash interrupted. It answers on the `MessagePort` it got as
 * `workerData.port` (the parent port when there is none).
 *
 * @module @weft/node/worker
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { READY, createWorkerLoop } from '@weft/core/adapter';

const port = parentPort;
if (port === null) throw new Error('@weft/node/worker must be started as a worker thread by nodeThreadsExecutor()');

const data = workerData as { slot?: Int32Array; port?: MessagePort } | undefined;
const slot = data?.slot;
// Answers go to the pool's own port when it gave one, else to the parent.
const answers = data?.port ?? port;
const loop = createWorkerLoop({
  post: (message, transfer) => answers.postMessage(message, transfer as never),
  ...(slot === undefined ? {} : { onRunning: (id: number) => Atomics.store(slot, 0, id) }),
});

// Registered before any await, so no message can be missed; then tell the pool we listen.
port.on('message', (data: unknown) => loop.receive(data));
answers.postMessage(READY);
