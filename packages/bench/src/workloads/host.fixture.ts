/**
 * A workload host made of in-process fakes, for testing the runtime-neutral workloads without workers: pools that
 * answer at once, a channel that acknowledges at once, and a record of what the workload asked for.
 */
import type { WorkloadContext } from '../workload.js';
import { resolveOptions } from '../options.js';
import type { Workload } from '../workload.js';
import type { WorkerMoveChannel, WorkloadHost } from './host.js';
import type { PoolUnderTest } from './pool-timing.js';

/** What the fake host saw. */
export interface FakeHostLog {
  readonly opened: string[];
  readonly closed: string[];
  readonly moves: number[];
  channelsClosed: number;
}

/** A host whose pools are `pools` (those in `broken` reject with `why`), with a floor unless `floor` is false. */
export function fakeHost(options: {
  pools: readonly string[];
  broken?: Readonly<Record<string, string>>;
  floor?: boolean;
  afterMove?: boolean;
}): { host: WorkloadHost; log: FakeHostLog } {
  const log: FakeHostLog = { opened: [], closed: [], moves: [], channelsClosed: 0 };
  const channel: WorkerMoveChannel = {
    send: () => 1,
    takeBack: () => Promise.resolve(new ArrayBuffer(8)),
    close: () => {
      log.channelsClosed += 1;
      return Promise.resolve();
    },
  };
  const host: WorkloadHost = {
    openMoveChannel: () => Promise.resolve(channel),
    ...(options.afterMove ? { afterMove: (move: number) => void log.moves.push(move) } : {}),
    dispatchPools: options.pools,
    openDispatchPool(name, threads) {
      const why = options.broken?.[name];
      if (why !== undefined) return Promise.reject(new Error(why));
      log.opened.push(`${name}×${threads}`);
      const pool: PoolUnderTest = {
        name,
        run: (n) => Promise.resolve(n),
        close: () => Promise.resolve(void log.closed.push(name)),
      };
      return Promise.resolve(pool);
    },
    ...(options.floor === false
      ? {}
      : { openRoundTripFloor: () => ({ roundTripUs: () => 1, close: () => Promise.resolve() }) }),
  };
  return { host, log };
}

/** A smoke-profile context for `workload` on `host`, with `given` options. */
export function hostContext(
  workload: Workload,
  host: WorkloadHost,
  given: Record<string, string> = {},
): WorkloadContext {
  return {
    profile: 'smoke',
    options: resolveOptions(workload.options, 'smoke', given),
    progress: () => undefined,
    host,
  };
}
