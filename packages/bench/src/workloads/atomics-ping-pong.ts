/** @module atomics-ping-pong — round trips between two threads through a SharedArrayBuffer, with nothing else. */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { platform } from '@weft/core';

/**
 * Measures `count` round trips (µs each) to a worker through one shared `Int32Array` cell and `Atomics.wait/notify`.
 * The main thread blocks while it waits: fine for a measurement, not for a pool.
 */
export async function atomicsRoundTripsUs(count: number, warmup: number): Promise<number[]> {
  const worker = new Worker(new URL('./ping-worker.js', import.meta.url));
  const buffer = new SharedArrayBuffer(4);
  const cell = new Int32Array(buffer);
  worker.postMessage(buffer);
  const samples: number[] = [];
  let value = 0;
  for (let i = 0; i < warmup + count; i += 1) {
    const start = platform.now();
    value += 1;
    Atomics.store(cell, 0, value);
    Atomics.notify(cell, 0);
    while (Atomics.load(cell, 0) === value) Atomics.wait(cell, 0, value, 1000);
    value = Atomics.load(cell, 0);
    if (i >= warmup) samples.push((platform.now() - start) * 1000);
  }
  Atomics.store(cell, 0, -1);
  Atomics.notify(cell, 0);
  await once(worker, 'exit');
  return samples;
}
