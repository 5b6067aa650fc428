/**
 * A workload host made of in-process fakes, for testing the runtime-neutral workloads without workers: pools that
 * answer at once, a channel that acknowledges at once, and a record of what the workload asked for.
 */
import { WeftError, memorySource } from '@weft/core';
import { encodeShard } from '../data/shard-codec.js';
import { MNIST_FEATURES } from '../data/mnist-shape.js';
import type { WorkloadContext } from '../workload.js';
import { resolveOptions } from '../options.js';
import type { Workload } from '../workload.js';
import type { BackendsHost, TrainHost, WorkerMoveChannel, WorkloadHost } from './host.js';
import type { PoolUnderTest } from './pool-timing.js';

/** What the fake host saw. */
export interface FakeHostLog {
  readonly opened: string[];
  readonly closed: string[];
  readonly moves: number[];
  channelsClosed: number;
  shardSetsClosed: number;
}

/** The 10,000 digits `load` expects, as `shards` blank shards. */
function blankShards(shards: number): Array<{ name: string; bytes: Uint8Array }> {
  const per = 10_000 / shards;
  return Array.from({ length: shards }, (_, index) => ({
    name: `shard-${index}.bin`,
    bytes: encodeShard({
      pixels: new Uint8Array(per * MNIST_FEATURES),
      labels: new Uint8Array(per),
      index,
      total: shards,
    }),
  }));
}

/** A host whose pools are `pools` (those in `broken` reject with `why`), with a floor unless `floor` is false. */
export function fakeHost(options: {
  pools: readonly string[];
  broken?: Readonly<Record<string, string>>;
  floor?: boolean;
  afterMove?: boolean;
  /** What `openTraining` gives (default: it rejects with `UNSUPPORTED`, as without tfjs). */
  train?: TrainHost;
  /** What `openBackends` gives (default: it rejects with `UNSUPPORTED`, as without tfjs). */
  backends?: BackendsHost;
}): { host: WorkloadHost; log: FakeHostLog } {
  const log: FakeHostLog = { opened: [], closed: [], moves: [], channelsClosed: 0, shardSetsClosed: 0 };
  const channel: WorkerMoveChannel = {
    send: () => 1,
    takeBack: () => Promise.resolve(new ArrayBuffer(8)),
    close: () => {
      log.channelsClosed += 1;
      return Promise.resolve();
    },
  };
  /** `file`: no local files here; `http`: blank shards in memory. */
  const openShardSet: WorkloadHost['openShardSet'] = (kind, shards, latencyMs) => {
    if (kind === 'file') return Promise.reject(new WeftError('UNSUPPORTED', 'this fake host has no local files'));
    const set = blankShards(shards);
    return Promise.resolve({
      source: memorySource(set),
      locate: (name: string) => ({ url: `memory:${name}` }),
      shards,
      totalBytes: set.reduce((n, s) => n + s.bytes.byteLength, 0),
      latencyMs,
      close: () => Promise.resolve(void (log.shardSetsClosed += 1)),
    });
  };
  const host: WorkloadHost = {
    openShardSet,
    openLoadPool: () => Promise.reject(new Error('this fake host starts no workers')),
    openTraining: () =>
      options.train === undefined
        ? Promise.reject(new WeftError('UNSUPPORTED', 'this fake host has no tfjs'))
        : Promise.resolve(options.train),
    openBackends: () =>
      options.backends === undefined
        ? Promise.reject(new WeftError('UNSUPPORTED', 'this fake host has no tfjs'))
        : Promise.resolve(options.backends),
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
