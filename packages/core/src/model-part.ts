/**
 * @module model-part — one part of a data-parallel step on a user's tfjs model: the worker builds the model from its
 * {@link ModelRef} (once per thread), loads the caller's weights, and computes the loss, the metrics and, when
 * training, the gradient of every trainable weight by tfjs's own autodiff over its shard of the batch.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { WeftError } from './errors.js';
import { buildModel, type ModelRef, type TfjsLayers } from './model-ref.js';
import { gatherRows, type PartExchange, type PartOutput, type Targets } from './part-trainer.js';
import { taskLabel, withTransfer, type TransferResult } from './task.js';

/** What every part of a model's step carries besides the exchange (see {@link runModelPart}). */
export interface ModelPartPayload {
  /** Builds the model in the worker. */
  readonly model: ModelRef;
  /** The tfjs backend the task module selects before calling {@link runModelPart}. */
  readonly backend: string;
  /** The loss, by the name `model.compile` knows (`sparseCategoricalCrossentropy`, `meanSquaredError`, …). */
  readonly loss: string;
  /** The metrics, by the names `model.compile` knows (`accuracy`, …). */
  readonly metrics: readonly string[];
  /** Shape of every weight, in `model.weights` order; the worker's model must have the same. */
  readonly shapes: ReadonlyArray<readonly number[]>;
  /** How many leading weights are trainable (they get gradients). */
  readonly trainable: number;
  /** Shape of one row of `x` (the model's input shape without the batch dimension). */
  readonly inputShape: readonly number[];
  /** True: only measure loss and metrics (inference mode, no gradients). */
  readonly evaluate?: boolean;
}

/** Input of a model-part task. */
export type ModelPartInput = ModelPartPayload & PartExchange<Targets>;

/** A model built in this thread, compiled for its loss and metrics. */
interface Built {
  readonly model: tfl.LayersModel;
  readonly lossFn: (yTrue: tfc.Tensor, yPred: tfc.Tensor) => tfc.Tensor;
  readonly metricFns: ReadonlyArray<(yTrue: tfc.Tensor, yPred: tfc.Tensor) => tfc.Tensor>;
}

const cache = new Map<string, Promise<Built>>();

function shapesOf(weights: ReadonlyArray<{ readonly shape: ReadonlyArray<number | null> }>): string {
  return JSON.stringify(weights.map((w) => w.shape));
}

async function build(tf: TfjsLayers, payload: ModelPartPayload): Promise<Built> {
  const model = await buildModel(tf, payload.model);
  if (
    shapesOf(model.weights) !== JSON.stringify(payload.shapes) ||
    model.trainableWeights.length !== payload.trainable
  ) {
    throw new WeftError(
      'INVALID_ARGUMENT',
      `the model ${taskLabel(payload.model)} builds in a worker has weights ${shapesOf(model.weights)} (${model.trainableWeights.length} trainable); the caller's has ${JSON.stringify(payload.shapes)} (${payload.trainable} trainable): build the caller's model with the same factory`,
    );
  }
  // Compiled only for its loss and metric functions: the optimiser step happens once per batch, on the caller.
  model.compile({ optimizer: 'sgd', loss: payload.loss, metrics: [...payload.metrics] });
  // A tf.Sequential keeps its compiled loss function on the functional model inside it.
  const compiled = (model as { model?: tfl.LayersModel }).model ?? model;
  return {
    model,
    lossFn: compiled.lossFunctions[0] as Built['lossFn'],
    metricFns: model.metricsTensors.map(([fn]) => fn),
  };
}

/** The model of `payload`, built once per thread and module/loss/metrics combination. */
function builtModel(tf: TfjsLayers, payload: ModelPartPayload): Promise<Built> {
  const key = JSON.stringify([payload.model.module, payload.model.name, payload.loss, payload.metrics]);
  let built = cache.get(key);
  if (built === undefined) {
    built = build(tf, payload);
    cache.set(key, built);
    built.catch(() => cache.delete(key));
  }
  return built;
}

/** Loads flat weights into the model's variables, in `model.weights` order. */
function loadWeights(tf: TfjsLayers, model: tfl.LayersModel, flat: Float32Array): void {
  tf.tidy(() => {
    let at = 0;
    for (const w of model.weights) {
      const v = w.read();
      w.write(tf.tensor(flat.subarray(at, at + v.size), v.shape, 'float32'));
      at += v.size;
    }
  });
}

/**
 * A backend without a kernel the model needs (tfjs's `Kernel 'Conv2DBackpropFilter' not registered for backend
 * 'wasm'`) as an UNSUPPORTED WeftError that says what to do, or undefined for any other error.
 */
function missingKernel(tf: TfjsLayers, error: unknown, evaluate: boolean): WeftError | undefined {
  const match = /^Kernel '(\w+)' not registered for backend '(\w+)'/.exec(error instanceof Error ? error.message : '');
  if (match === null) return undefined;
  const [, kernel, backend] = match;
  return new WeftError(
    'UNSUPPORTED',
    `the ${backend} backend has no ${kernel} kernel (tfjs ${tf.version_core}), so it cannot ${evaluate ? 'evaluate' : 'train'} this model: choose another backend (cpu has every kernel)`,
    { cause: error },
  );
}

/**
 * The body of a model-part task (see `fit`): builds the model of `input.model` with `tf` (once per thread; the
 * task module has selected the backend), loads the caller's weights, and computes over its rows the mean loss
 * (plus the model's regularisation losses), each metric's mean and, unless `input.evaluate`, the mean gradient of
 * every trainable weight by `tf.variableGrads`, in `model.trainableWeights` order. Gradients go back as the exchange
 * says: cloned (`copy`), transferred (`transfer`) or written into the shared slot (`shared`). Every tensor it makes
 * is disposed before it returns.
 *
 * @example
 * ```ts
 * // model-part-task.js, loaded by workers
 * import * as tfc from '@tensorflow/tfjs-core';
 * import * as tfl from '@tensorflow/tfjs-layers';
 * import '@tensorflow/tfjs-backend-cpu';
 * export const modelPart = (input) => runModelPart({ ...tfc, ...tfl }, input);
 * ```
 */
export async function runModelPart(
  tf: TfjsLayers,
  input: ModelPartInput,
): Promise<PartOutput | TransferResult<PartOutput>> {
  const { model, lossFn, metricFns } = await builtModel(tf, input);
  const features = input.inputShape.reduce((a, b) => a * b, 1);
  const { x, labels } = gatherRows(input.rows, features);
  const rows = x.length / features;
  if (rows === 0 || !Number.isInteger(rows))
    throw new WeftError('INVALID_ARGUMENT', `a model part needs whole rows of ${features} values (got ${x.length})`);
  const width = labels.length / rows;
  const trainable = model.trainableWeights.map((w) => w.read() as tfc.Variable);
  const count = trainable.reduce((sum, v) => sum + v.size, 0);
  const out = input.exchange === 'shared' ? input.gradients : input.evaluate ? undefined : new Float32Array(count);
  if (!input.evaluate && (out === undefined || out.length !== count)) {
    throw new WeftError(
      'INVALID_ARGUMENT',
      `the gradient buffer must hold ${count} values (exchange "shared" needs a gradient slot in the input)`,
    );
  }
  loadWeights(tf, model, input.weights);
  let loss = Number.NaN;
  const metrics: number[] = [];
  try {
    tf.tidy(() => {
      const xs = tf.tensor(x, [rows, ...input.inputShape], 'float32');
      const ys = tf.tensor(
        labels instanceof Float32Array ? labels : Float32Array.from(labels),
        [rows, width],
        'float32',
      );
      let pred: tfc.Tensor | undefined;
      const total = (training: boolean): tfc.Scalar => {
        pred = tf.keep(model.apply(xs, { training }) as tfc.Tensor);
        let value = tf.mean<tfc.Scalar>(lossFn(ys, pred));
        for (const penalty of model.calculateLosses()) value = tf.add(value, penalty);
        return value;
      };
      if (input.evaluate) {
        loss = (total(false).dataSync() as Float32Array)[0] as number;
      } else {
        const { value, grads } = tf.variableGrads(() => total(true), trainable);
        loss = (value.dataSync() as Float32Array)[0] as number;
        let at = 0;
        for (const v of trainable) {
          const grad = grads[v.name];
          if (grad === undefined) (out as Float32Array).fill(0, at, at + v.size);
          else (out as Float32Array).set(grad.dataSync(), at);
          at += v.size;
        }
      }
      for (const fn of metricFns)
        metrics.push((tf.mean(fn(ys, pred as tfc.Tensor)).dataSync() as Float32Array)[0] as number);
      tf.dispose(pred);
    });
  } catch (error) {
    throw missingKernel(tf, error, input.evaluate === true) ?? error;
  }
  const output: PartOutput = {
    loss,
    rows,
    metrics,
    ...(input.exchange === 'shared' || out === undefined ? {} : { gradients: out }),
  };
  return input.exchange === 'transfer' && out !== undefined ? withTransfer(output, [out.buffer]) : output;
}
