/**
 * @module fit — `model.fit`, data-parallel: each global batch is split over N model parts on an executor, their
 * gradients (tfjs autodiff in each part) are combined weighted by shard size, and the caller's compiled optimiser
 * takes one step per global batch on the caller's model. N parts compute the same update as one.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { WeftError } from './errors.js';
import type { Executor } from './executor.js';
import type { Loader } from './loader.js';
import type { ModelPartInput, ModelPartPayload } from './model-part.js';
import { modelOrigin, type ModelRef, type TfjsLayers } from './model-ref.js';
import { checkPositiveInteger } from './option-checks.js';
import {
  createPartTrainer,
  type BatchResult,
  type Exchange,
  type PartOutput,
  type PartTrainer,
  type Targets,
} from './part-trainer.js';
import type { AbortSignalLike } from './platform.js';
import { createPrng } from './prng.js';
import { abortedError } from './run-guard.js';
import type { TaskRef } from './task.js';

/** Rows in memory: `x` as a tensor `[rows, ...inputShape]` or a flat array; `y` one target row per `x` row. */
export interface FitArrays {
  readonly x: tfc.Tensor | Float32Array;
  /** Class indices (`Int32Array` or an int32 tensor) or target values, `rows × width`. */
  readonly y: tfc.Tensor | Targets;
}

/** One decoded shard of a {@link Loader} given to `fit`: flat rows and their targets. */
export interface FitShard {
  readonly x: Float32Array;
  readonly y: Targets;
}

/** What `fit` trains on: rows in memory, or a loader whose every pass is one epoch (shards decoded and prefetched). */
export type FitData = FitArrays | Loader<FitShard>;

/** What `fit` reports to callbacks: `loss`, each metric (`acc`, …) and, after validation, `val_loss`, `val_acc`, …. */
export type FitLogs = Record<string, number>;

/** Callbacks, called like `model.fit`'s (and awaited). */
export interface FitCallbacks {
  onTrainBegin?(): void | Promise<void>;
  onEpochBegin?(epoch: number): void | Promise<void>;
  /** After each global batch: `{ batch, size, loss, acc, … }` of that batch. */
  onBatchEnd?(batch: number, logs: FitLogs): void | Promise<void>;
  /** After each epoch: the epoch's mean loss and metrics, and the validation ones. */
  onEpochEnd?(epoch: number, logs: FitLogs): void | Promise<void>;
  onTrainEnd?(): void | Promise<void>;
}

/** What `fit` resolves with, shaped like tfjs's `History`. */
export interface FitHistory {
  /** 0-based epoch numbers. */
  readonly epoch: number[];
  /** Per epoch: `loss`, each metric, and `val_…` when there is validation data. */
  readonly history: Record<string, number[]>;
  readonly params: {
    readonly epochs: number;
    readonly batchSize: number;
    readonly parts: number;
    readonly exchange: Exchange;
  };
}

/** Options of {@link fitModel}. */
export interface FitOptions {
  /** Where the parts run: a worker or process pool, or `inlineExecutor()` for the single-thread baseline. */
  readonly executor: Executor;
  /** The part task: a module that selects `backend` and calls `runModelPart` (the adapters' `fit` set it). */
  readonly task: TaskRef<ModelPartInput, PartOutput>;
  /**
   * The tfjs backend the parts select (e.g. `cpu`, `wasm`, `tensorflow`). One without a kernel the model needs
   * rejects `fit` with `UNSUPPORTED`, naming the kernel (wasm has no convolution gradients).
   */
  readonly backend: string;
  /** How workers build the model (default: the reference `buildModel` built the caller's model from). */
  readonly definition?: ModelRef;
  /** Passes over the data (default 1). */
  readonly epochs?: number;
  /** Rows per global batch, split over the parts (default 32). */
  readonly batchSize?: number;
  /** Shuffle the rows before each epoch (default true; a loader's order is its own). */
  readonly shuffle?: boolean;
  /** Seed of the shuffle (default 1), so runs repeat. */
  readonly seed?: number;
  /** Rows scored after each epoch (`val_loss`, `val_acc`, …), by the parts, in inference mode. */
  readonly validationData?: FitArrays;
  readonly callbacks?: FitCallbacks;
  /** Aborting rejects `fit` with `ABORTED`; the model keeps the weights of the last completed step. */
  readonly signal?: AbortSignalLike;
  /** Parts per global batch (default: the executor's size). */
  readonly parts?: number;
  /** How weights and gradients move (default `shared` when the executor shares memory, else `copy`). */
  readonly exchange?: Exchange;
  /** Time limit of each part task, in ms. */
  readonly timeoutMs?: number;
}

/** A flat array of a tensor's values (an int32 tensor stays integers). */
function valuesOf(value: tfc.Tensor | Targets | Float32Array): Targets {
  if (value instanceof Float32Array || value instanceof Int32Array) return value;
  const data = value.dataSync();
  return data instanceof Int32Array ? data : Float32Array.from(data as ArrayLike<number>);
}

/** The arrays of `data`, checked against the model's input (`features` values per row). */
function arraysOf(data: FitArrays, features: number, what: string): { x: Float32Array; y: Targets; rows: number } {
  const x = valuesOf(data.x);
  const y = valuesOf(data.y);
  if (!(x instanceof Float32Array)) throw new WeftError('INVALID_ARGUMENT', `${what}.x must hold float32 values`);
  const rows = x.length / features;
  if (rows === 0 || !Number.isInteger(rows)) {
    throw new WeftError(
      'INVALID_ARGUMENT',
      `${what}.x has ${x.length} values, not a whole number of rows of ${features} (the model's input size)`,
    );
  }
  if (y.length === 0 || y.length % rows !== 0) {
    throw new WeftError(
      'INVALID_ARGUMENT',
      `${what}.x holds ${rows} rows but ${what}.y has ${y.length} values: give one target row per row of x`,
    );
  }
  return { x, y, rows };
}

/** The losses whose targets are class indices. */
const SPARSE_LOSSES: readonly string[] = ['sparseCategoricalCrossentropy', 'sparse_categorical_crossentropy'];

/** Throws `INVALID_ARGUMENT` naming the first target that is not a class index in `[0, classes)`. */
function checkClassIndices(y: Targets, classes: number, what: string): void {
  for (let i = 0; i < y.length; i += 1) {
    const label = y[i] as number;
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new WeftError(
        'INVALID_ARGUMENT',
        `${what}.y[${i}] is ${label}, not a class index of the model's ${classes} classes: sparse targets must be integers in [0, ${classes})`,
      );
    }
  }
}

function isLoader(data: FitData): data is Loader<FitShard> {
  return typeof (data as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}

/** Names given to compile as strings; functions cannot travel to workers. */
function compiledNames(model: tfl.LayersModel): { loss: string; metrics: string[] } {
  const { loss, metrics } = model as unknown as { loss?: unknown; metrics?: unknown };
  if (loss === undefined)
    throw new WeftError('INVALID_ARGUMENT', 'compile the model before fit: model.compile({ optimizer, loss })');
  if (typeof loss !== 'string') {
    throw new WeftError(
      'UNSUPPORTED',
      'fit needs the loss as a name model.compile knows (e.g. "sparseCategoricalCrossentropy"): a function cannot be sent to workers',
    );
  }
  const list = metrics === undefined ? [] : Array.isArray(metrics) ? metrics : [metrics];
  if (!list.every((m): m is string => typeof m === 'string')) {
    throw new WeftError(
      'UNSUPPORTED',
      'fit needs metrics as names model.compile knows (e.g. "accuracy"): functions cannot be sent to workers',
    );
  }
  return { loss, metrics: list };
}

/** Checks what data-parallel training of this model needs, and describes it for the parts. */
function describeModel(model: tfl.LayersModel, definition: ModelRef, backend: string): ModelPartPayload {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new WeftError(
      'UNSUPPORTED',
      `fit trains models with one input and one output (this one has ${model.inputs.length} and ${model.outputs.length})`,
    );
  }
  if (model.layers.some((layer) => layer.getClassName() === 'BatchNormalization')) {
    throw new WeftError(
      'UNSUPPORTED',
      "fit cannot combine BatchNormalization's moving statistics across parts: train this model with model.fit",
    );
  }
  const inputShape = (model.inputs[0] as tfl.SymbolicTensor).shape.slice(1);
  if (!inputShape.every((d): d is number => typeof d === 'number' && d > 0)) {
    throw new WeftError(
      'UNSUPPORTED',
      `fit needs a fixed input shape (got [${inputShape.map(String).join(', ')}] after the batch dimension)`,
    );
  }
  return {
    model: definition,
    backend,
    ...compiledNames(model),
    shapes: model.weights.map((w) => [...w.shape] as number[]),
    trainable: model.trainableWeights.length,
    inputShape,
  };
}

/** The values of `weights` as one flat array, in order. */
function flatValues(weights: ReadonlyArray<tfl.LayerVariable>): Float32Array {
  const values = weights.map((w) => w.read().dataSync() as Float32Array);
  const flat = new Float32Array(values.reduce((sum, v) => sum + v.length, 0));
  let at = 0;
  for (const v of values) {
    flat.set(v, at);
    at += v.length;
  }
  return flat;
}

/**
 * A loader's shards regrouped into batches of `size` rows (the last of the pass may be smaller). With `classes`
 * (sparse losses), each shard's targets are checked as class indices as it arrives.
 */
async function* loaderBatches(
  loader: Loader<FitShard>,
  size: number,
  features: number,
  classes: number | undefined,
): AsyncGenerator<{ x: Float32Array; y: Targets }> {
  let xs: Float32Array[] = [];
  let ys: Targets[] = [];
  let held = 0;
  const take = (n: number): { x: Float32Array; y: Targets } => {
    const x = concat(xs, Float32Array);
    const y = concat(ys, ys[0]?.constructor as new (n: number) => Targets);
    const width = y.length / held;
    const batch = { x: x.slice(0, n * features), y: y.slice(0, n * width) as Targets };
    xs = n < held ? [x.slice(n * features)] : [];
    ys = n < held ? [y.slice(n * width)] : [];
    held -= n;
    return batch;
  };
  for await (const { data, shard } of loader) {
    if (
      !(data.x instanceof Float32Array) ||
      data.x.length % features !== 0 ||
      data.x.length === 0 ||
      data.y.length % (data.x.length / features) !== 0
    ) {
      throw new WeftError(
        'INVALID_ARGUMENT',
        `shard ${shard.name} must decode to { x: Float32Array of whole rows of ${features}, y: one target row per row }`,
      );
    }
    if (classes !== undefined) checkClassIndices(data.y, classes, `shard ${shard.name}`);
    xs.push(data.x);
    ys.push(data.y);
    held += data.x.length / features;
    while (held >= size) yield take(size);
  }
  if (held > 0) yield take(held);
}

function concat<T extends Targets>(arrays: readonly T[], Type: new (n: number) => T): T {
  if (arrays.length === 1) return arrays[0] as T;
  const out = new Type(arrays.reduce((sum, a) => sum + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

/**
 * Trains the caller's compiled tfjs model data-parallel, like `model.fit`: each global batch of `batchSize` rows is
 * split over `parts` model-part tasks on the executor, each computing its shard's gradients with tfjs's autodiff
 * (the loss and metrics the model was compiled with, by name); the gradients are combined weighted by shard size
 * and the model's own optimiser (`model.optimizer`) applies them once per global batch, so N parts take the same
 * step as one part on the whole batch. The trained weights are in the caller's model when it resolves.
 *
 * Workers build the model from its definition (the module export `(tf) => model` that {@link buildModel} built the
 * caller's model from, or `definition`), then load the caller's weights: initial weights come from the caller, not
 * from each worker's random initialiser. Models with one input and one output; BatchNormalization is refused (its
 * moving statistics cannot be combined), and regularisation losses are included.
 *
 * `fit` in `@weft/node/tfjs` wraps this with its part task and tfjs. Elsewhere (a page, Deno's Web Workers), give
 * `task` a module of your own whose export selects the backend and returns `runModelPart(tf, input)`.
 */
export async function fitModel(
  tf: TfjsLayers,
  model: tfl.LayersModel,
  data: FitData,
  options: FitOptions,
): Promise<FitHistory> {
  const { executor, callbacks = {}, signal } = options;
  const definition = options.definition ?? modelOrigin(model);
  if (definition === undefined) {
    throw new WeftError(
      'INVALID_ARGUMENT',
      'fit needs to know how workers build the model: build it with buildModel(tf, ref) or pass definition: defineModel(import.meta.url, "createModel")',
    );
  }
  const epochs = checkPositiveInteger('epochs', options.epochs ?? 1);
  const batchSize = checkPositiveInteger('batchSize', options.batchSize ?? 32);
  const parts = checkPositiveInteger('parts', options.parts ?? executor.size);
  const payload = describeModel(model, definition, options.backend);
  const features = payload.inputShape.reduce((a, b) => a * b, 1);
  const optimizer = model.optimizer;
  const trainable = model.trainableWeights.map((w) => w.read() as tfc.Variable);
  const gradientCount = trainable.reduce((sum, v) => sum + v.size, 0);
  const inMemory = isLoader(data) ? undefined : arraysOf(data, features, 'data');
  const validation =
    options.validationData === undefined ? undefined : arraysOf(options.validationData, features, 'validationData');
  const outputs = (model.outputs[0] as tfl.SymbolicTensor).shape.at(-1);
  const classes = SPARSE_LOSSES.includes(payload.loss) && typeof outputs === 'number' ? outputs : undefined;
  if (classes !== undefined) {
    for (const [targets, what] of [
      [inMemory, 'data'],
      [validation, 'validationData'],
    ] as const)
      if (targets !== undefined) checkClassIndices(targets.y, classes, what);
  }
  const exchange = options.exchange ?? (executor.capabilities.sharedMemory ? 'shared' : 'copy');

  const engine: PartTrainer<ModelPartPayload, Targets> = createPartTrainer<ModelPartPayload, Targets>({
    executor,
    task: options.task,
    payload,
    ...(inMemory === undefined ? {} : { data: { x: inMemory.x, labels: inMemory.y, rows: inMemory.rows, features } }),
    features,
    parts,
    exchange,
    weights: flatValues(model.weights),
    gradientCount,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    apply(weights, gradients) {
      tf.tidy(() => {
        let at = 0;
        const named: Record<string, tfc.Tensor> = {};
        for (const v of trainable) {
          named[v.name] = tf.tensor(gradients.subarray(at, at + v.size), v.shape, 'float32');
          at += v.size;
        }
        optimizer.applyGradients(named);
      });
      weights.set(flatValues(model.trainableWeights));
    },
  });

  const names = model.metricsNames.slice(1);
  const logsOf = (result: BatchResult, prefix = ''): FitLogs =>
    Object.fromEntries([
      [`${prefix}loss`, result.loss],
      ...names.map((name, i) => [`${prefix}${name}`, result.metrics[i] as number]),
    ]) as FitLogs;
  const history: Record<string, number[]> = {};
  const epochList: number[] = [];
  const prng = createPrng(options.seed ?? 1);
  const order = inMemory === undefined ? undefined : Int32Array.from({ length: inMemory.rows }, (_, i) => i);

  await callbacks.onTrainBegin?.();
  for (let epoch = 0; epoch < epochs; epoch += 1) {
    if (signal?.aborted) throw abortedError('fit', signal);
    await callbacks.onEpochBegin?.(epoch);
    let rows = 0;
    let loss = 0;
    const sums: number[] = names.map(() => 0);
    let batch = 0;
    const record = async (result: BatchResult, size: number): Promise<void> => {
      rows += size;
      loss += result.loss * size;
      result.metrics.forEach((m, i) => (sums[i] = (sums[i] as number) + m * size));
      await callbacks.onBatchEnd?.(batch, { batch, size, ...logsOf(result) });
      batch += 1;
    };
    if (inMemory !== undefined && order !== undefined) {
      if (options.shuffle ?? true) prng.shuffle(order);
      for (let at = 0; at < order.length; at += batchSize) {
        const indices = order.slice(at, Math.min(at + batchSize, order.length));
        await record(await engine.step(indices, signal), indices.length);
      }
    } else {
      for await (const b of loaderBatches(data as Loader<FitShard>, batchSize, features, classes)) {
        if (signal?.aborted) throw abortedError('fit', signal);
        await record(await engine.stepRows(b.x, b.y, signal), b.x.length / features);
      }
      if (rows === 0)
        throw new WeftError('INVALID_ARGUMENT', 'the loader delivered no rows: an epoch needs at least one');
    }
    const logs: FitLogs = logsOf({ loss: loss / rows, metrics: sums.map((s) => s / rows) });
    if (validation !== undefined)
      Object.assign(
        logs,
        logsOf(await engine.measureRows(validation.x, validation.y, { evaluate: true }, signal), 'val_'),
      );
    epochList.push(epoch);
    for (const [key, value] of Object.entries(logs)) (history[key] ??= []).push(value);
    await callbacks.onEpochEnd?.(epoch, logs);
  }
  await callbacks.onTrainEnd?.();
  return { epoch: epochList, history, params: { epochs, batchSize, parts, exchange } };
}
