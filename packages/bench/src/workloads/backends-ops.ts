/**
 * @module backends-ops — the operations the `backends` workload times, prepared on the selected tfjs backend: matMul
 * n×n, a conv2d, one training step of the MLP (Weft's gradients and Adam) and of a small CNN (tfjs-layers). Every
 * run reads its result back to JavaScript (`data()`, `dataSync()` or the loss of `trainOnBatch`), so no backend is
 * credited for work it has only queued.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { computeGradients, createAdam, initialWeights, type LabelledData, type ModelSpec, type Tfjs } from '@weft/core';
import type { Conv2dShape } from './backends-flops.js';
import { mnistCnn } from './mnist-models.js';

/** The tfjs-layers API the CNN case uses (`import * as tfl from '@tensorflow/tfjs-layers'`). */
export type TfjsLayers = typeof tfl;

/** One operation ready to run: `run` computes and reads back once; `dispose` frees what `prepare` made. */
export interface PreparedOp {
  run(): unknown;
  dispose(): void;
}

/** Kernels a CNN training step needs beyond the forward pass; a backend without one cannot train the CNN. */
export const CNN_GRADIENT_KERNELS: readonly string[] = ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad'];

/** Why the selected backend of `tf` cannot train a CNN (named `name` in the text), or undefined when it can. */
export function cnnUnsupportedReason(
  tf: Pick<Tfjs, 'getKernel' | 'getBackend' | 'version_core'>,
  name: string,
): string | undefined {
  const missing = CNN_GRADIENT_KERNELS.filter((k) => tf.getKernel(k, tf.getBackend()) === undefined);
  if (missing.length === 0) return undefined;
  return `the ${name} backend has no ${missing.join(', ')} kernel (tfjs ${tf.version_core}): it cannot train a CNN`;
}

/** The first `batch` rows of `digits`. */
export function rowsOf(digits: LabelledData, batch: number): LabelledData {
  const rows = Math.min(batch, digits.rows);
  return {
    x: digits.x.subarray(0, rows * digits.features),
    labels: digits.labels.subarray(0, rows),
    rows,
    features: digits.features,
  };
}

export function prepareMatMul(tf: Tfjs, n: number, seed: number): PreparedOp {
  const a = tf.randomUniform([n, n], -1, 1, 'float32', seed);
  const b = tf.randomUniform([n, n], -1, 1, 'float32', seed + 1);
  return {
    async run() {
      const c = tf.matMul(a, b);
      await c.data();
      c.dispose();
    },
    dispose: () => tf.dispose([a, b]),
  };
}

export function prepareConv2d(tf: Tfjs, s: Conv2dShape, seed: number): PreparedOp {
  const x = tf.randomUniform([s.batch, s.height, s.width, s.inChannels], -1, 1, 'float32', seed);
  const filter = tf.randomUniform(
    [s.filterSize, s.filterSize, s.inChannels, s.outChannels],
    -1,
    1,
    'float32',
    seed + 1,
  );
  return {
    async run() {
      const y = tf.conv2d(x as tfc.Tensor4D, filter as tfc.Tensor4D, 1, 'same');
      await y.data();
      y.dispose();
    },
    dispose: () => tf.dispose([x, filter]),
  };
}

/** One data-parallel trainer step on one thread: Weft's gradients of the MLP (read back), then Adam in JavaScript. */
export function prepareMlpStep(tf: Tfjs, spec: ModelSpec, digits: LabelledData): PreparedOp {
  const weights = initialWeights(spec);
  const gradients = new Float32Array(weights.length);
  const adam = createAdam(weights.length, { learningRate: 1e-3 });
  return {
    run() {
      computeGradients(tf, spec, weights, digits.x, digits.labels, gradients);
      adam.step(weights, gradients);
    },
    dispose: () => undefined,
  };
}

/** The small CNN of `mnist-models.ts`, compiled with Adam and categorical cross-entropy on one-hot targets. */
export function buildCnn(tf: Tfjs, layers: TfjsLayers, seed: number): tfl.LayersModel {
  const model = mnistCnn(layers, seed);
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  return model;
}

/** One `trainOnBatch` step of the small CNN (the digits uploaded each step, the loss read back). */
export function prepareCnnStep(tf: Tfjs, layers: TfjsLayers, digits: LabelledData, seed: number): PreparedOp {
  const model = buildCnn(tf, layers, seed);
  return {
    async run() {
      const xs = tf.tensor4d(digits.x, [digits.rows, 28, 28, 1], 'float32');
      const ys = tf.oneHot(tf.tensor1d(digits.labels, 'int32'), 10);
      try {
        await model.trainOnBatch(xs, ys);
      } finally {
        tf.dispose([xs, ys]);
      }
    },
    dispose: () => model.dispose(),
  };
}
