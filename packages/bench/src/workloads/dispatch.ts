/**
 * @module dispatch — what one task costs: no-op tasks through Weft's pool and its peers in the same run (piscina
 * and tinypool on worker_threads; raw `Worker` + `postMessage` in a page), with a SharedArrayBuffer + Atomics
 * ping-pong as the floor of any round trip where the runtime lets a thread block. Runtime-neutral: the host opens
 * the pools (`WorkloadHost.openDispatchPool`), so Node, Deno, Bun and the Chromium page run this same code.
 *
 * Pools are measured in interleaved rounds (every pool once per round, in turn), so that a noisy moment on a shared
 * machine — or a CPU that sleeps deeper between rounds — hits every pool alike and same-run ratios stay fair.
 */
import { describeError } from '@weft/core';
import { okCase, summarize, unmeasuredCase, type CaseResult } from '@weft/core/study';
import { DISPATCH_POOLS } from '../model/vocabulary.js';
import { defineWorkload, everyProfile, type OptionSpec, type TypedContext, type Workload } from '../workload.js';
import { availableCores } from './cores.js';
import type { RoundTripFloor, WorkloadHost } from './host.js';
import { burstMs, roundTripsUs, type PoolUnderTest } from './pool-timing.js';

const FLOOR = 'atomics';
/** What `--pools` may name: every pool of every runtime, the floor, and `auto` (what this runtime has). */
const POOL_CHOICES = ['auto', ...DISPATCH_POOLS, FLOOR];
const ROUNDS_OF_TRIPS = 10;

/** The pools `--pools` names here: `auto` expands to the host's pools and, where it has one, the floor. */
export function dispatchPoolNames(host: WorkloadHost, selected: readonly string[]): string[] {
  const here = [...host.dispatchPools, ...(host.openRoundTripFloor === undefined ? [] : [FLOOR])];
  return [...new Set(selected.flatMap((name) => (name === 'auto' ? here : [name])))];
}

/** Opens each pool; one this runtime cannot run becomes a skipped case with the host's reason. */
async function openPools(
  host: WorkloadHost,
  names: readonly string[],
  threads: number,
  skipped: CaseResult[],
): Promise<PoolUnderTest[]> {
  const pools: PoolUnderTest[] = [];
  for (const name of names) {
    try {
      pools.push(await host.openDispatchPool(name, threads));
    } catch (error) {
      const reason = `${name} is not available here: ${describeError(error)}`;
      for (const kind of ['throughput', 'latency']) {
        const identity = { workload: 'dispatch', strategy: `${name}-${kind}`, parameters: { threads, pool: name } };
        skipped.push(unmeasuredCase('skipped', identity, reason));
      }
    }
  }
  return pools;
}

async function measureThreads(
  context: TypedContext<typeof DISPATCH_OPTIONS>,
  names: readonly string[],
  threads: number,
  floor: RoundTripFloor | undefined,
) {
  const tasks = context.options.tasks;
  const trips = context.options['round-trips'];
  const cases: CaseResult[] = [];
  const pools = await openPools(context.host, names, threads, cases);
  try {
    const bursts = new Map(pools.map((p) => [p.name, [] as number[]]));
    const latencies = new Map<string, number[]>(pools.map((p) => [p.name, []]));
    if (floor) latencies.set('atomics', []);
    for (const pool of pools) await burstMs(pool, tasks); // warm-up: threads started, code optimised
    const samples = context.options.samples;
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

/** The options of `dispatch`. */
const DISPATCH_OPTIONS = [
  {
    name: 'pools',
    kind: 'string-list',
    description: 'pools to compare (auto: every pool this runtime has, and the atomics floor where it can block)',
    choices: POOL_CHOICES,
    defaults: everyProfile('auto'),
  },
  {
    name: 'threads',
    kind: 'int-list',
    description: 'worker threads per pool',
    defaults: { smoke: '2', quick: String(availableCores()), full: `1,${availableCores()}` },
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
] as const satisfies readonly OptionSpec[];

/** The `dispatch` workload. */
export const dispatchWorkload: Workload = defineWorkload({
  name: 'dispatch',
  question: 'What does one task cost?',
  options: DISPATCH_OPTIONS,
  async run(context) {
    const selected = dispatchPoolNames(context.host, context.options.pools);
    const names = selected.filter((p) => p !== FLOOR);
    const cases: CaseResult[] = [];
    let floor: RoundTripFloor | undefined;
    if (selected.includes(FLOOR) && context.host.openRoundTripFloor === undefined) {
      const reason = `${FLOOR} is not available here: this thread may not block in Atomics.wait (a page's main thread)`;
      cases.push(
        unmeasuredCase(
          'skipped',
          { workload: 'dispatch', strategy: `${FLOOR}-latency`, parameters: { threads: 1 } },
          reason,
        ),
      );
    } else if (selected.includes(FLOOR)) floor = context.host.openRoundTripFloor?.();
    try {
      for (const threads of context.options.threads) {
        // The floor is measured with the first thread count only: it involves one worker whatever the pool size.
        cases.push(
          ...(await measureThreads(
            context,
            names,
            threads,
            threads === context.options.threads[0] ? floor : undefined,
          )),
        );
      }
    } finally {
      await floor?.close();
    }
    return cases;
  },
});
