/**
 * @module transfer-moves — how the `transfer` workload times moving a payload to a worker, in any runtime (Node and
 * the browser page share it; each brings its own channel to the worker).
 */
import { platform } from '@weft/core/adapter';
import { okCase, type CaseResult } from '@weft/core/study';

/** The ways a payload can reach another thread (and the one-thread copy that bounds them). */
export type TransferMethod = 'clone' | 'transfer' | 'shared' | 'memcpy';

/** Every {@link TransferMethod}, in report order. */
export const TRANSFER_METHODS: readonly TransferMethod[] = ['clone', 'transfer', 'shared', 'memcpy'];

/** A channel to a worker that acknowledges each message through shared memory. */
export interface MoveChannel {
  /** Posts `payload` and returns the µs until the worker has received it. */
  send(payload: unknown, transfer?: ArrayBuffer[]): number;
  /** Resolves with the buffer the worker hands back after a transfer. */
  takeBack(): Promise<ArrayBuffer>;
}

/**
 * Measures `count` moves of a `bytes`-sized payload by `method`, in µs each, after one warm-up move. A transferred
 * buffer comes back after each move and is sent again, as a pipeline that recycles its buffers would.
 * `pause` (if given) runs between moves, e.g. to let a page's event loop breathe.
 */
export async function measureMoves(
  channel: MoveChannel,
  method: TransferMethod,
  bytes: number,
  count: number,
  pause?: (move: number) => Promise<void> | void,
): Promise<number[]> {
  const samples: number[] = [];
  const shared = method === 'shared' ? new SharedArrayBuffer(bytes) : undefined;
  const source = method === 'clone' || method === 'memcpy' ? new Uint8Array(bytes).fill(1) : undefined;
  const target = method === 'memcpy' ? new Uint8Array(bytes) : undefined;
  let moving = method === 'transfer' ? new ArrayBuffer(bytes) : undefined;
  for (let i = 0; i < count + 1; i += 1) {
    let us: number;
    if (method === 'memcpy') {
      const start = platform.now();
      (target as Uint8Array).set(source as Uint8Array);
      us = (platform.now() - start) * 1000;
    } else if (moving) {
      const back = channel.takeBack();
      us = channel.send(moving, [moving]);
      moving = await back;
    } else {
      us = channel.send(method === 'shared' ? shared : source);
    }
    if (i > 0) samples.push(us); // the first move of each size is a warm-up
    await pause?.(i);
  }
  return samples;
}

/** The case of one method and size, with its throughput. */
export function transferCase(method: TransferMethod, bytes: number, samples: number[]): CaseResult {
  const c = okCase({ workload: 'transfer', strategy: method, parameters: { bytes }, unit: 'us', samples });
  const medianUs = c.summary?.median ?? 0;
  return { ...c, metrics: { gigabytesPerSecond: medianUs > 0 ? bytes / (medianUs * 1000) : 0 } };
}
