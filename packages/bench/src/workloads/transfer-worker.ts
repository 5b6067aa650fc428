/**
 * @module transfer-worker — receiving end of the `transfer` workload: it acknowledges each message that arrived
 * (deserialised, so a copy is complete) by bumping a shared counter, which the sender waits on.
 */
import { parentPort } from 'node:worker_threads';

let acks: Int32Array | undefined;

parentPort?.on('message', (message: { ack?: SharedArrayBuffer; payload?: unknown }) => {
  if (message.ack) acks = new Int32Array(message.ack);
  if (!acks) return;
  Atomics.add(acks, 0, 1);
  Atomics.notify(acks, 0);
});
