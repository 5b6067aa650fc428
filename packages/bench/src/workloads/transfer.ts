/**
 * @module transfer — what moving data between threads costs: structured clone, transfer, SharedArrayBuffer,
 * and `TypedArray.set` (a memcpy on one thread) as the limit, for payloads from 1 KiB to 64 MiB.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { platform } from '@weft/core/adapter';
import type { CaseResult } from '@weft/core/study';
import { everyProfile, type Workload } from '../workload.js';
import { measureMoves, transferCase, type MoveChannel, type TransferMethod } from './transfer-moves.js';

const KiB = 1024;

/** One message to the worker, timed from `postMessage` until the worker has received it. */
class AckedChannel implements MoveChannel {
  readonly #worker: Worker;
  readonly #acks = new Int32Array(new SharedArrayBuffer(4));

  constructor() {
    this.#worker = new Worker(new URL('./transfer-worker.js', import.meta.url));
  }

  /** Sends the ack counter and waits until the worker has answered once. */
  start(): Promise<void> {
    this.#worker.postMessage({ ack: this.#acks.buffer });
    this.#wait(0);
    return Promise.resolve();
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

/** The `transfer` workload. */
export const transferWorkload: Workload = {
  name: 'transfer',
  question: 'What does moving data between threads cost?',
  options: [
    {
      name: 'methods',
      kind: 'string-list',
      description: 'ways to move the payload',
      choices: ['clone', 'transfer', 'shared', 'memcpy'],
      defaults: everyProfile('clone,transfer,shared,memcpy'),
    },
    {
      name: 'sizes-kib',
      kind: 'int-list',
      description: 'payload sizes in KiB',
      defaults: { smoke: '1,1024', quick: '1,16,256,4096,65536', full: '1,4,16,64,256,1024,4096,16384,65536' },
    },
    {
      name: 'samples',
      kind: 'positive-int',
      description: 'moves measured per size and method',
      defaults: { smoke: '5', quick: '30', full: '100' },
    },
  ],
  async run(context) {
    const channel = new AckedChannel();
    await channel.start();
    const cases: CaseResult[] = [];
    try {
      for (const kib of context.options['sizes-kib'] as readonly number[]) {
        for (const method of context.options.methods as readonly TransferMethod[]) {
          context.progress(`transfer: ${method}, ${kib} KiB`);
          const bytes = kib * KiB;
          cases.push(
            transferCase(method, bytes, await measureMoves(channel, method, bytes, context.options.samples as number)),
          );
        }
      }
    } finally {
      await channel.close();
    }
    return cases;
  },
};
