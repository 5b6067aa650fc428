/**
 * @module hosts/node/transfer-channel — the `transfer` workload's channel in Node, Deno and Bun: a `worker_threads`
 * worker that acknowledges each message through a shared counter, which the sender spins on.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { platform } from '@weft/core/adapter';
import type { WorkerMoveChannel } from '../../workloads/host.js';

/** One message to the worker, timed from `postMessage` until the worker has received it. */
class AckedChannel implements WorkerMoveChannel {
  readonly #worker: Worker;
  readonly #acks = new Int32Array(new SharedArrayBuffer(4));

  constructor() {
    this.#worker = new Worker(new URL('./transfer-worker.js', import.meta.url));
  }

  /** Sends the ack counter and waits until the worker has answered once. */
  start(): void {
    this.#worker.postMessage({ ack: this.#acks.buffer });
    this.#wait(0);
  }

  /**
   * Posts `payload` and spins until the worker has received it; returns the elapsed µs. Spinning (not sleeping in
   * `Atomics.wait`) keeps this thread's own wake-up out of the measurement: what is left is the message's trip.
   */
  send(payload: unknown, transfer: ArrayBuffer[] = []): number {
    const before = Atomics.load(this.#acks, 0);
    const start = platform.now();
    this.#worker.postMessage({ payload, giveBack: transfer.length > 0 }, transfer);
    let spins = 0;
    while (Atomics.load(this.#acks, 0) === before) {
      spins += 1;
      if (spins % 65_536 === 0 && platform.now() - start > 1000) this.#wait(before); // a slow move: stop spinning
    }
    return (platform.now() - start) * 1000;
  }

  #wait(seen: number): void {
    while (Atomics.load(this.#acks, 0) === seen) Atomics.wait(this.#acks, 0, seen, 5000);
  }

  /** Waits for the buffer the worker hands back after a transfer. */
  async takeBack(): Promise<ArrayBuffer> {
    const [buffer] = (await once(this.#worker, 'message')) as [ArrayBuffer];
    return buffer;
  }

  async close(): Promise<void> {
    const exited = once(this.#worker, 'exit');
    await this.#worker.terminate();
    await exited;
  }
}

/** Starts the transfer worker and resolves once it has answered. */
export function openNodeMoveChannel(): Promise<WorkerMoveChannel> {
  return new Promise((resolve) => {
    const channel = new AckedChannel();
    channel.start();
    resolve(channel);
  });
}
