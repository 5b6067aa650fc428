/**
 * @module runners/browser/page-host — the workload host of the Chromium page: module Web Workers for `transfer`, and
 * for `dispatch` Weft's web-worker executor (bundled by the host) beside raw `Worker` + `postMessage`. A page's
 * main thread may not block in `Atomics.wait`, so it has no round-trip floor.
 */
import { WeftError, defineTask, type Executor } from '@weft/core';
import { platform } from '@weft/core/adapter';
import type { WorkerMoveChannel, WorkloadHost } from '../../workloads/host.js';
import type { PoolUnderTest } from '../../workloads/pool-timing.js';
import { browser, type BrowserWorker, type MessageEventLike } from './globals.js';

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

/** Weft's web-worker executor from the bundle the host built beside this page (see runners/browser-bundle.ts). */
async function weftPool(threads: number, weftUnavailable: string | undefined): Promise<PoolUnderTest> {
  if (weftUnavailable !== undefined) throw new Error(weftUnavailable);
  const { webWorkerExecutor } = (await import(`${origin}/weft-browser.js`)) as {
    webWorkerExecutor: (o: { size: number; workerUrl: string }) => Executor;
  };
  const executor = webWorkerExecutor({ size: threads, workerUrl: `${origin}/weft-worker.js` });
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

/** The page's host; `weftUnavailable` says why Weft's executor is not in the bundle, when it is not. */
export function pageWorkloadHost(weftUnavailable: string | undefined): WorkloadHost {
  return {
    openMoveChannel,
    afterMove: (move) => (move % 8 === 7 ? yieldToLoop() : undefined),
    dispatchPools: ['weft-web-workers', 'raw-web-workers'],
    openDispatchPool(name, threads) {
      if (name === 'weft-web-workers') return weftPool(threads, weftUnavailable);
      if (name === 'raw-web-workers') return Promise.resolve(rawPool(threads));
      return Promise.reject(new Error(`${name} runs on worker_threads, which a page does not have (Node, Deno, Bun)`));
    },
  };
}
