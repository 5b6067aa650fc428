/**
 * @module dispatch — what one task costs: no-op tasks through Weft's pool, piscina and tinypool in the same run,
 * with a SharedArrayBuffer + Atomics ping-pong as the floor of any round trip.
 *
 * Pools are measured in interleaved rounds (every pool once per round, in turn), so that a noisy moment on a shared
 * machine — or a CPU that sleeps deeper between rounds — hits every pool alike and same-run ratios stay fair.
 */
import os from 'node:os';
import { okCase, summarize, unmeasuredCase, type CaseResult } from '@weft/core/study';
import { nodeThreadsExecutor } from '@weft/node';
import { everyProfile, type Workload, type WorkloadContext } from '../workload.js';
import { AtomicsPingPong } from './atomics-ping-pong.js';
import { noopTask } from './dispatch-task.js';
import { burstMs, roundTripsUs, type PoolUnderTest } from './pool-timing.js';

type PoolName = 'weft' | 'weft-web-workers' | 'piscina' | 'tinypool';

/** True where the runtime has a global module `Worker` (Deno, Bun, browsers): there Weft's web-worker pool runs too. */
const hasWebWorkers = typeof (globalThis as { Worker?: unknown }).Worker === 'function';

/** Weft's web-worker executor, loaded lazily: `@weft/browser` is optional for the bench. */
async function openWebWorkerPool(
  threads: number,
): Promise<{ run(task: typeof noopTask, n: number): Promise<number>; close(): Promise<void> }> {
  if (!hasWebWorkers) throw new Error('this runtime has no global Worker (web workers run in Deno, Bun and browsers)');
  const specifier = '@weft/browser'; // not a static import: the bench builds and runs without it
  const { webWorkerExecutor } = (await import(specifier)) as {
    webWorkerExecutor: (options: { size: number }) => {
      run(task: typeof noopTask, n: number): Promise<number>;
      close(): Promise<void>;
    };
  };
  return webWorkerExecutor({ size: threads });
}

const taskFile = new URL('./dispatch-task.js', import.meta.url).href;
const ROUNDS_OF_TRIPS = 10;

async function openPool(name: PoolName, threads: number): Promise<PoolUnderTest<PoolName>> {
  switch (name) {
    case 'weft': {
      const pool = nodeThreadsExecutor({ size: threads });
      return { name, run: (n) => pool.run(noopTask, n), close: () => pool.close() };
    }
    case 'weft-web-workers': {
      const pool = await openWebWorkerPool(threads);
      return { name, run: (n) => pool.run(noopTask, n), close: () => pool.close() };
    }
    case 'piscina': {
      const { Piscina } = await import('piscina');
      const pool = new Piscina({ filename: taskFile, minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
      return { name, run: (n) => pool.run(n), close: () => pool.destroy() };
    }
    case 'tinypool': {
      const { Tinypool } = await import('tinypool');
      const pool = new Tinypool({ filename: taskFile, minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
      return { name, run: (n) => pool.run(n), close: () => pool.destroy() };
    }
  }
}

/** Opens each pool; a peer that cannot be loaded becomes a skipped case instead of failing the run. */
async function openPools(
  names: readonly PoolName[],
  threads: number,
  skipped: CaseResult[],
): Promise<PoolUnderTest<PoolName>[]> {
  const pools: PoolUnderTest<PoolName>[] = [];
  for (const name of names) {
    try {
      pools.push(await openPool(name, threads));
    } catch (error) {
      const reason = `${name} is not available here: ${(error as Error).message}`;
      for (const kind of ['throughput', 'latency']) {
        skipped.push(
          unmeasuredCase(
            'skipped',
            { workload: 'dispatch', strategy: `${name}-${kind}`, parameters: { threads, pool: name } },
            reason,
          ),
        );
      }
    }
  }
  return pools;
}

async function measureThreads(
  context: WorkloadContext,
  names: readonly PoolName[],
  threads: number,
  floor: AtomicsPingPong | undefined,
) {
  const tasks = context.options.tasks as number;
  const trips = context.options['round-trips'] as number;
  const cases: CaseResult[] = [];
  const pools = await openPools(names, threads, cases);
  try {
    const bursts = new Map(pools.map((p) => [p.name, [] as number[]]));
    const latencies = new Map<string, number[]>(pools.map((p) => [p.name, []]));
    if (floor) latencies.set('atomics', []);
    for (const pool of pools) await burstMs(pool, tasks); // warm-up: threads started, code optimised
    const samples = context.options.samples as number;
    for (let round = 0; round < samples; round += 1) {
      context.progress(`dispatch: ${threads} threads, burst round ${round + 1}/${samples}`);
      for (const pool of pools) bursts.get(pool.name)?.push(await burstMs(pool, tasks));
    }
    for (const pool of pools) await roundTripsUs(pool, 100); // warm-up
    const perRound = Math.max(1, Math.ceil(trips / ROUNDS_OF_TRIPS));
    for (let round = 0; round < ROUNDS_OF_TRIPS; round += 1) {
      context.progress(`dispatch: ${threads} threads, round-trip round ${round + 1}/${ROUNDS_OF_TRIPS}`);
      for (const pool of pools) latencies.get(pool.name)?.push(...(await roundTripsUs(pool, perRound)));
      if (floor) latencies.get('atomics')?.push(...Array.from({ length: perRound }, () => floor.roundTripUs()));
    }
    const floorMedian = floor ? summarize(latencies.get('atomics') as number[]).median : undefined;
    const best = Math.max(
      0,
      ...pools
        .filter((p) => !p.name.startsWith('weft'))
        .map((p) => tasks / (summarize(bursts.get(p.name) as number[]).median / 1000)),
    );
    for (const pool of pools) {
      const parameters = { threads, tasks, pool: pool.name };
      const rate = tasks / (summarize(bursts.get(pool.name) as number[]).median / 1000);
      const ratio: Record<string, number> =
        pool.name.startsWith('weft') && best > 0 ? { ratioToBestPeer: rate / best } : {};
      cases.push(
        okCase({
          workload: 'dispatch',
          strategy: `${pool.name}-throughput`,
          parameters,
          unit: 'ms',
          samples: bursts.get(pool.name) as number[],
          metrics: { tasksPerSecond: rate, ...ratio },
        }),
      );
      const trip = okCase({
        workload: 'dispatch',
        strategy: `${pool.name}-latency`,
        parameters,
        unit: 'us',
        samples: latencies.get(pool.name) as number[],
      });
      const toFloor: Record<string, number> = floorMedian
        ? { ratioToFloor: (trip.summary?.median as number) / floorMedian }
        : {};
      cases.push({ ...trip, metrics: toFloor });
    }
    if (floor) {
      cases.push(
        okCase({
          workload: 'dispatch',
          strategy: 'atomics-latency',
          parameters: { threads: 1 },
          unit: 'us',
          samples: latencies.get('atomics') as number[],
        }),
      );
    }
  } finally {
    await Promise.all(pools.map((p) => p.close()));
  }
  return cases;
}

/** The `dispatch` workload. */
export const dispatchWorkload: Workload = {
  name: 'dispatch',
  question: 'What does one task cost?',
  options: [
    {
      name: 'pools',
      kind: 'string-list',
      description: 'pools to compare',
      choices: ['weft', 'piscina', 'tinypool', 'atomics', 'weft-web-workers'],
      // Web workers only where the runtime has them (Deno, Bun); Node has worker_threads only.
      defaults: everyProfile(
        hasWebWorkers ? 'weft,weft-web-workers,piscina,tinypool,atomics' : 'weft,piscina,tinypool,atomics',
      ),
    },
    {
      name: 'threads',
      kind: 'int-list',
      description: 'worker threads per pool',
      defaults: { smoke: '2', quick: String(os.availableParallelism()), full: `1,${os.availableParallelism()}` },
    },
    {
      name: 'tasks',
      kind: 'positive-int',
      description: 'no-op tasks per burst',
      defaults: { smoke: '2000', quick: '20000', full: '100000' },
    },
    {
      name: 'samples',
      kind: 'positive-int',
      description: 'measured bursts per pool',
      defaults: { smoke: '3', quick: '7', full: '15' },
    },
    {
      name: 'round-trips',
      kind: 'positive-int',
      description: 'sequential round trips per pool',
      defaults: { smoke: '300', quick: '2000', full: '10000' },
    },
  ],
  async run(context) {
    const selected = context.options.pools as readonly string[];
    const names = selected.filter((p): p is PoolName => p !== 'atomics');
    const floor = selected.includes('atomics') ? new AtomicsPingPong() : undefined;
    const cases: CaseResult[] = [];
    try {
      for (const threads of context.options.threads as readonly number[]) {
        // The floor is measured with the first thread count only: it involves one worker whatever the pool size.
        cases.push(
          ...(await measureThreads(
            context,
            names,
            threads,
            threads === (context.options.threads as number[])[0] ? floor : undefined,
          )),
        );
      }
    } finally {
      await floor?.close();
    }
    return cases;
  },
};
