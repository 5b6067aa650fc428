/**
 * @module fit.fixture — models and the model-part task for core's own `fit` tests. The task runs on whatever tfjs
 * backend the calling thread registered (the tests register `cpu`), so it is meant for inline and concurrent executors.
 */
import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { PartOutput } from './part-trainer.js';
import { runModelPart, type ModelPartInput } from './model-part.js';
import { defineModel, type TfjsLayers } from './model-ref.js';
import { defineTask, type TransferResult } from './task.js';

/** tfjs-core and tfjs-layers together, as model factories receive them. */
export const tf = { ...tfc, ...tfl } as TfjsLayers;

/** Seeded Glorot initialisers, so that every test starts from the same weights. */
const seeded = (t: TfjsLayers, seed: number) => t.initializers.glorotUniform({ seed });

/** An MLP 8-16-3 for 3 classes, sparse categorical cross-entropy, Adam, accuracy. */
export function createMlp(t: TfjsLayers): LayersModel {
  const model = t.sequential({
    layers: [
      t.layers.dense({ inputShape: [8], units: 16, activation: 'relu', kernelInitializer: seeded(t, 1) }),
      t.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: seeded(t, 2) }),
    ],
  });
  model.compile({ optimizer: t.train.adam(0.01), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/** A small CNN on 6×6×1 images for 3 classes, one-hot targets, categorical cross-entropy, SGD. */
export function createCnn(t: TfjsLayers): LayersModel {
  const model = t.sequential({
    layers: [
      t.layers.conv2d({
        inputShape: [6, 6, 1],
        filters: 4,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: seeded(t, 3),
      }),
      t.layers.maxPooling2d({ poolSize: 2 }),
      t.layers.flatten(),
      t.layers.dense({
        units: 3,
        activation: 'softmax',
        kernelInitializer: seeded(t, 4),
        kernelRegularizer: t.regularizers.l2({ l2: 0.01 }),
      }),
    ],
  });
  model.compile({ optimizer: t.train.sgd(0.1), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/** A linear regression 8 → 2 with mean squared error. */
export function createRegression(t: TfjsLayers): LayersModel {
  const model = t.sequential({
    layers: [t.layers.dense({ inputShape: [8], units: 2, kernelInitializer: seeded(t, 5) })],
  });
  model.compile({ optimizer: t.train.adam(0.05), loss: 'meanSquaredError' });
  return model;
}

export const mlpModel = defineModel(import.meta.url, 'createMlp');
export const cnnModel = defineModel(import.meta.url, 'createCnn');
export const regressionModel = defineModel(import.meta.url, 'createRegression');

/** Runs {@link runModelPart} with this thread's tfjs. */
export function currentBackendModelPart(input: ModelPartInput): Promise<PartOutput | TransferResult<PartOutput>> {
  return runModelPart(tf, input);
}

/** Task reference of {@link currentBackendModelPart}. */
export const modelPartTask = defineTask<ModelPartInput, PartOutput>(import.meta.url, 'currentBackendModelPart');
