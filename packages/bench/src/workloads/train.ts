/**
 * @module train — how far do workers speed up CPU-bound training? An MLP on MNIST trained on the main thread and
 * data-parallel over pools of 1..N workers, exchanging gradients by copy, transfer or shared memory. Runtime-neutral:
 * the digits, pools, trainers and PyTorch come from the host (`WorkloadHost.openTraining`), in Node, Deno, Bun and
 * the Chromium page alike.
 */
import {
  EXCHANGES,
  inlineExecutor,
  isWeftError,
  sharedMemoryAvailable,
  type Exchange,
  type Executor,
  type LabelledData,
} from '@weft/core';
import { platform } from '@weft/core/adapter';
import { okCase, stepMetrics, summarize, unmeasuredCase, type CaseResult, type ParameterValue } from '@weft/core/study';
import { sliceRows } from '../data/mnist-shape.js';
import { defineWorkload, everyProfile, type OptionSpec, type TypedContext, type Workload } from '../workload.js';
import { availableCores } from './cores.js';
import type { TrainHost } from './host.js';
import { poolsOption, resolvePools } from './pool-option.js';
import type { TrainPool } from './train-pool.js';
import { pytorchOption, pytorchThreads, pytorchThreadsOption, wantsPytorch } from './pytorch-option.js';
import { seedOption, trainSizeOption } from './training-options.js';
import { TRAIN_MODELS, type TrainModel } from './mnist-models.js';
import type { EpochTrainer } from './epoch-trainer.js';

/** The tfjs backends `--backends` may name: Node's and the browser's (a backend the runtime lacks is skipped). */
export const TRAIN_BACKENDS: readonly string[] = ['cpu', 'wasm', 'tensorflow', 'cuda', 'webgl', 'webgpu'];

/** The options of `train`. */
const TRAIN_OPTIONS = [
  {
    name: 'model',
    kind: 'string-list',
    description: 'models to train: mlp (spec, hand-written gradients), mlp-layers (the same MLP in tfjs-layers), cnn',
    choices: TRAIN_MODELS,
    defaults: { smoke: 'mlp', quick: 'mlp,cnn', full: 'mlp,mlp-layers,cnn' },
  },
  {
    name: 'backends',
    kind: 'string-list',
    description: 'tfjs backends to train on (one thread each)',
    choices: TRAIN_BACKENDS,
    defaults: { smoke: 'wasm', quick: 'wasm,tensorflow', full: 'cpu,wasm,tensorflow' },
  },
  {
    name: 'workers',
    kind: 'int-list',
    description: 'worker counts of the data-parallel cases',
    defaults: {
      smoke: '2',
      quick: '1,2',
      full: Array.from({ length: Math.max(2, availableCores()) }, (_, i) => i + 1).join(','),
    },
  },
  {
    name: 'exchange',
    kind: 'string-list',
    description: 'how gradients and weights move between the trainer and the workers',
    choices: EXCHANGES,
    defaults: everyProfile('copy,transfer,shared'),
  },
  poolsOption(false),
  pytorchOption(),
  pytorchThreadsOption(),
  {
    name: 'batch',
    kind: 'int-list',
    description: 'global batch sizes',
    defaults: { smoke: '128', quick: '512', full: '128,512' },
  },
  {
    name: 'epochs',
    kind: 'positive-int',
    description: 'timed epochs per case',
    defaults: { smoke: '1', quick: '5', full: '8' },
  },
  trainSizeOption(),
  seedOption('the shuffles'),
] as const satisfies readonly OptionSpec[];

/** The context `train` runs with. */
type TrainContext = TypedContext<typeof TRAIN_OPTIONS>;

/** Options of {@link createTrainWorkload}. */
export interface TrainWorkloadOptions {
  /** Opens the worker-threads pool for `size` workers (default: the host's, `nodeThreadsExecutor` in Node). */
  readonly openExecutor?: (size: number) => Executor;
}

interface TrainSettings {
  readonly model: TrainModel;
  readonly backend: string;
  readonly batch: number;
  readonly epochs: number;
  readonly seed: number;
  readonly train: LabelledData;
  readonly test: LabelledData;
}

/**
 * One case of a model, backend and batch size: where its gradients are computed (or PyTorch on `workers` threads
 * beside them), and its trainer once prepared.
 */
interface Contestant {
  readonly strategy: 'main-thread' | 'data-parallel' | 'pytorch';
  readonly parameters: Record<string, ParameterValue>;
  readonly workers: number;
  readonly exchange: Exchange;
  readonly executor: () => Executor;
  trainer?: EpochTrainer;
  readonly epochMs: number[];
  trainLoss: number;
  /** Test accuracy (%) after the last epoch. */
  accuracy?: number;
  error?: unknown;
}

/** Prepares the contestant's trainer (its model's fresh seeded weights, after a warm-up). */
async function prepare(c: Contestant, s: TrainSettings, host: TrainHost): Promise<void> {
  if (c.strategy === 'pytorch') {
    c.trainer = await host.pytorchTrainer({
      model: s.model,
      batch: s.batch,
      seed: s.seed,
      train: s.train,
      test: s.test,
      threads: c.workers,
      epochs: s.epochs,
    });
    return;
  }
  c.trainer = await host.prepareTrainer({
    model: s.model,
    backend: s.backend,
    executor: c.executor(),
    parts: c.workers,
    exchange: c.exchange,
    batch: s.batch,
    seed: s.seed,
    train: s.train,
  });
}

function label(c: Contestant, s: TrainSettings): string {
  if (c.strategy === 'main-thread') return `${s.model}, ${s.backend} main thread`;
  if (c.strategy === 'pytorch')
    return `${s.model}, PyTorch on ${c.workers} thread${c.workers === 1 ? '' : 's'} (beside ${s.backend})`;
  return `${s.model}, ${s.backend}, ${c.workers} ${c.parameters['pool']}, ${c.exchange}`;
}

function failedOrSkipped(error: unknown, c: Contestant, backend: string): CaseResult {
  const status = isWeftError(error, 'UNSUPPORTED') ? 'skipped' : 'failed';
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return unmeasuredCase(
    status,
    { workload: 'train', strategy: c.strategy, backend: backendOf(c, backend), parameters: c.parameters, unit: 'ms' },
    reason,
  );
}

/** The backend a case is recorded under: `pytorch` for PyTorch's, the tfjs backend for Weft's. */
function backendOf(c: Contestant, backend: string): string {
  return c.strategy === 'pytorch' ? 'pytorch' : backend;
}

/** The PyTorch contestants beside one backend's Weft cases: one per count of `--pytorch-threads`. */
function pytorchContestants(
  base: Record<string, ParameterValue>,
  backend: string,
  counts: readonly number[],
): Contestant[] {
  return counts.map((threads) => ({
    strategy: 'pytorch',
    parameters: { ...base, backend: 'pytorch', beside: backend, threads },
    workers: threads,
    exchange: 'copy',
    executor: inlineExecutor,
    epochMs: [],
    trainLoss: Number.NaN,
  }));
}

/**
 * Trains every contestant of one backend and batch size, epochs interleaved: epoch 1 of each, then epoch 2 of each,
 * and so on. A noisy moment on a shared machine then slows every case alike, and the speed-ups (same-run ratios)
 * stay fair. Each contestant still trains its own model from the same seed, exactly as it would alone.
 */
async function runBackend(
  context: TrainContext,
  s: TrainSettings,
  openers: Readonly<Partial<Record<TrainPool, (size: number) => Executor>>>,
  host: TrainHost,
): Promise<CaseResult[]> {
  const base = {
    model: s.model,
    backend: s.backend,
    batch: s.batch,
    epochs: s.epochs,
    seed: s.seed,
    trainSize: s.train.rows,
  };
  const pools = new Map<string, Executor>();
  const poolOf = (kind: TrainPool, workers: number): Executor => {
    let pool = pools.get(`${kind}:${workers}`);
    if (pool === undefined) {
      pool = (openers[kind] as (size: number) => Executor)(workers);
      pools.set(`${kind}:${workers}`, pool);
    }
    return pool;
  };
  const contestant = (
    pool: TrainPool | undefined,
    workers: number,
    exchange: Exchange,
    executor: () => Executor,
  ): Contestant => ({
    strategy: pool === undefined ? 'main-thread' : 'data-parallel',
    parameters: {
      ...base,
      workers,
      exchange: pool === undefined ? 'none' : exchange,
      ...(pool === undefined ? {} : { pool }),
    },
    workers,
    exchange,
    executor,
    epochMs: [],
    trainLoss: Number.NaN,
  });
  // The main thread writes its gradients in place where memory can be shared (no fresh gradient buffer per step).
  const contestants = [contestant(undefined, 1, sharedMemoryAvailable() ? 'shared' : 'copy', inlineExecutor)];
  if (wantsPytorch(context.options))
    contestants.push(...pytorchContestants(base, s.backend, pytorchThreads(context.options)));
  for (const workers of context.options['workers']) {
    for (const exchange of context.options['exchange']) {
      for (const pool of Object.keys(openers) as TrainPool[])
        contestants.push(contestant(pool, workers, exchange, () => poolOf(pool, workers)));
    }
  }
  try {
    for (const c of contestants) {
      context.progress(`train: warming up ${label(c, s)}, batch ${s.batch}`);
      await prepare(c, s, host).catch((error: unknown) => (c.error = error));
    }
    for (let e = 0; e < s.epochs; e += 1) {
      for (const c of contestants.filter((x) => x.error === undefined)) {
        try {
          const start = platform.now();
          const outcome = await (c.trainer as EpochTrainer).trainEpoch();
          c.epochMs.push(outcome.ms ?? platform.now() - start);
          c.trainLoss = outcome.loss;
          context.progress(`train: ${label(c, s)}, epoch ${e + 1}/${s.epochs}, loss ${c.trainLoss.toFixed(3)}`);
        } catch (error) {
          c.error = error;
        }
      }
    }
    const trained = contestants.filter((x) => x.error === undefined);
    // Weft's models are scored on the backend they trained on; PyTorch scores itself (and runs when that backend
    // cannot, e.g. tfjs-node without its addon: then no Weft case trained and nothing is switched).
    if (trained.some((c) => c.strategy !== 'pytorch')) await host.useBackend(s.backend);
    for (const c of trained) c.accuracy = await (c.trainer as EpochTrainer).testAccuracy(s.test);
  } finally {
    await Promise.all([...pools.values()].map((pool) => pool.close()));
    await Promise.all(contestants.map((c) => c.trainer?.close?.() ?? Promise.resolve()));
  }
  return results(contestants, s);
}

/**
 * The cases of one group: samples/s, test accuracy and training loss; Weft's cases add the speed-up and efficiency
 * against the main thread and the ratio to the faster PyTorch (same batch, same run) with PyTorch's accuracy.
 */
function results(contestants: readonly Contestant[], s: TrainSettings): CaseResult[] {
  const rate = (c: Contestant) => s.train.rows / (summarize(c.epochMs).median / 1000);
  const baseline = contestants[0] as Contestant;
  const baselineMs = baseline.error === undefined ? summarize(baseline.epochMs).median : undefined;
  const torch = contestants
    .filter((c) => c.strategy === 'pytorch' && c.error === undefined)
    .sort((a, b) => rate(b) - rate(a))[0];
  return contestants.map((c) => {
    if (c.error !== undefined) return failedOrSkipped(c.error, c, s.backend);
    const median = summarize(c.epochMs).median;
    const speedup = baselineMs === undefined || c.strategy === 'pytorch' ? undefined : baselineMs / median;
    const timings = c.trainer?.stepTimings?.();
    const phases = timings === undefined ? {} : stepMetrics(timings);
    const versusTorch: Record<string, number> =
      torch === undefined || c.strategy === 'pytorch'
        ? {}
        : { ratioToPytorch: rate(c) / rate(torch), pytorchTestAccuracy: torch.accuracy as number };
    return okCase({
      workload: 'train',
      strategy: c.strategy,
      backend: backendOf(c, s.backend),
      parameters: c.parameters,
      unit: 'ms',
      samples: c.epochMs,
      metrics: {
        samplesPerSecond: rate(c),
        ...(speedup === undefined ? {} : { speedup, efficiency: speedup / c.workers }),
        ...versusTorch,
        testAccuracy: c.accuracy as number,
        trainLoss: c.trainLoss,
        ...phases,
      },
    });
  });
}

/**
 * Creates the `train` workload. For each `--model` (the MLP 784-128-64-10 by its spec with Weft's hand-written
 * gradients, the same MLP as a tfjs-layers model, or the CNN c8-p2-c16-p2-d10; both layers models trained by `fit`
 * with tfjs autodiff), every case trains the same model on the same MNIST split with the same seed; cases differ
 * only in where gradients are computed: on the main thread (the baseline, one part on `inlineExecutor()`) or split
 * over a pool of worker threads, web workers or child processes, with gradients exchanged by copy, transfer or
 * shared memory (not across processes: skipped). Samples are ms per epoch; metrics are samples/s, speed-up and
 * efficiency against the same model's and backend's main-thread run, and test accuracy in percent.
 *
 * @example
 * ```ts
 * const workload = createTrainWorkload({ openExecutor: (size) => nodeThreadsExecutor({ size }) });
 * ```
 */
export function createTrainWorkload(options: TrainWorkloadOptions = {}): Workload {
  return defineWorkload({
    name: 'train',
    question: 'How far do workers speed up CPU-bound training?',
    options: TRAIN_OPTIONS,
    async run(context) {
      // tfjs (optional peers) first: without it the workload is skipped with the install command.
      const host = await context.host.openTraining();
      const openers: Partial<Record<TrainPool, (size: number) => Executor>> = {};
      for (const pool of resolvePools(context.options['pools'], host.pools))
        openers[pool] =
          pool === 'worker-threads' && options.openExecutor
            ? options.openExecutor
            : (size) => host.openPool(pool, size);
      const cases: CaseResult[] = [];
      for (const model of context.options['model']) {
        for (const backend of context.options['backends']) {
          const unsupported = host.unsupported(model, backend);
          if (unsupported !== undefined) {
            cases.push(
              unmeasuredCase(
                'skipped',
                { workload: 'train', strategy: 'all', backend, parameters: { model } },
                unsupported,
              ),
            );
            continue;
          }
          for (const batch of context.options['batch']) {
            const settings: TrainSettings = {
              model,
              backend,
              batch,
              epochs: context.options['epochs'],
              seed: context.options['seed'],
              train: sliceRows(host.train, context.options['train-size']),
              test: host.test,
            };
            cases.push(...(await runBackend(context, settings, openers, host)));
          }
        }
      }
      return cases;
    },
  });
}

/** The `train` workload with the default pools. */
export const trainWorkload: Workload = createTrainWorkload();
