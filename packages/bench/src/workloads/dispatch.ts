/**
 * @module dispatch — what one task costs: no-op tasks through Weft's pool, piscina and tinypool in the same run,
 * with a SharedArrayBuffer + Atomics ping-pong as the floor of any round trip.
 */
import os from 'node:os';
import { okCase, platform, summarize, unmeasuredCase, type CaseResult } from '@weft/core';
import { nodeThreadsExecutor } from '@weft/node';
import { sampleMs } from '../harness.js';
import type { Workload, WorkloadContext } from '../workload.js';
import { atomicsRoundTripsUs } from './atomics-ping-pong.js';
import { noopTask } from './dispatch-task.js';

/** A pool under test, reduced to what the workload needs. */
interface PoolUnderTest {
  run(input: number): Promise<unknown>;
  close(): Promise<unknown>;
}

type PoolName = 'weft' | 'piscina' | 'tinypool';

const taskFile = new URL('./dispatch-task.js', import.meta.url).href;

async function openPool(name: PoolName, threads: number): Promise<PoolUnderTest> {
  switch (name) {
    case 'weft': {
      const pool = nodeThreadsExecutor({ size: threads });
      return { run: (n) => pool.run(noopTask, n), close: () => pool.close() };
    }
    case 'piscina': {
      const { Piscina } = await import('piscina');
      const pool = new Piscina({ filename: taskFile, minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
      return { run: (n) => pool.run(n), close: () => pool.destroy() };
    }
    case 'tinypool': {
      const { Tinypool } = await import('tinypool');
      const pool = new Tinypool({ filename: taskFile, minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
      return { run: (n) => pool.run(n), close: () => pool.destroy() };
    }
  }
}

/** Submits `tasks` no-ops at once and waits for all of them. */
function burst(pool: PoolUnderTest, tasks: number): Promise<unknown[]> {
  return Promise.all(Array.from({ length: tasks }, (_, i) => pool.run(i)));
}

/** One no-op at a time: each sample is one round trip in µs. */
async function roundTripsUs(pool: PoolUnderTest, count: number, warmup: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < warmup + count; i += 1) {
    const start = platform.now();
    await pool.run(i);
    if (i >= warmup) samples.push((platform.now() - start) * 1000);
  }
  return samples;
}

async function measurePool(name: PoolName, context: WorkloadContext, threads: number): Promise<CaseResult[]> {
  const tasks = context.options.tasks as number;
  const parameters = { threads, tasks, pool: name };
  let pool: PoolUnderTest;
  try {
    pool = await openPool(name, threads);
  } catch (error) {
    const reason = `${name} is not available here: ${(error as Error).message}`;
    return [
      unmeasuredCase('skipped', { workload: 'dispatch', strategy: `${name}-throughput`, parameters }, reason),
      unmeasuredCase('skipped', { workload: 'dispatch', strategy: `${name}-latency`, parameters }, reason),
    ];
  }
  try {
    context.progress(`dispatch: ${name}, ${threads} threads, ${tasks} tasks per burst`);
    const bursts = await sampleMs({ warmup: 1, samples: context.options.samples as number }, () => burst(pool, tasks));
    const { median } = summarize(bursts);
    const throughput = okCase({
      workload: 'dispatch',
      strategy: `${name}-throughput`,
      parameters,
      unit: 'ms',
      samples: bursts,
      metrics: { tasksPerSecond: tasks / (median / 1000) },
    });
    context.progress(`dispatch: ${name}, round trips`);
    const trips = await roundTripsUs(pool, context.options['round-trips'] as number, 100);
    const latency = okCase({ workload: 'dispatch', strategy: `${name}-latency`, parameters, unit: 'us', samples: trips });
    return [throughput, latency];
  } finally {
    await pool.close();
  }
}

/** Adds the same-run ratios the targets are stated in: Weft vs the best peer, and Weft vs the Atomics floor. */
function withRatios(cases: CaseResult[]): CaseResult[] {
  const find = (strategy: string, threads: unknown) =>
    cases.find((c) => c.status === 'ok' && c.strategy === strategy && c.parameters['threads'] === threads);
  return cases.map((c) => {
    if (c.status !== 'ok') return c;
    const threads = c.parameters['threads'];
    if (c.strategy === 'weft-throughput') {
      const peers = ['piscina-throughput', 'tinypool-throughput'].map((s) => find(s, threads)?.metrics['tasksPerSecond'] ?? 0);
      const best = Math.max(...peers);
      return best > 0 ? { ...c, metrics: { ...c.metrics, ratioToBestPeer: (c.metrics['tasksPerSecond'] as number) / best } } : c;
    }
    if (c.strategy === 'weft-latency') {
      const floor = cases.find((x) => x.status === 'ok' && x.strategy === 'atomics-latency')?.summary?.median;
      return floor ? { ...c, metrics: { ...c.metrics, ratioToFloor: (c.summary?.median as number) / floor } } : c;
    }
    return c;
  });
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
      choices: ['weft', 'piscina', 'tinypool', 'atomics'],
      defaults: { smoke: 'weft,piscina,tinypool,atomics', quick: 'weft,piscina,tinypool,atomics', full: 'weft,piscina,tinypool,atomics' },
    },
    {
      name: 'threads',
      kind: 'int-list',
      description: 'worker threads per pool',
      defaults: { smoke: '2', quick: String(os.availableParallelism()), full: `1,${os.availableParallelism()}` },
    },
    { name: 'tasks', kind: 'positive-int', description: 'no-op tasks per burst', defaults: { smoke: '2000', quick: '20000', full: '100000' } },
    { name: 'samples', kind: 'positive-int', description: 'measured bursts per pool', defaults: { smoke: '3', quick: '7', full: '15' } },
    {
      name: 'round-trips',
      kind: 'positive-int',
      description: 'sequential round trips per pool',
      defaults: { smoke: '300', quick: '2000', full: '10000' },
    },
  ],
  async run(context) {
    const pools = context.options.pools as readonly string[];
    const cases: CaseResult[] = [];
    if (pools.includes('atomics')) {
      context.progress('dispatch: Atomics ping-pong floor');
      const trips = await atomicsRoundTripsUs(context.options['round-trips'] as number, 100);
      cases.push(okCase({ workload: 'dispatch', strategy: 'atomics-latency', parameters: { threads: 1 }, unit: 'us', samples: trips }));
    }
    for (const threads of context.options.threads as readonly number[]) {
      for (const name of pools.filter((p): p is PoolName => p !== 'atomics')) {
        cases.push(...(await measurePool(name, context, threads)));
      }
    }
    return withRatios(cases);
  },
};
