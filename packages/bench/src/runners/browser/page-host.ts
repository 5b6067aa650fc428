/**
 * @module runners/browser/page-host — the workload host of the Chromium page: module Web Workers for `transfer`;
 * for `dispatch` Weft's web-worker executor (bundled by the host) beside raw `Worker` + `postMessage`; for `load`
 * the shards the host serves over HTTP and Weft's web workers reading them; for `train` see `page-training.ts`. A
 * page's main thread may not block in
 * `Atomics.wait`, so it has no round-trip floor.
 */
import { WeftError, defineTask, type DecodeInput, type Source } from '@weft/core';
import { platform } from '@weft/core/adapter';
import type { DecodedShard } from '../../data/shard-codec.js';
import type { HostShardSet, LoadPool, ShardLocation, WorkerMoveChannel, WorkloadHost } from '../../workloads/host.js';
import type { BrowserStudyConfig } from './config.js';
import type { PoolUnderTest } from '../../workloads/pool-timing.js';
import { browser, type BrowserWorker, type MessageEventLike } from './globals.js';
import { fetchMnist, openPageTraining } from './page-training.js';
import { weftExecutor } from './weft-executor.js';

const origin = browser.location.origin;

/** Resolves after the current task, letting workers' replies in. */
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function nextMessage(worker: BrowserWorker): Promise<unknown> {
  return new Promise((resolve) => {
    const listener = (event: MessageEventLike) => {
      worker.removeEventListener('message', listener);
      resolve(event.data);
    };
    worker.addEventListener('message', listener);
  });
}

/** Moves a payload to a worker and spins until the worker has it (a page may not block in `Atomics.wait`). */
class AckedChannel implements WorkerMoveChannel {
  readonly worker = new browser.Worker(`${origin}/transfer-worker.js`, { type: 'module' });
  readonly acks = new Int32Array(new SharedArrayBuffer(4));

  async start(): Promise<void> {
    this.worker.postMessage({ ack: this.acks.buffer });
    while (Atomics.load(this.acks, 0) === 0) await yieldToLoop();
  }

  takeBack(): Promise<ArrayBuffer> {
    return nextMessage(this.worker) as Promise<ArrayBuffer>;
  }

  send(payload: unknown, transfer: ArrayBuffer[] = []): number {
    const before = Atomics.load(this.acks, 0);
    const start = platform.now();
    this.worker.postMessage({ payload, giveBack: transfer.length > 0 }, transfer);
    let spins = 0;
    while (Atomics.load(this.acks, 0) === before) {
      spins += 1;
      if (spins % 65_536 === 0 && platform.now() - start > 30_000)
        throw new Error('the transfer worker did not acknowledge within 30 s');
    }
    return (platform.now() - start) * 1000;
  }

  close(): Promise<void> {
    this.worker.terminate();
    return Promise.resolve();
  }
}

async function openMoveChannel(): Promise<WorkerMoveChannel> {
  if (browser.crossOriginIsolated !== true) {
    throw new WeftError('UNSUPPORTED', 'the page is not cross-origin isolated: SharedArrayBuffer is unavailable');
  }
  const channel = new AckedChannel();
  await channel.start();
  return channel;
}

/** The fastest plain alternative: N echo workers, messages dealt round-robin, replies matched in order. */
function rawPool(threads: number): PoolUnderTest {
  const workers = Array.from(
    { length: threads },
    () => new browser.Worker(`${origin}/echo-worker.js`, { type: 'module' }),
  );
  const waiting = workers.map(() => [] as Array<(value: unknown) => void>);
  workers.forEach((w, i) => w.addEventListener('message', (event) => waiting[i]?.shift()?.(event.data)));
  let next = 0;
  return {
    name: 'raw-web-workers',
    run(input) {
      const i = next;
      next = (next + 1) % threads;
      return new Promise((resolve) => {
        waiting[i]?.push(resolve);
        workers[i]?.postMessage(input);
      });
    },
    close: () => Promise.resolve(workers.forEach((w) => w.terminate())),
  };
}

/** Weft's web-worker executor running the no-op task, checked to start within 15 s. */
async function weftPool(threads: number, weftUnavailable: string | undefined): Promise<PoolUnderTest> {
  const executor = await weftExecutor(threads, weftUnavailable);
  const task = defineTask<number, number>(`${origin}/dispatch-task.js`, 'noop');
  const pool: PoolUnderTest = {
    name: 'weft-web-workers',
    run: (n) => executor.run(task, n),
    close: () => executor.close(),
  };
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), 15_000));
  if (!(await Promise.race([pool.run(0).then(() => true), timeout]))) {
    void pool.close();
    throw new Error('@weft/browser did not start: its first task did not finish within 15 s');
  }
  return pool;
}

/** The shards the host wrote and serves at `/shards/<name>` after the configured latency. */
function httpShards(shards: BrowserStudyConfig['shards']): HostShardSet {
  const url = (name: string) => `${origin}/shards/${encodeURIComponent(name)}`;
  const source: Source = {
    list: () => Promise.resolve(shards.names.map((name) => ({ name }))),
    async read(shard, signal) {
      const response = await fetch(url(shard.name), { signal: signal as AbortSignal });
      if (!response.ok) throw new Error(`GET /shards/${shard.name} answered ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    },
  };
  const { names, totalBytes, latencyMs } = shards;
  return {
    source,
    locate: (name) => ({ url: url(name) }),
    shards: names.length,
    totalBytes,
    latencyMs,
    close: () => Promise.resolve(),
  };
}

/** Weft's web workers running the page's load tasks (`/load-task.js`). */
async function loadPool(threads: number, weftUnavailable: string | undefined): Promise<LoadPool> {
  const executor = await weftExecutor(threads, weftUnavailable);
  return {
    executor,
    readTask: defineTask<ShardLocation, Uint8Array>(`${origin}/load-task.js`, 'readShard'),
    decodeTask: defineTask<DecodeInput, DecodedShard>(`${origin}/load-task.js`, 'decodeShardInWorker'),
  };
}

/**
 * The page's host. `config` says which shards the host serves and why Weft's executor is not in the bundle, when it
 * is not (`weftUnavailable`).
 */
export function pageWorkloadHost(
  config: Pick<BrowserStudyConfig, 'shards' | 'weftUnavailable' | 'peak'>,
): WorkloadHost {
  const weftUnavailable = config.weftUnavailable;
  return {
    openMoveChannel,
    afterMove: (move) => (move % 8 === 7 ? yieldToLoop() : undefined),
    dispatchPools: ['weft-web-workers', 'raw-web-workers'],
    openDispatchPool(name, threads) {
      if (name === 'weft-web-workers') return weftPool(threads, weftUnavailable);
      if (name === 'raw-web-workers') return Promise.resolve(rawPool(threads));
      return Promise.reject(new Error(`${name} runs on worker_threads, which a page does not have (Node, Deno, Bun)`));
    },
    openShardSet(kind) {
      // The host wrote the shards (the same --shards and --latency-ms) and serves them: the page only reads them.
      if (kind === 'http') return Promise.resolve(httpShards(config.shards));
      return Promise.reject(new WeftError('UNSUPPORTED', 'a page has no local files: its shards come over HTTP'));
    },
    openLoadPool: (threads) => loadPool(threads, weftUnavailable),
    openTraining: () => openPageTraining(weftUnavailable),
    async openBackends() {
      if (config.peak === undefined) throw new Error('the host sent no peak inputs for the backends workload');
      const backends = (await import(`${origin}/backends.js`)) as typeof import('./backends-task.js');
      const { train } = await fetchMnist();
      return backends.pageBackendsHost(config.peak, train);
    },
  };
}
