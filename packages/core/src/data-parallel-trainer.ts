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
import type { TaskRef, TransferItem } from './task.js';
import { EXCHANGES, type Exchange, type LabelledData, type PartRows, type TrainerPartInput, type TrainerPartOutput } from './trainer-part.js';

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
}

function checkData(spec: ModelSpec, data: LabelledData): void {
  const features = spec.layers[0] as number;
  if (data.features !== features || data.x.length !== data.rows * features || data.labels.length !== data.rows || data.rows === 0) {
    throw new WeftError(
      'INVALID_ARGUMENT',
      `training data must hold rows × ${features} values and one label per row (got ${data.rows} rows, ${data.features} features, ${data.x.length} values, ${data.labels.length} labels)`,
    );
  }
}

function shareData(data: LabelledData): { x: Float32Array; labels: Int32Array } {
  const x = new Float32Array(new SharedArrayBuffer(data.x.byteLength));
  x.set(data.x);
  const labels = new Int32Array(new SharedArrayBuffer(data.labels.byteLength));
  labels.set(data.labels);
  return { x, labels };
}

/** Sizes of `parts` near-equal slices of `total` (the first `total % parts` get one more); empty slices dropped. */
export function splitSizes(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  const extra = total % parts;
  const sizes: number[] = [];
  for (let i = 0; i < parts; i += 1) {
    const n = base + (i < extra ? 1 : 0);
    if (n > 0) sizes.push(n);
  }
  return sizes;
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
  const exchange = options.exchange ?? 'copy';
  if (!EXCHANGES.includes(exchange)) {
    throw new WeftError('INVALID_ARGUMENT', `exchange must be one of ${EXCHANGES.join(', ')} (got ${JSON.stringify(exchange)})`);
  }
  const shared = executor.capabilities.sharedMemory;
  if (exchange === 'shared' && !shared) {
    throw new WeftError(
      'UNSUPPORTED',
      `exchange "shared" needs an executor that shares memory (${executor.capabilities.kind} in ${executor.capabilities.runtime} does not): use "copy" or "transfer"`,
    );
  }
  const count = parameterCount(spec);
  const start = options.weights ?? initialWeights(spec);
  if (start.length !== count) throw new WeftError('INVALID_ARGUMENT', `weights have ${start.length} values; the model needs ${count}`);

  const weights = exchange === 'shared' ? new Float32Array(new SharedArrayBuffer(count * 4)) : new Float32Array(count);
  weights.set(start);
  // Gradient slots of the shared exchange. A failed step may leave parts running that still write into their slots:
  // the next step then gets fresh ones, so no straggler can touch its gradients.
  const newSlots = () => new Float32Array(new SharedArrayBuffer(parts * count * 4));
  let slots = exchange === 'shared' ? newSlots() : undefined;
  const dataset = shared ? shareData(data) : undefined;
  const features = data.features;
  const gradients = new Float32Array(count);
  const adam: Adam = createAdam(count, options.optimizer);
  const prng: Prng = createPrng(options.shuffleSeed ?? spec.seed);
  const order = Int32Array.from({ length: data.rows }, (_, i) => i);
  let epoch = 0;

  const rowsFor = (indices: Int32Array): PartRows => {
    if (dataset) return { kind: 'indices', x: dataset.x, labels: dataset.labels, indices };
    const x = new Float32Array(indices.length * features);
    const labels = new Int32Array(indices.length);
    indices.forEach((row, i) => {
      x.set(data.x.subarray(row * features, (row + 1) * features), i * features);
      labels[i] = data.labels[row] as number;
    });
    return { kind: 'rows', x, labels };
  };

  const inputFor = (rows: PartRows, part: number): TrainerPartInput => {
    if (exchange === 'shared') {
      const slot = (slots as Float32Array).subarray(part * count, (part + 1) * count);
      return { spec, backend, exchange, weights, gradients: slot, rows };
    }
    return { spec, backend, exchange, weights: exchange === 'transfer' ? weights.slice() : weights, rows };
  };

  const transferOf = (input: TrainerPartInput): readonly TransferItem[] => {
    const list: TransferItem[] = [input.weights.buffer];
    if (input.rows.kind === 'rows') list.push(input.rows.x.buffer, input.rows.labels.buffer);
    else list.push(input.rows.indices.buffer);
    return list;
  };

  /** Runs one part task per input, combines the gradients weighted by shard size, applies Adam; the batch's mean loss. */
  async function runParts(sizes: readonly number[], inputs: readonly TrainerPartInput[], signal: AbortSignalLike | undefined): Promise<number> {
    let outputs: TrainerPartOutput[];
    try {
      outputs = await executor.map(task, inputs, {
        ...(exchange === 'transfer' ? { transfer: transferOf } : {}),
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
        ...(signal === undefined ? {} : { signal }),
      });
    } catch (error) {
      if (slots !== undefined) slots = newSlots();
      throw error;
    }
    const total = sizes.reduce((sum, n) => sum + n, 0);
    let loss = 0;
    outputs.forEach((out, part) => {
      const n = sizes[part] as number;
      if (out.rows !== n) throw new WeftError('TASK_FAILED', `trainer part ${part} used ${out.rows} rows; it was given ${n}`);
      const g = exchange === 'shared' ? (slots as Float32Array).subarray(part * count, (part + 1) * count) : out.gradients;
      if (g === undefined || g.length !== count) {
        throw new WeftError('TASK_FAILED', `trainer part ${part} returned no gradients of length ${count}`);
      }
      const w = n / total;
      if (part === 0) for (let j = 0; j < count; j += 1) gradients[j] = w * g[j]!;
      else for (let j = 0; j < count; j += 1) gradients[j] = gradients[j]! + w * g[j]!;
      loss += w * out.loss;
    });
    adam.step(weights, gradients);
    return loss;
  }

  const trainer: DataParallelTrainer = {
    parts,
    exchange,
    dataPath: dataset ? 'indices' : 'rows',
    get steps() {
      return adam.steps;
    },
    weights: () => weights.slice(),
    async step(indices, stepOptions = {}) {
      if (indices.length === 0) throw new WeftError('INVALID_ARGUMENT', 'a training step needs at least one row');
      const sizes = splitSizes(indices.length, parts);
      let at = 0;
      return runParts(
        sizes,
        sizes.map((n, part) => {
          const input = inputFor(rowsFor(indices.slice(at, at + n)), part);
          at += n;
          return input;
        }),
        stepOptions.signal,
      );
    },
    async stepRows(x, labels, stepOptions = {}) {
      if (labels.length === 0) throw new WeftError('INVALID_ARGUMENT', 'a training step needs at least one row');
      if (x.length !== labels.length * features) {
        throw new WeftError('INVALID_ARGUMENT', `x has ${x.length} values but ${labels.length} labels × ${features} features need ${labels.length * features}`);
      }
      const sizes = splitSizes(labels.length, parts);
      let at = 0;
      return runParts(
        sizes,
        sizes.map((n, part) => {
          const rows: PartRows = { kind: 'rows', x: x.slice(at * features, (at + n) * features), labels: labels.slice(at, at + n) };
          at += n;
          return inputFor(rows, part);
        }),
        stepOptions.signal,
      );
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
