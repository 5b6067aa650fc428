/**
 * @module hosts/node/transfer-worker — receiving end of the `transfer` workload: it acknowledges each message that arrived
 * (deserialised, so a copy is complete) by bumping a shared counter, which the sender waits on. A transferred buffer
 * is then handed back, transferred again, so the sender can reuse it as a real pipeline recycles its buffers.
 */
import { parentPort } from 'node:worker_threads';

let acks: Int32Array | undefined;

parentPort?.on('message', (message: { ack?: SharedArrayBuffer; payload?: unknown; giveBack?: boolean }) => {
  if (message.ack) acks = new Int32Array(message.ack);
  if (!acks) return;
  Atomics.add(acks, 0, 1);
  Atomics.notify(acks, 0);
  if (message.giveBack && message.payload instanceof ArrayBuffer)
    parentPort?.postMessage(message.payload, [message.payload]);
});
