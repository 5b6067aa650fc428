/**
 * @module train — how far do workers speed up CPU-bound training? An MLP on MNIST trained on the main thread and
 * data-parallel over pools of 1..N workers, exchanging gradients by copy, transfer or shared memory.
 */
import os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import {
  EXCHANGES,
  createDataParallelTrainer,
  evaluateModel,
  inlineExecutor,
  isWeftError,
  WeftError,
  okCase,
  platform,
  summarize,
  unmeasuredCase,
  type CaseResult,
  type DataParallelTrainer,
  type Exchange,
  type Executor,
  type LabelledData,
  type ModelSpec,
  type ParameterValue,
} from '@weft/core';
import { nodeThreadsExecutor } from '@weft/node';
import { TFJS_BACKENDS, useTfjsBackend, type TfjsBackendName } from '@weft/node/tfjs';
import { loadMnist, sliceRows } from '../data/mnist.js';
import { everyProfile, type Workload, type WorkloadContext } from '../workload.js';
import { trainerPartTask } from './train-task.js';

/** Adam's learning rate in every case. */
export const TRAIN_LEARNING_RATE = 1e-3;

/** The model every case trains: MLP 784-128-64-10 with ReLU. */
export function trainModelSpec(seed: number): ModelSpec {
  return { kind: 'mlp', layers: [784, 128, 64, 10], activation: 'relu', seed };
}

/** Options of {@link createTrainWorkload}. */
export interface TrainWorkloadOptions {
  /** Opens the worker pool for `size` workers (default: `nodeThreadsExecutor({ size })` from `@weft/node`). */
  readonly openExecutor?: (size: number) => Executor;
}

/** Where the data-parallel parts run: Node's worker_threads pool, or Weft's web-worker pool (Deno, Bun). */
export type TrainPool = 'worker-threads' | 'web-workers';

/** True where the runtime has a global module `Worker` (Deno, Bun): there the web-worker cases run too. */
const hasWebWorkers = typeof (globalThis as { Worker?: unknown }).Worker === 'function';

/** Opens Weft's web-worker executor from `@weft/browser`, loaded lazily (the bench builds and runs without it). */
export async function webWorkerOpener(): Promise<(size: number) => Executor> {
  try {
    if (!hasWebWorkers) throw new Error('this runtime has no global Worker');
    const specifier = '@weft/browser';
    const { webWorkerExecutor } = (await import(specifier)) as { webWorkerExecutor(options: { size: number }): Executor };
    return (size) => webWorkerExecutor({ size });
  } catch (cause) {
    const reason = `web workers are not available here: ${(cause as Error).message}`;
    return () => {
      throw new WeftError('UNSUPPORTED', reason, { cause });
    };
  }
}

interface TrainSettings {
  readonly backend: TfjsBackendName;
  readonly batch: number;
  readonly epochs: number;
  readonly seed: number;
  readonly train: LabelledData;
  readonly test: LabelledData;
}

/** One case of a backend and batch size: where its gradients are computed, and its trainer once prepared. */
interface Contestant {
  readonly strategy: 'main-thread' | 'data-parallel' | 'data-parallel-web-workers';
  readonly parameters: Record<string, ParameterValue>;
  readonly workers: number;
  readonly exchange: Exchange;
  readonly executor: () => Executor;
  trainer?: DataParallelTrainer;
  readonly epochMs: number[];
  trainLoss: number;
  error?: unknown;
}

/** Warm-up steps before timing: each initialises the backend in the workers and lets the JIT settle. */
const WARMUP_STEPS = 8;

/** Creates the contestant's trainer (fresh weights) after warm-up steps on a throw-away trainer of the same kind. */
async function prepare(c: Contestant, s: TrainSettings): Promise<void> {
  const spec = trainModelSpec(s.seed);
  const common = {
    executor: c.executor(),
    task: trainerPartTask,
    spec,
    backend: s.backend,
    parts: c.workers,
    exchange: c.exchange,
    optimizer: { learningRate: TRAIN_LEARNING_RATE },
    data: s.train,
  };
  const warm = createDataParallelTrainer(common);
  const rows = Int32Array.from({ length: Math.min(s.batch, s.train.rows) }, (_, r) => r);
  for (let i = 0; i < WARMUP_STEPS; i += 1) await warm.step(rows);
  c.trainer = createDataParallelTrainer({ ...common, shuffleSeed: s.seed });
}

function label(c: Contestant, s: TrainSettings): string {
  if (c.strategy === 'main-thread') return `${s.backend} main thread`;
  return `${s.backend}, ${c.workers} ${c.strategy === 'data-parallel' ? 'workers' : 'web workers'}, ${c.exchange}`;
}

function failedOrSkipped(error: unknown, c: Contestant, backend: string): CaseResult {
  const status = isWeftError(error, 'UNSUPPORTED') ? 'skipped' : 'failed';
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return unmeasuredCase(status, { workload: 'train', strategy: c.strategy, backend, parameters: c.parameters, unit: 'ms' }, reason);
}

/**
 * Trains every contestant of one backend and batch size, epochs interleaved: epoch 1 of each, then epoch 2 of each,
 * and so on. A noisy moment on a shared machine then slows every case alike, and the speed-ups (same-run ratios)
 * stay fair. Each contestant still trains its own model from the same seed, exactly as it would alone.
 */
async function runBackend(
  context: WorkloadContext,
  s: TrainSettings,
  openers: Readonly<Partial<Record<TrainPool, (size: number) => Executor>>>,
): Promise<CaseResult[]> {
  const base = { backend: s.backend, batch: s.batch, epochs: s.epochs, seed: s.seed, trainSize: s.train.rows };
  const pools = new Map<string, Executor>();
  const poolOf = (kind: TrainPool, workers: number): Executor => {
    let pool = pools.get(`${kind}:${workers}`);
    if (pool === undefined) {
      pool = (openers[kind] as (size: number) => Executor)(workers);
      pools.set(`${kind}:${workers}`, pool);
    }
    return pool;
  };
  const contestant = (strategy: Contestant['strategy'], workers: number, exchange: Exchange, executor: () => Executor): Contestant => ({
    strategy,
    parameters: { ...base, workers, exchange: strategy === 'main-thread' ? 'none' : exchange },
    workers,
    exchange,
    executor,
    epochMs: [],
    trainLoss: Number.NaN,
  });
  const contestants = [contestant('main-thread', 1, 'copy', inlineExecutor)];
  for (const workers of context.options['workers'] as readonly number[]) {
    for (const exchange of context.options['exchange'] as readonly Exchange[]) {
      if (openers['worker-threads']) contestants.push(contestant('data-parallel', workers, exchange, () => poolOf('worker-threads', workers)));
      if (openers['web-workers']) contestants.push(contestant('data-parallel-web-workers', workers, exchange, () => poolOf('web-workers', workers)));
    }
  }
  try {
    for (const c of contestants) {
      context.progress(`train: warming up ${label(c, s)}, batch ${s.batch}`);
      await prepare(c, s).catch((error: unknown) => (c.error = error));
    }
    for (let e = 0; e < s.epochs; e += 1) {
      for (const c of contestants.filter((x) => x.error === undefined)) {
        try {
          const start = platform.now();
          const report = await (c.trainer as DataParallelTrainer).trainEpoch(s.batch);
          c.epochMs.push(platform.now() - start);
          c.trainLoss = report.loss;
          context.progress(`train: ${label(c, s)}, epoch ${e + 1}/${s.epochs}, loss ${report.loss.toFixed(3)}`);
        } catch (error) {
          c.error = error;
        }
      }
    }
  } finally {
    await Promise.all([...pools.values()].map((pool) => pool.close()));
  }
  await useTfjsBackend(tf, s.backend);
  const baseline = contestants[0] as Contestant;
  const baselineMs = baseline.error === undefined ? summarize(baseline.epochMs).median : undefined;
  return contestants.map((c) => {
    if (c.error !== undefined) return failedOrSkipped(c.error, c, s.backend);
    const median = summarize(c.epochMs).median;
    const speedup = baselineMs === undefined ? undefined : baselineMs / median;
    const spec = trainModelSpec(s.seed);
    return okCase({
      workload: 'train',
      strategy: c.strategy,
      backend: s.backend,
      parameters: c.parameters,
      unit: 'ms',
      samples: c.epochMs,
      metrics: {
        samplesPerSecond: s.train.rows / (median / 1000),
        ...(speedup === undefined ? {} : { speedup, efficiency: speedup / c.workers }),
        testAccuracy: evaluateModel(tf, spec, (c.trainer as DataParallelTrainer).weights(), s.test).accuracy * 100,
        trainLoss: c.trainLoss,
      },
    });
  });
}

/**
 * Creates the `train` workload. Every case trains the same MLP (784-128-64-10, ReLU, Adam lr 1e-3) on the same
 * MNIST split with the same seed; cases differ only in where gradients are computed: on the main thread (the
 * baseline, one part on `inlineExecutor()`) or split over a pool of workers, with gradients exchanged by copy,
 * transfer or shared memory. Samples are ms per epoch; metrics are samples/s, speed-up and efficiency against the
 * same backend's main-thread run, and test accuracy in percent.
 *
 * @example
 * ```ts
 * const workload = createTrainWorkload({ openExecutor: (size) => nodeThreadsExecutor({ size }) });
 * ```
 */
export function createTrainWorkload(options: TrainWorkloadOptions = {}): Workload {
  const openExecutor = options.openExecutor ?? ((size: number) => nodeThreadsExecutor({ size }));
  const cores = os.availableParallelism();
  return {
    name: 'train',
    question: 'How far do workers speed up CPU-bound training?',
    options: [
      {
        name: 'backends',
        kind: 'string-list',
        description: 'tfjs backends to train on (one thread each)',
        choices: TFJS_BACKENDS,
        defaults: { smoke: 'wasm', quick: 'wasm', full: 'cpu,wasm' },
      },
      {
        name: 'workers',
        kind: 'int-list',
        description: 'worker counts of the data-parallel cases',
        defaults: { smoke: '2', quick: '1,2', full: Array.from({ length: Math.max(2, cores) }, (_, i) => i + 1).join(',') },
      },
      {
        name: 'exchange',
        kind: 'string-list',
        description: 'how gradients and weights move between the trainer and the workers',
        choices: EXCHANGES,
        defaults: everyProfile('copy,transfer,shared'),
      },
      {
        name: 'pools',
        kind: 'string-list',
        description: 'where the data-parallel parts run: worker-threads (node:worker_threads), web-workers (Deno, Bun)',
        choices: ['worker-threads', 'web-workers'],
        defaults: everyProfile(hasWebWorkers ? 'worker-threads,web-workers' : 'worker-threads'),
      },
      { name: 'batch', kind: 'int-list', description: 'global batch sizes', defaults: { smoke: '128', quick: '512', full: '128,512' } },
      { name: 'epochs', kind: 'positive-int', description: 'timed epochs per case', defaults: { smoke: '1', quick: '5', full: '8' } },
      { name: 'train-size', kind: 'positive-int', description: 'training digits used (at most 8000)', defaults: { smoke: '384', quick: '8000', full: '8000' } },
      { name: 'seed', kind: 'positive-int', description: 'seed of the weights and the shuffles', defaults: everyProfile('1') },
    ],
    async run(context) {
      const { train, test } = await loadMnist();
      const selected = context.options['pools'] as readonly TrainPool[];
      const openers: Partial<Record<TrainPool, (size: number) => Executor>> = {
        ...(selected.includes('worker-threads') ? { 'worker-threads': openExecutor } : {}),
        ...(selected.includes('web-workers') ? { 'web-workers': await webWorkerOpener() } : {}),
      };
      const cases: CaseResult[] = [];
      for (const backend of context.options['backends'] as readonly TfjsBackendName[]) {
        for (const batch of context.options['batch'] as readonly number[]) {
          const settings: TrainSettings = {
            backend,
            batch,
            epochs: context.options['epochs'] as number,
            seed: context.options['seed'] as number,
            train: sliceRows(train, context.options['train-size'] as number),
            test,
          };
          cases.push(...(await runBackend(context, settings, openers)));
        }
      }
      return cases;
    },
  };
}

/** The `train` workload with Node's worker-thread pool. */
export const trainWorkload: Workload = createTrainWorkload();
