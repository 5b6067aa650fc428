/**
 * The child-process entry of `nodeProcessExecutor()`: the shared worker loop
 * of `@weft/core`, wired to the IPC channel (advanced serialization).
 *
 * The child never outlives its parent: it exits when the channel closes, and a watchdog thread kills it when the
 * parent has gone while a task keeps this thread too busy to see the channel close.
 *
 * @module @weft/node/process-worker
 */
import { serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { detectRuntime } from '@weft/core';
import { READY, createWorkerLoop } from '@weft/core/adapter';

const send = process.send?.bind(process);
if (send === undefined)
  throw new Error('@weft/node/process-worker must be started by nodeProcessExecutor() (it needs an IPC channel)');

process.on('disconnect', () => process.exit(0));
new Worker(new URL('./process-watchdog.js', import.meta.url), { workerData: { parent: process.ppid } }).unref();

// Node and Bun serialize inside send(), so a result that cannot be cloned throws here and the loop reports it.
// Deno serializes later, where the error would kill the child: there the message is checked first.
const checkFirst = detectRuntime().name === 'deno';
const loop = createWorkerLoop({
  post: (message) => {
    if (checkFirst) serialize(message);
    send(message);
  },
});

// Registered before any await, so no message can be missed; then tell the pool we listen.
process.on('message', (data: unknown) => loop.receive(data));
send(READY);
