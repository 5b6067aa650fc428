/**
 * @module load — do threads help I/O-bound loading? MNIST shards read from local files and from a loopback HTTP
 * server with a fixed per-request latency, sequentially, with event-loop concurrency 1..32, and in worker threads
 * (reading only, or reading and decoding), each compared with the latency-bound ideal. Runtime-neutral: the host
 * writes and serves the shards (`WorkloadHost.openShardSet`) and starts the workers (`openLoadPool`), in Node,
 * Deno, Bun and the Chromium page alike (a page has no local files: its `file` cases are skipped).
 */
import { VOCABULARY, type StrategyOf } from '../model/vocabulary.js';
import { createLoader, describeError, isWeftError, WeftError, type Decode, type Source } from '@weft/core';
import { okCase, unmeasuredCase, type CaseResult } from '@weft/core/study';
import { sampleMs } from '../harness.js';
import { decodeShard, shardDigitCount, type DecodedShard } from '../data/shard-codec.js';
import { defineWorkload, everyProfile, type OptionSpec, type TypedContext, type Workload } from '../workload.js';
import type { HostShardSet, LoadPool, LoadSourceKind } from './host.js';

/** How shards are loaded in a case. */
export type LoadStrategy = Exclude<StrategyOf<'load'>, 'all'>;

/** Every strategy, in report order (the vocabulary's, without `all`: a source that could not run). */
export const LOAD_STRATEGIES: readonly LoadStrategy[] = VOCABULARY.load.strategies.filter(
  (s): s is LoadStrategy => s !== 'all',
);

/**
 * Where a strategy decodes: nowhere (`sequential`, `event-loop` and `workers` measure I/O alone and check only each
 * shard's header), on the main thread, or in the pool.
 */
function decodePlace(strategy: LoadStrategy): 'none' | 'main' | 'pool' {
  if (strategy === 'event-loop-decode') return 'main';
  if (strategy === 'workers-decode' || strategy === 'event-loop-worker-decode') return 'pool';
  return 'none';
}

/** Strategies that read on the event loop at the largest --concurrency, with decoding somewhere. */
const AT_MAX_CONCURRENCY: readonly LoadStrategy[] = ['event-loop-decode', 'event-loop-worker-decode'];

/** A set of shards reachable from this thread and from a worker, and where it comes from. */
export interface LoadSetup extends Omit<HostShardSet, 'close'> {
  readonly kind: LoadSourceKind;
}

/** Where `load` reads shards from, in report order. */
const LOAD_SOURCE_KINDS: readonly LoadSourceKind[] = ['file', 'http'];

/** The options of `load`. */
const LOAD_OPTIONS = [
  {
    name: 'sources',
    kind: 'string-list',
    description: 'where shards come from: local files, or HTTP from a loopback server with --latency-ms per request',
    choices: LOAD_SOURCE_KINDS,
    defaults: everyProfile('file,http'),
  },
  {
    name: 'latency-ms',
    kind: 'number',
    description: 'per-request latency of the HTTP server, in ms (0 to 10000)',
    defaults: everyProfile('20'),
  },
  {
    name: 'concurrency',
    kind: 'int-list',
    description: 'shards in flight for the event-loop strategy',
    defaults: { smoke: '1,16', quick: '1,2,4,8,16,32', full: '1,2,4,8,16,32' },
  },
  {
    name: 'threads',
    kind: 'int-list',
    description: 'worker threads for the workers and workers-decode strategies',
    defaults: { smoke: '2', quick: '4', full: '2,4,8' },
  },
  {
    name: 'shards',
    kind: 'positive-int',
    description: 'shard files the 10,000 digits are packed into',
    defaults: { smoke: '20', quick: '80', full: '320' },
  },
  {
    name: 'strategies',
    kind: 'string-list',
    description:
      'sequential, event-loop (one per --concurrency), event-loop-decode (reads at the largest --concurrency, decoding ' +
      'on the main thread), workers (reads in a pool), workers-decode (reads and decoding in a pool), ' +
      'event-loop-worker-decode (reads on the event loop at the largest --concurrency, decoding in a pool)',
    choices: LOAD_STRATEGIES,
    defaults: { smoke: LOAD_STRATEGIES.join(','), quick: LOAD_STRATEGIES.join(','), full: LOAD_STRATEGIES.join(',') },
  },
  {
    name: 'samples',
    kind: 'positive-int',
    description: 'measured passes over all shards per case',
    defaults: { smoke: '1', quick: '3', full: '5' },
  },
] as const satisfies readonly OptionSpec[];

/** The context `load` runs with. */
type LoadContext = TypedContext<typeof LOAD_OPTIONS>;

/** One pass's plan: the strategy, how many shards in flight, and the pool for the worker strategies. */
export interface PassPlan {
  readonly strategy: LoadStrategy;
  readonly concurrency: number;
  readonly pool?: LoadPool;
}

const DIGITS = 10_000;

/**
 * Loads every shard once with the plan's strategy (decoding it where the strategy says); resolves with the number
 * of digits loaded. Rejects with `DATA_CORRUPT` naming the shard when a shard fails its checks.
 */
export async function loadPass(setup: LoadSetup, plan: PassPlan): Promise<number> {
  let digits = 0;
  const inWorkers = plan.strategy === 'workers' || plan.strategy === 'workers-decode';
  const place = decodePlace(plan.strategy);
  const decodeInWorkers = place === 'pool';
  const pool = plan.pool;
  if ((inWorkers || decodeInWorkers) && pool === undefined) {
    throw new WeftError('INVALID_ARGUMENT', `strategy ${plan.strategy} needs a pool`);
  }
  const source: Source =
    inWorkers && pool !== undefined
      ? {
          list: () => setup.source.list(),
          read: (shard, signal) => pool.executor.run(pool.readTask, setup.locate(shard.name), { signal }),
        }
      : setup.source;
  // Decoding in the pool transfers the decoded arrays back, as a real pipeline would; the others count digits.
  const decode: Decode<DecodedShard | number> =
    place === 'pool' && pool !== undefined
      ? { executor: pool.executor, task: pool.decodeTask }
      : (bytes) => (place === 'main' ? decodeShard(bytes).labels.length : shardDigitCount(bytes));
  for await (const { data } of createLoader({ source, concurrency: plan.concurrency, ordered: false, decode })) {
    digits += typeof data === 'number' ? data : data.labels.length;
  }
  return digits;
}

/** Shards per second a loader with `concurrency` requests in flight reaches when each request takes `latencyMs`. */
export function latencyBoundShardsPerSecond(shards: number, concurrency: number, latencyMs: number): number {
  const rounds = Math.ceil(shards / Math.max(1, Math.min(concurrency, shards)));
  return shards / ((rounds * latencyMs) / 1000);
}

async function measureCase(
  context: LoadContext,
  setup: LoadSetup,
  plan: PassPlan,
  parameters: Record<string, string | number>,
): Promise<CaseResult> {
  const identity = { workload: 'load', strategy: plan.strategy, parameters };
  const samples = context.options.samples;
  try {
    // The worker strategies warm their pool (threads started, task modules loaded) with one unmeasured pass.
    const warmup = plan.pool === undefined ? 0 : 1;
    const times = await sampleMs({ warmup, samples }, async () => {
      const digits = await loadPass(setup, plan);
      if (digits !== DIGITS)
        throw new WeftError('DATA_CORRUPT', `a pass decoded ${digits} digits, not ${DIGITS}: rewrite the shards`);
    });
    const c = okCase({ ...identity, unit: 'ms', samples: times });
    const seconds = (c.summary?.median ?? 0) / 1000;
    const shardsPerSecond = seconds > 0 ? setup.shards / seconds : 0;
    const metrics: Record<string, number> = {
      shardsPerSecond,
      megabytesPerSecond: seconds > 0 ? setup.totalBytes / 1e6 / seconds : 0,
    };
    if (setup.latencyMs > 0) {
      metrics.idealFraction =
        shardsPerSecond / latencyBoundShardsPerSecond(setup.shards, plan.concurrency, setup.latencyMs);
    }
    return { ...c, metrics };
  } catch (error) {
    if (isWeftError(error, 'DATA_CORRUPT') || isWeftError(error, 'INVALID_ARGUMENT')) throw error;
    return unmeasuredCase('failed', identity, error instanceof Error ? error.message : String(error));
  }
}

async function runSource(context: LoadContext, setup: LoadSetup): Promise<CaseResult[]> {
  const cases: CaseResult[] = [];
  const strategies = context.options.strategies;
  const base = { source: setup.kind, shards: setup.shards, latencyMs: setup.latencyMs };
  // One unmeasured pass warms the page cache, the JIT and (for HTTP) the connection pool, and checks every shard
  // in full, so a corrupt shard stops the run even when the measured strategies only move bytes.
  await loadPass(setup, { strategy: 'event-loop-decode', concurrency: 16 });
  for (const strategy of LOAD_STRATEGIES.filter((s) => strategies.includes(s))) {
    if (strategy === 'sequential') {
      context.progress(`load: ${setup.kind}, sequential`);
      cases.push(await measureCase(context, setup, { strategy, concurrency: 1 }, { ...base, concurrency: 1 }));
    } else if (strategy === 'event-loop-decode') {
      const concurrency = Math.max(...context.options.concurrency);
      context.progress(`load: ${setup.kind}, event loop with decoding, concurrency ${concurrency}`);
      cases.push(await measureCase(context, setup, { strategy, concurrency }, { ...base, concurrency }));
    } else if (strategy === 'event-loop') {
      for (const concurrency of context.options.concurrency) {
        context.progress(`load: ${setup.kind}, event loop, concurrency ${concurrency}`);
        cases.push(await measureCase(context, setup, { strategy, concurrency }, { ...base, concurrency }));
      }
    } else {
      for (const threads of context.options.threads) {
        context.progress(`load: ${setup.kind}, ${strategy}, ${threads} threads`);
        // A worker runs one task at a time: reads in workers have `threads` in flight; reads on the event loop
        // (decoding in workers) keep the largest --concurrency in flight.
        const concurrency = AT_MAX_CONCURRENCY.includes(strategy) ? Math.max(...context.options.concurrency) : threads;
        const parameters = { ...base, concurrency, threads };
        let pool: LoadPool;
        try {
          pool = await context.host.openLoadPool(threads);
        } catch (error) {
          const reason = `${threads} workers are not available here: ${describeError(error)}`;
          cases.push(unmeasuredCase('skipped', { workload: 'load', strategy, parameters }, reason));
          continue;
        }
        try {
          cases.push(await measureCase(context, setup, { strategy, concurrency, pool }, parameters));
        } finally {
          await pool.executor.close();
        }
      }
    }
  }
  return cases;
}

/** Runs every selected source on the host's shards; the host removes its files and server whatever happens. */
async function runLoad(context: LoadContext): Promise<CaseResult[]> {
  const shardCount = context.options.shards;
  const latencyMs = context.options['latency-ms'];
  const cases: CaseResult[] = [];
  for (const kind of context.options.sources) {
    context.progress(`load: packing ${shardCount} shards (${kind})`);
    let set: HostShardSet;
    try {
      set = await context.host.openShardSet(kind, shardCount, kind === 'http' ? latencyMs : 0);
    } catch (error) {
      if (!isWeftError(error, 'UNSUPPORTED')) throw error;
      const parameters = { source: kind, shards: shardCount };
      cases.push(unmeasuredCase('skipped', { workload: 'load', strategy: 'all', parameters }, error.message));
      continue;
    }
    try {
      cases.push(...(await runSource(context, { ...set, kind })));
    } finally {
      await set.close();
    }
  }
  return cases;
}

/** The `load` workload. */
export const loadWorkload: Workload = defineWorkload({
  name: 'load',
  question: 'Do threads help I/O-bound loading?',
  options: LOAD_OPTIONS,
  run: runLoad,
});
