/**
 * @module trainer-part — one part of a data-parallel step: the gradients of the mean softmax cross-entropy of a
 * model on a shard of a batch, computed with an injected TensorFlow.js (`tf`), so it runs in any runtime and thread.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { WeftError } from './errors.js';
import { checkModelSpec, parameterCount, parameterShapes, type ModelSpec } from './model.js';
import {
  gatherRows,
  type RowScratch,
  type PartExchange,
  type PartOutput,
  type RowsOf,
  type TrainingRows,
} from './part-trainer.js';
import { platform } from './platform.js';
import type { PartTimings } from './step-timings.js';
import { withTransfer, type TransferResult } from './task.js';

/** The TensorFlow.js API the trainer part uses (`import * as tf from '@tensorflow/tfjs-core'`), injected by the caller. */
export type Tfjs = typeof tfc;

/** Labelled rows: `x` holds `rows × features` values row-major, `labels` one class index per row. */
export type LabelledData = TrainingRows<Int32Array>;

/** The rows a part trains on (see {@link RowsOf}), with one class index per row. */
export type PartRows = RowsOf<Int32Array>;

/** Input of a trainer-part task (see {@link runTrainerPart}). */
export interface TrainerPartInput extends PartExchange<Int32Array> {
  readonly spec: ModelSpec;
  /** The tfjs backend the task module should run on (e.g. `cpu`, `wasm`); the task module selects it. */
  readonly backend: string;
  /** Which fast paths the gradient code takes (default: the fastest measured on the backend). */
  readonly paths?: GradientPaths;
}

/** Output of a trainer-part task. */
export type TrainerPartOutput = PartOutput;

/** Loss and accuracy of a model on labelled data. */
export interface Evaluation {
  /** Mean softmax cross-entropy. */
  readonly loss: number;
  /** Fraction of rows classified correctly, in [0, 1]. */
  readonly accuracy: number;
}

function activate(tf: Tfjs, spec: ModelSpec, z: tfc.Tensor2D): tfc.Tensor2D {
  return spec.activation === 'relu' ? tf.relu(z) : spec.activation === 'tanh' ? tf.tanh(z) : tf.sigmoid(z);
}

/** The activation's derivative, written in terms of its output `a` (for ReLU, a > 0 exactly when z > 0). */
function derivative(tf: Tfjs, spec: ModelSpec, a: tfc.Tensor2D): tfc.Tensor2D {
  if (spec.activation === 'relu') return tf.cast(tf.greater(a, 0), 'float32') as tfc.Tensor2D;
  if (spec.activation === 'tanh') return tf.sub<tfc.Tensor2D>(1, tf.square(a));
  return tf.mul<tfc.Tensor2D>(a, tf.sub(1, a));
}

function forward(tf: Tfjs, spec: ModelSpec, params: readonly tfc.Tensor[], x: tfc.Tensor2D): tfc.Tensor2D {
  let h: tfc.Tensor2D = x;
  const layers = spec.layers.length - 1;
  for (let i = 0; i < layers; i += 1) {
    h = tf.add(tf.matMul(h, params[2 * i] as tfc.Tensor2D), params[2 * i + 1] as tfc.Tensor1D);
    if (i + 1 < layers) h = activate(tf, spec, h);
  }
  return h;
}

function meanCrossEntropy(tf: Tfjs, logits: tfc.Tensor2D, labels: tfc.Tensor1D, classes: number): tfc.Scalar {
  const oneHot = tf.oneHot(labels, classes);
  return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1))) as tfc.Scalar;
}

function paramTensors(tf: Tfjs, spec: ModelSpec, weights: Float32Array): tfc.Tensor[] {
  return parameterShapes(spec).map((p) =>
    tf.tensor(weights.subarray(p.offset, p.offset + p.size), [...p.shape], 'float32'),
  );
}

/**
 * Throws `INVALID_ARGUMENT` naming the first label outside `[0, classes)` (a label there would train silently with a
 * zero one-hot row, loss 0).
 */
export function checkLabels(labels: Int32Array, classes: number): void {
  for (let i = 0; i < labels.length; i += 1) {
    const label = labels[i] as number;
    if (label < 0 || label >= classes) {
      throw new WeftError(
        'INVALID_ARGUMENT',
        `label ${label} at row ${i} is outside the model's ${classes} classes: labels must be integers in [0, ${classes})`,
      );
    }
  }
}

function checkData(spec: ModelSpec, x: Float32Array, labels: Int32Array, weights: Float32Array): number {
  const features = spec.layers[0] as number;
  const rows = labels.length;
  checkLabels(labels, spec.layers[spec.layers.length - 1] as number);
  if (x.length !== rows * features) {
    throw new WeftError(
      'INVALID_ARGUMENT',
      `x has ${x.length} values but ${rows} labels × ${features} features need ${rows * features}`,
    );
  }
  const count = parameterCount(spec);
  if (weights.length !== count)
    throw new WeftError('INVALID_ARGUMENT', `weights have ${weights.length} values; the model needs ${count}`);
  return rows;
}

/**
 * Which of the gradient code's fast paths {@link computeGradients} takes. Each computes the same gradients as the
 * plain path (within float32 rounding; tested); the defaults are the fastest measured per backend.
 */
export interface GradientPaths {
  /**
   * Computes each weight gradient aᵀ·dz as an explicit transpose then a matMul instead of a transposed-input
   * matMul. Default: on wasm only (tfjs 4.22's wasm runs the transposed-input matMul about 10× slower; elsewhere the
   * fused form is as fast or faster).
   */
  readonly transposeFirst?: boolean;
  /**
   * Reads every gradient and the loss back in one call (one concatenated tensor) instead of one read per tensor.
   * Default: on the GPU backends only (webgl, webgpu), where every read waits for the device. Measured on cpu-side
   * backends it does not pay (tensorflow 0.95–0.98×, wasm 0.98–1.00× the per-tensor reads, MNIST MLP at batch 128
   * and 512): the concatenation costs what the saved reads did.
   */
  readonly oneReadback?: boolean;
}

/** Options of {@link computeGradients}. */
export interface GradientOptions {
  readonly paths?: GradientPaths;
  /** Filled with the forward, backward and read-back times of this call (`totalMs` is left to the caller). */
  readonly timings?: PartTimings;
}

/**
 * Computes the mean softmax cross-entropy of `spec` with `weights` on `x`/`labels`, and its gradient with respect to
 * every weight, written into `out` (same layout as the weights). Every tensor is disposed before it returns.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import '@tensorflow/tfjs-backend-cpu';
 * const grads = new Float32Array(weights.length);
 * const loss = computeGradients(tf, spec, weights, x, labels, grads);
 * ```
 */
export function computeGradients(
  tf: Tfjs,
  spec: ModelSpec,
  weights: Float32Array,
  x: Float32Array,
  labels: Int32Array,
  out: Float32Array,
  options: GradientOptions = {},
): number {
  checkModelSpec(spec);
  const rows = checkData(spec, x, labels, weights);
  if (out.length !== weights.length)
    throw new WeftError(
      'INVALID_ARGUMENT',
      `gradient buffer has ${out.length} values; the model needs ${weights.length}`,
    );
  if (rows === 0) throw new WeftError('INVALID_ARGUMENT', 'cannot compute gradients on zero rows');
  const classes = spec.layers[spec.layers.length - 1] as number;
  const shapes = parameterShapes(spec);
  const transposeFirst = options.paths?.transposeFirst ?? tf.getBackend() === 'wasm';
  const oneReadback = options.paths?.oneReadback ?? ['webgl', 'webgpu'].includes(tf.getBackend());
  const timings = options.timings;
  let loss = Number.NaN;
  let readbackMs = 0;
  const readBack = <T>(read: () => T): T => {
    const at = platform.now();
    const values = read();
    readbackMs += platform.now() - at;
    return values;
  };
  const started = platform.now();
  let forwardDone = started;
  tf.tidy(() => {
    const params = paramTensors(tf, spec, weights);
    const layers = spec.layers.length - 1;
    // Forward pass, keeping each layer's input (activations[i] feeds layer i).
    const activations: tfc.Tensor2D[] = [tf.tensor2d(x, [rows, spec.layers[0] as number], 'float32')];
    let logits: tfc.Tensor2D | undefined;
    for (let i = 0; i < layers; i += 1) {
      const z = tf.add<tfc.Tensor2D>(
        tf.matMul(activations[i] as tfc.Tensor2D, params[2 * i] as tfc.Tensor2D),
        params[2 * i + 1] as tfc.Tensor1D,
      );
      if (i + 1 < layers) activations.push(activate(tf, spec, z));
      else logits = z;
    }
    const oneHot = tf.oneHot(tf.tensor1d(labels, 'int32'), classes);
    const logProbs = tf.logSoftmax(logits as tfc.Tensor2D);
    const lossSum = tf.sum(tf.mul(oneHot, logProbs));
    if (!oneReadback) loss = -((readBack(() => lossSum.dataSync()) as Float32Array)[0] as number) / rows;
    forwardDone = platform.now() - readbackMs;
    // Backward pass by hand (tfjs-core's Node bundle ships no gradient registrations; an MLP needs none):
    // d logits = (softmax - onehot) / rows; dW = aᵀ·dz; db = Σ dz; d a = dz·Wᵀ, times the activation's derivative.
    const grads: tfc.Tensor[] = [];
    let dz = tf.div<tfc.Tensor2D>(tf.sub(tf.exp(logProbs), oneHot), rows);
    for (let i = layers - 1; i >= 0; i -= 1) {
      const a = activations[i] as tfc.Tensor2D;
      const weightGradient = transposeFirst ? tf.matMul(tf.transpose(a), dz) : tf.matMul(a, dz, true, false);
      const biasGradient = tf.sum(dz, 0);
      if (oneReadback) {
        grads[2 * i] = tf.reshape(weightGradient, [-1]);
        grads[2 * i + 1] = biasGradient;
      } else {
        out.set(
          readBack(() => weightGradient.dataSync()),
          (shapes[2 * i] as { offset: number }).offset,
        );
        out.set(
          readBack(() => biasGradient.dataSync()),
          (shapes[2 * i + 1] as { offset: number }).offset,
        );
      }
      if (i > 0)
        dz = tf.mul<tfc.Tensor2D>(tf.matMul(dz, params[2 * i] as tfc.Tensor2D, false, true), derivative(tf, spec, a));
    }
    if (oneReadback) {
      // Every gradient in the weights' order, then the loss: one tensor, one read.
      const all = tf.concat([...grads, tf.reshape(lossSum, [1])]);
      const values = readBack(() => all.dataSync()) as Float32Array;
      out.set(values.subarray(0, out.length));
      loss = -(values[out.length] as number) / rows;
    }
  });
  if (timings !== undefined) {
    timings.forwardMs = forwardDone - started;
    timings.backwardMs = platform.now() - started - readbackMs - timings.forwardMs;
    timings.readbackMs = readbackMs;
  }
  return loss;
}

/**
 * Loss and accuracy of `spec` with `weights` on labelled data, in chunks of `chunkRows` rows to bound memory.
 * Every tensor is disposed before it returns.
 */
export function evaluateModel(
  tf: Tfjs,
  spec: ModelSpec,
  weights: Float32Array,
  data: Pick<LabelledData, 'x' | 'labels'>,
  chunkRows = 1000,
): Evaluation {
  checkModelSpec(spec);
  const rows = checkData(spec, data.x, data.labels, weights);
  if (rows === 0) throw new WeftError('INVALID_ARGUMENT', 'cannot evaluate a model on zero rows');
  const features = spec.layers[0] as number;
  const classes = spec.layers[spec.layers.length - 1] as number;
  let lossSum = 0;
  let correct = 0;
  tf.tidy(() => {
    const params = paramTensors(tf, spec, weights);
    for (let start = 0; start < rows; start += chunkRows) {
      const n = Math.min(chunkRows, rows - start);
      tf.tidy(() => {
        const xs = tf.tensor2d(data.x.subarray(start * features, (start + n) * features), [n, features], 'float32');
        const ys = tf.tensor1d(data.labels.subarray(start, start + n), 'int32');
        const logits = forward(tf, spec, params, xs);
        lossSum += ((meanCrossEntropy(tf, logits, ys, classes).dataSync() as Float32Array)[0] as number) * n;
        correct += (tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), ys), 'int32')).dataSync() as Int32Array)[0] as number;
      });
    }
  });
  return { loss: lossSum / rows, accuracy: correct / rows };
}

/** This thread's buffer for the rows a part picks by index (parts run one at a time per thread: the body is synchronous). */
const scratch: RowScratch = {};

/**
 * The body of a trainer-part task: gathers the part's rows, computes its gradients with `tf` (on whatever backend
 * the task module selected) and hands them back as the exchange mode says: a cloned array (`copy`), a transferred
 * fresh buffer (`transfer`), or written in place into the shared slot (`shared`).
 *
 * @example
 * ```ts
 * // my-trainer-task.ts, loaded by workers
 * import * as tf from '@tensorflow/tfjs-core';
 * import '@tensorflow/tfjs-backend-cpu';
 * export const trainerPart = (input: TrainerPartInput) => runTrainerPart(tf, input);
 * export const trainerPartTask = defineTask<TrainerPartInput, TrainerPartOutput>(import.meta.url, 'trainerPart');
 * ```
 */
export function runTrainerPart(
  tf: Tfjs,
  input: TrainerPartInput,
): TrainerPartOutput | TransferResult<TrainerPartOutput> {
  const started = platform.now();
  const timings: PartTimings = { forwardMs: 0, backwardMs: 0, readbackMs: 0, totalMs: 0 };
  const { x, labels } = gatherRows(input.rows, input.spec.layers[0] as number, scratch);
  const options: GradientOptions = input.paths === undefined ? { timings } : { timings, paths: input.paths };
  if (input.exchange === 'shared') {
    if (input.gradients === undefined)
      throw new WeftError('INVALID_ARGUMENT', 'exchange "shared" needs a gradient slot in the input');
    const loss = computeGradients(tf, input.spec, input.weights, x, labels, input.gradients, options);
    timings.totalMs = platform.now() - started;
    return { loss, rows: labels.length, timings };
  }
  const gradients = new Float32Array(input.weights.length);
  const loss = computeGradients(tf, input.spec, input.weights, x, labels, gradients, options);
  timings.totalMs = platform.now() - started;
  const output: TrainerPartOutput = { loss, rows: labels.length, gradients, timings };
  return input.exchange === 'transfer' ? withTransfer(output, [gradients.buffer]) : output;
}
