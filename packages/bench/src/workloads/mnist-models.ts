/**
 * @module workloads/mnist-models — the study's two MNIST models as tfjs-layers factories, a module every worker (thread
 * or process) of the `train` and `fit` workloads imports to build the same architecture: the MLP 784-128-64-10
 * (ReLU, softmax) and the small CNN c8-p2-c16-p2-d10. Initialisers are seeded, so every runtime starts alike.
 */
import type * as tfl from '@tensorflow/tfjs-layers';
import { defineModel, type ModelRef, type ModelSpec, type TfjsLayers } from '@weft/core';

/** The models `--model` names. */
export type MnistModel = 'mlp' | 'cnn';

/** Every {@link MnistModel}. */
export const MNIST_MODELS: readonly MnistModel[] = ['mlp', 'cnn'];

/** What `--model` trains: the MLP by its spec (hand-written gradients), the same MLP as tfjs-layers, or the CNN. */
export type TrainModel = 'mlp' | 'mlp-layers' | 'cnn';

/** Every {@link TrainModel}. */
export const TRAIN_MODELS: readonly TrainModel[] = ['mlp', 'mlp-layers', 'cnn'];

/** Seed of the initialisers of {@link createMnistMlp} and {@link createMnistCnn}. */
const SEED = 1;

/** Adam's learning rate of every model and case. */
export const TRAIN_LEARNING_RATE = 1e-3;

/** The MLP of the `mlp` cases as an `MlpSpec` (784-128-64-10, ReLU), for Weft's hand-written gradients. */
export function trainModelSpec(seed: number): ModelSpec {
  return { kind: 'mlp', layers: [784, 128, 64, 10], activation: 'relu', seed };
}

/** The CNN's layers (conv 3×3×8 → max-pool 2 → conv 3×3×16 → max-pool 2 → dense 10, softmax) on 28×28×1 digits, uncompiled. */
export function mnistCnn(
  layers: Pick<TfjsLayers, 'sequential' | 'layers' | 'initializers'>,
  seed: number,
): tfl.Sequential {
  const init = (offset: number) => layers.initializers.glorotUniform({ seed: seed + offset });
  return layers.sequential({
    layers: [
      layers.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 8,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: init(0),
      }),
      layers.layers.maxPooling2d({ poolSize: 2 }),
      layers.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu', kernelInitializer: init(1) }),
      layers.layers.maxPooling2d({ poolSize: 2 }),
      layers.layers.flatten(),
      layers.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: init(2) }),
    ],
  });
}

function compile(tf: TfjsLayers, model: tfl.LayersModel): tfl.LayersModel {
  model.compile({
    optimizer: tf.train.adam(TRAIN_LEARNING_RATE),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
  });
  return model;
}

/** The MLP 784-128-64-10 (ReLU, softmax), Adam lr 1e-3, sparse categorical cross-entropy, accuracy. */
export function createMnistMlp(tf: TfjsLayers): tfl.LayersModel {
  const init = (offset: number) => tf.initializers.glorotUniform({ seed: SEED + offset });
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu', kernelInitializer: init(0) }),
      tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: init(1) }),
      tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: init(2) }),
    ],
  });
  return compile(tf, model);
}

/** The CNN of {@link mnistCnn}, Adam lr 1e-3, sparse categorical cross-entropy, accuracy. */
export function createMnistCnn(tf: TfjsLayers): tfl.LayersModel {
  return compile(tf, mnistCnn(tf, SEED));
}

/** How workers build each model. */
export const MNIST_MODEL_REFS: Readonly<Record<MnistModel, ModelRef>> = {
  mlp: defineModel(import.meta.url, 'createMnistMlp'),
  cnn: defineModel(import.meta.url, 'createMnistCnn'),
};
