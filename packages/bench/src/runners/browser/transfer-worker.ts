/**
 * @module runners/browser/transfer-worker — receiving end of the browser `transfer` workload: it acknowledges each
 * message (deserialised, so a copy is complete) by bumping a shared counter, and hands a transferred buffer back.
 */
import { workerScope } from './globals.js';

let acks: Int32Array | undefined;

workerScope.addEventListener('message', (event) => {
  const message = event.data as { ack?: SharedArrayBuffer; payload?: unknown; giveBack?: boolean };
  if (message.ack) acks = new Int32Array(message.ack);
  if (!acks) return;
  Atomics.add(acks, 0, 1);
  Atomics.notify(acks, 0);
  if (message.giveBack && message.payload instanceof ArrayBuffer)
    workerScope.postMessage(message.payload, [message.payload]);
});
