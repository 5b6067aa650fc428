/**
 * @module data-parallel-trainer — splits each global batch over N trainer parts run as tasks on an executor, combines
 * their gradients weighted by shard size (so N parts compute the full-batch gradient) and applies Adam.
 */
import { createAdam, type Adam, type AdamOptions } from './adam.js';
import { WeftError } from './errors.js';
import type { Executor } from './executor.js';
import type { AbortSignalLike } from './platform.js';
import { abortedError } from './run-guard.js';
import { checkPositiveInteger } from './option-checks.js';
import { checkModelSpec, initialWeights, parameterCount, type ModelSpec } from './model.js';
import { createPrng, type Prng } from './prng.js';
import { createPartTrainer, type Exchange } from './part-trainer.js';
import type { TaskRef } from './task.js';
import type { StepTimings } from './step-timings.js';
import {
  checkLabels,
  type GradientPaths,
  type LabelledData,
  type TrainerPartInput,
  type TrainerPartOutput,
} from './trainer-part.js';

/** Options of {@link createDataParallelTrainer}. */
export interface DataParallelTrainerOptions {
  /** Where the parts run: `inlineExecutor()` for the single-thread baseline, a worker pool for parallel training. */
  readonly executor: Executor;
  /** The trainer-part task (a module that selects its tfjs backend and calls `runTrainerPart`). */
  readonly task: TaskRef<TrainerPartInput, TrainerPartOutput>;
  readonly spec: ModelSpec;
  /** tfjs backend the parts run on, passed to the task (e.g. `cpu`, `wasm`). */
  readonly backend: string;
  /** Training data; with shared memory it is copied once into `SharedArrayBuffer`s that every part reads. */
  readonly data: LabelledData;
  /** How many parts each global batch is split over (usually the executor's size). */
  readonly parts: number;
  /** How weights and gradients move (default `copy`). `shared` needs `executor.capabilities.sharedMemory`. */
  readonly exchange?: Exchange;
  /** Adam's hyper-parameters (learning rate 1e-3 by default). */
  readonly optimizer?: AdamOptions;
  /** Seed of the per-epoch shuffle (default `spec.seed`). */
  readonly shuffleSeed?: number;
  /** Starting weights (default `initialWeights(spec)`); copied, never modified. */
  readonly weights?: Float32Array;
  /** Time limit of each part task, in ms. */
  readonly timeoutMs?: number;
  /** Which fast paths the parts' gradient code takes (default: the fastest measured on the backend). */
  readonly paths?: GradientPaths;
}

/** Per-call options of the trainer's `step`, `stepRows` and `trainEpoch`. */
export interface StepOptions {
  /**
   * Aborting rejects the call with `ABORTED`: the parts still queued are dropped, those running are stopped (their
   * workers are terminated and replaced). The weights stay as they were before the step that was cut short.
   */
  readonly signal?: AbortSignalLike;
}

/** What one epoch did. */
export interface EpochReport {
  /** 1 for the first epoch. */
  readonly epoch: number;
  readonly steps: number;
  readonly samples: number;
  /** Mean training loss over the epoch's samples (computed before each step's update). */
  readonly loss: number;
}

/** A data-parallel trainer (see {@link createDataParallelTrainer}). */
export interface DataParallelTrainer {
  readonly parts: number;
  readonly exchange: Exchange;
  /** `indices` when parts pick their rows from a shared dataset, `rows` when rows are sent with each task. */
  readonly dataPath: 'indices' | 'rows';
  /** Optimiser steps applied so far. */
  readonly steps: number;
  /** A copy of the current weights. */
  weights(): Float32Array;
  /**
   * One optimiser step on the rows at `indices` (one global batch); resolves with the batch's mean loss. When a part
   * fails (throws, crashes, times out, is aborted) the step rejects with that part's error and changes nothing: the
   * weights and the optimiser state stay as they were, and no part of the failed step can write into a later one.
   */
  step(indices: Int32Array, options?: StepOptions): Promise<number>;
  /**
   * One optimiser step on rows given with the call instead of taken from `data` (for example a batch a loader has
   * just read and decoded): `x` holds `labels.length × features` values. Each part's shard of the rows travels
   * with its task, by copy or transfer. Resolves with the batch's mean loss.
   */
  stepRows(x: Float32Array, labels: Int32Array, options?: StepOptions): Promise<number>;
  /**
   * One pass over the shuffled training data in global batches of `batchSize` (the last may be smaller). A failed
   * or aborted step ends the epoch with its error; the steps before it are kept, and the trainer stays usable.
   */
  trainEpoch(batchSize: number, options?: StepOptions): Promise<EpochReport>;
  /**
   * Where the steps' time went: per-step means over every completed step so far, from the coordinator's clock and
   * the slowest part's own (forward and backward kernels, read-backs, the rest of the part, dispatch and waiting,
   * combining, the optimiser). Undefined before the first step.
   */
  stepTimings(): StepTimings | undefined;
}

function checkData(spec: ModelSpec, data: LabelledData): void {
  const features = spec.layers[0] as number;
  if (
    data.features !== features ||
    data.x.length !== data.rows * features ||
    data.labels.length !== data.rows ||
    data.rows === 0
  ) {
    throw new WeftError(
      'INVALID_ARGUMENT',
      `training data must hold rows × ${features} values and one label per row (got ${data.rows} rows, ${data.features} features, ${data.x.length} values, ${data.labels.length} labels)`,
    );
  }
  checkLabels(data.labels, spec.layers[spec.layers.length - 1] as number);
}

/**
 * Creates a data-parallel trainer: each {@link DataParallelTrainer.step} splits the global batch into `parts` shards,
 * runs one trainer-part task per shard on the executor, sums the parts' mean gradients weighted by shard size
 * (exactly the full-batch mean gradient, up to float rounding) and applies Adam on the calling thread. With
 * `inlineExecutor()` and one part it is the main-thread baseline; the only difference between strategies is where
 * the gradients are computed.
 *
 * The training data is shipped once: when the executor shares memory, it is copied into `SharedArrayBuffer`s and
 * each task carries only its row indices; otherwise each task carries its shard's rows.
 *
 * @example
 * ```ts
 * const pool = nodeThreadsExecutor({ size: 2 });
 * const trainer = createDataParallelTrainer({
 *   executor: pool, task: trainerPartTask, spec, backend: 'wasm', data: train, parts: 2, exchange: 'shared',
 * });
 * for (let e = 0; e < 3; e += 1) console.log(await trainer.trainEpoch(512));
 * const accuracy = evaluateModel(tf, spec, trainer.weights(), test).accuracy;
 * await pool.close();
 * ```
 */
export function createDataParallelTrainer(options: DataParallelTrainerOptions): DataParallelTrainer {
  const { executor, task, backend, data, timeoutMs } = options;
  const spec = checkModelSpec(options.spec);
  checkData(spec, data);
  const parts = checkPositiveInteger('parts', options.parts);
  const count = parameterCount(spec);
  const start = options.weights ?? initialWeights(spec);
  if (start.length !== count)
    throw new WeftError('INVALID_ARGUMENT', `weights have ${start.length} values; the model needs ${count}`);
  const adam: Adam = createAdam(count, options.optimizer);
  const engine = createPartTrainer<{ spec: ModelSpec; backend: string; paths?: GradientPaths }, Int32Array>({
    executor,
    task,
    payload: { spec, backend, ...(options.paths === undefined ? {} : { paths: options.paths }) },
    data,
    features: data.features,
    parts,
    exchange: options.exchange ?? 'copy',
    weights: start,
    gradientCount: count,
    apply: (weights, gradients) => adam.step(weights, gradients),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  const prng: Prng = createPrng(options.shuffleSeed ?? spec.seed);
  const order = Int32Array.from({ length: data.rows }, (_, i) => i);
  let epoch = 0;

  const trainer: DataParallelTrainer = {
    parts,
    exchange: engine.exchange,
    dataPath: engine.dataPath,
    get steps() {
      return engine.steps;
    },
    weights: () => engine.current.slice(),
    stepTimings: () => engine.stepTimings(),
    async step(indices, stepOptions = {}) {
      return (await engine.step(indices, stepOptions.signal)).loss;
    },
    async stepRows(x, labels, stepOptions = {}) {
      if (x.length !== labels.length * data.features) {
        throw new WeftError(
          'INVALID_ARGUMENT',
          `x has ${x.length} values but ${labels.length} labels × ${data.features} features need ${labels.length * data.features}`,
        );
      }
      checkLabels(labels, spec.layers[spec.layers.length - 1] as number);
      return (await engine.stepRows(x, labels, stepOptions.signal)).loss;
    },
    async trainEpoch(batchSize, stepOptions = {}) {
      checkPositiveInteger('batchSize', batchSize);
      if (stepOptions.signal?.aborted) throw abortedError('trainEpoch', stepOptions.signal);
      epoch += 1;
      prng.shuffle(order);
      let steps = 0;
      let lossSum = 0;
      for (let at = 0; at < order.length; at += batchSize) {
        const batch = order.slice(at, Math.min(at + batchSize, order.length));
        lossSum += (await trainer.step(batch, stepOptions)) * batch.length;
        steps += 1;
      }
      return { epoch, steps, samples: order.length, loss: lossSum / order.length };
    },
  };
  return trainer;
}
