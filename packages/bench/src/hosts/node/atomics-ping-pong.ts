/** @module hosts/node/atomics-ping-pong — round trips between two threads through a SharedArrayBuffer, with nothing else. */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { platform } from '@weft/core/adapter';

/**
 * A worker that answers pings through one shared `Int32Array` cell with `Atomics.wait/notify`: the floor of any
 * thread round trip. The main thread blocks while it waits, which is fine for a measurement, not for a pool.
 */
export class AtomicsPingPong {
  readonly #worker = new Worker(new URL('./ping-worker.js', import.meta.url));
  readonly #cell = new Int32Array(new SharedArrayBuffer(4));
  #value = 0;

  constructor() {
    this.#worker.postMessage(this.#cell.buffer);
  }

  /** One round trip: write a ping, block until the pong. Returns it in µs. */
  roundTripUs(): number {
    const cell = this.#cell;
    const start = platform.now();
    this.#value += 1;
    Atomics.store(cell, 0, this.#value);
    Atomics.notify(cell, 0);
    while (Atomics.load(cell, 0) === this.#value) Atomics.wait(cell, 0, this.#value, 1000);
    this.#value = Atomics.load(cell, 0);
    return (platform.now() - start) * 1000;
  }

  /** Stops the worker and waits until it has exited. */
  async close(): Promise<void> {
    const exited = once(this.#worker, 'exit');
    Atomics.store(this.#cell, 0, -1);
    Atomics.notify(this.#cell, 0);
    // The worker leaves its loop and closes its port (Node); where a port cannot be closed (Deno), terminate it.
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 200).unref())]);
    await this.#worker.terminate();
  }
}
