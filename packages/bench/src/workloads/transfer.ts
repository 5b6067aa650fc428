/**
 * @module transfer — what moving data between threads costs: structured clone, transfer, SharedArrayBuffer,
 * and `TypedArray.set` (a memcpy on one thread) as the limit, for payloads from 1 KiB to 64 MiB. Runtime-neutral:
 * the host opens the worker (`WorkloadHost.openMoveChannel`), in Node, Deno, Bun and the Chromium page alike.
 */
import type { CaseResult } from '@weft/core/study';
import { defineWorkload, everyProfile, type Workload } from '../workload.js';
import { TRANSFER_METHODS, measureMoves, transferCase } from './transfer-moves.js';

const KiB = 1024;

/** The `transfer` workload. */
export const transferWorkload: Workload = defineWorkload({
  name: 'transfer',
  question: 'What does moving data between threads cost?',
  options: [
    {
      name: 'methods',
      kind: 'string-list',
      description: 'ways to move the payload',
      choices: TRANSFER_METHODS,
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
    const channel = await context.host.openMoveChannel();
    const cases: CaseResult[] = [];
    try {
      for (const kib of context.options['sizes-kib']) {
        for (const method of context.options.methods) {
          context.progress(`transfer: ${method}, ${kib} KiB`);
          const bytes = kib * KiB;
          cases.push(
            transferCase(
              method,
              bytes,
              await measureMoves(channel, method, bytes, context.options.samples, context.host.afterMove),
            ),
          );
        }
      }
    } finally {
      await channel.close();
    }
    return cases;
  },
});
