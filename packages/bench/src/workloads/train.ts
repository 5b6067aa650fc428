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
  okCase,
  platform,
  summarize,
  unmeasuredCase,
  type CaseResult,
  type Exchange,
  type Executor,
  type LabelledData,
  type ModelSpec,
  type ParameterValue,
} from '@weft/core';
import { nodeThreadsExecutor } from '@weft/node';
import { TFJS_BACKENDS, useTfjsBackend, type TfjsBackendName } from '@weft/node/tfjs';
import { loadMnist, sliceRows } from '../data/mnist.js';
import type { Workload, WorkloadContext } from '../workload.js';
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

interface TrainSettings {
  readonly backend: TfjsBackendName;
  readonly batch: number;
  readonly epochs: number;
  readonly seed: number;
  readonly train: LabelledData;
  readonly test: LabelledData;
}

interface TrainRun {
  readonly epochMs: number[];
  readonly testAccuracy: number;
  readonly trainLoss: number;
}

/** Warm-up steps before timing: each initialises the backend in the workers and lets the JIT settle. */
const WARMUP_STEPS = 8;

async function trainOnce(executor: Executor, parts: number, exchange: Exchange, s: TrainSettings, progress: (m: string) => void, label: string): Promise<TrainRun> {
  const spec = trainModelSpec(s.seed);
  const common = { executor, task: trainerPartTask, spec, backend: s.backend, parts, exchange, optimizer: { learningRate: TRAIN_LEARNING_RATE } };
  const warm = createDataParallelTrainer({ ...common, data: s.train });
  for (let i = 0; i < WARMUP_STEPS; i += 1) await warm.step(Int32Array.from({ length: Math.min(s.batch, s.train.rows) }, (_, r) => r));
  const trainer = createDataParallelTrainer({ ...common, data: s.train, shuffleSeed: s.seed });
  const epochMs: number[] = [];
  let trainLoss = Number.NaN;
  for (let e = 0; e < s.epochs; e += 1) {
    const start = platform.now();
    const report = await trainer.trainEpoch(s.batch);
    epochMs.push(platform.now() - start);
    trainLoss = report.loss;
    progress(`train: ${label}, epoch ${e + 1}/${s.epochs}, loss ${report.loss.toFixed(3)}, ${Math.round(epochMs[e] as number)} ms`);
  }
  await useTfjsBackend(tf, s.backend);
  const testAccuracy = evaluateModel(tf, spec, trainer.weights(), s.test).accuracy * 100;
  return { epochMs, testAccuracy, trainLoss };
}

function measured(strategy: string, s: TrainSettings, parameters: Record<string, ParameterValue>, run: TrainRun, baselineMs: number | undefined, workers: number): CaseResult {
  const median = summarize(run.epochMs).median;
  const speedup = baselineMs === undefined ? undefined : baselineMs / median;
  return okCase({
    workload: 'train',
    strategy,
    backend: s.backend,
    parameters,
    unit: 'ms',
    samples: run.epochMs,
    metrics: {
      samplesPerSecond: s.train.rows / (median / 1000),
      ...(speedup === undefined ? {} : { speedup, efficiency: speedup / workers }),
      testAccuracy: run.testAccuracy,
      trainLoss: run.trainLoss,
    },
  });
}

function failedOrSkipped(error: unknown, strategy: string, backend: string, parameters: Record<string, ParameterValue>): CaseResult {
  const status = isWeftError(error, 'UNSUPPORTED') ? 'skipped' : 'failed';
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return unmeasuredCase(status, { workload: 'train', strategy, backend, parameters, unit: 'ms' }, reason);
}

async function runBackend(context: WorkloadContext, s: TrainSettings, openExecutor: (size: number) => Executor): Promise<CaseResult[]> {
  const cases: CaseResult[] = [];
  const base = { backend: s.backend, batch: s.batch, epochs: s.epochs, seed: s.seed, trainSize: s.train.rows };
  const baselineParams = { ...base, workers: 1, exchange: 'none' };
  let baselineMs: number | undefined;
  try {
    const run = await trainOnce(inlineExecutor(), 1, 'copy', s, context.progress, `${s.backend} main thread, batch ${s.batch}`);
    cases.push(measured('main-thread', s, baselineParams, run, undefined, 1));
    baselineMs = summarize(run.epochMs).median;
    const c = cases[cases.length - 1] as CaseResult;
    cases[cases.length - 1] = { ...c, metrics: { ...c.metrics, speedup: 1, efficiency: 1 } };
  } catch (error) {
    cases.push(failedOrSkipped(error, 'main-thread', s.backend, baselineParams));
  }
  for (const workers of context.options['workers'] as readonly number[]) {
    const exchanges = context.options['exchange'] as readonly Exchange[];
    let pool: Executor | undefined;
    try {
      pool = openExecutor(workers);
      for (const exchange of exchanges) {
        const parameters = { ...base, workers, exchange };
        try {
          const run = await trainOnce(pool, workers, exchange, s, context.progress, `${s.backend}, ${workers} workers, ${exchange}, batch ${s.batch}`);
          cases.push(measured('data-parallel', s, parameters, run, baselineMs, workers));
        } catch (error) {
          cases.push(failedOrSkipped(error, 'data-parallel', s.backend, parameters));
        }
      }
    } catch (error) {
      for (const exchange of exchanges) cases.push(failedOrSkipped(error, 'data-parallel', s.backend, { ...base, workers, exchange }));
    } finally {
      await pool?.close();
    }
  }
  return cases;
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
        defaults: { smoke: 'copy,transfer,shared', quick: 'copy,transfer,shared', full: 'copy,transfer,shared' },
      },
      { name: 'batch', kind: 'int-list', description: 'global batch sizes', defaults: { smoke: '128', quick: '512', full: '128,512' } },
      { name: 'epochs', kind: 'positive-int', description: 'timed epochs per case', defaults: { smoke: '1', quick: '5', full: '8' } },
      { name: 'train-size', kind: 'positive-int', description: 'training digits used (at most 8000)', defaults: { smoke: '384', quick: '8000', full: '8000' } },
      { name: 'seed', kind: 'positive-int', description: 'seed of the weights and the shuffles', defaults: { smoke: '1', quick: '1', full: '1' } },
    ],
    async run(context) {
      const { train, test } = await loadMnist();
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
          cases.push(...(await runBackend(context, settings, openExecutor)));
        }
      }
      return cases;
    },
  };
}

/** The `train` workload with Node's worker-thread pool. */
export const trainWorkload: Workload = createTrainWorkload();
