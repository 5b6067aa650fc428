/**
 * @module hosts/node/ping-worker — the other end of the SharedArrayBuffer + Atomics ping-pong, the floor of any thread
 * round trip: the worker blocks in `Atomics.wait`, answers each ping by bumping the counter, and stops on -1.
 */
import { parentPort } from 'node:worker_threads';

parentPort?.once('message', (buffer: SharedArrayBuffer) => {
  const cell = new Int32Array(buffer);
  let seen = 0;
  for (;;) {
    Atomics.wait(cell, 0, seen);
    const value = Atomics.load(cell, 0);
    if (value < 0) break;
    // The main thread wrote an odd number (a ping); answer with the next even one (the pong).
    seen = value + 1;
    Atomics.store(cell, 0, seen);
    Atomics.notify(cell, 0);
  }
  // Deno's node:worker_threads has no MessagePort.close on parentPort; the host terminates the worker anyway.
  parentPort?.close?.();
});
