// The training tasks of src/training.test.ts and of the README's cluster example: a trainer part on tfjs's cpu
// backend (idempotent: it only computes gradients) and an MLP factory for fit().
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { defineTask, runTrainerPart } from '@weft/core';

tf.enableProdMode();
await tf.setBackend('cpu');

/** One part of a data-parallel step: the mean gradients of its rows. */
export function digitsPart(input) {
  return runTrainerPart(tf, input);
}
/** Task reference of {@link digitsPart}. */
export const digitsPartTask = defineTask(import.meta.url, 'digitsPart', { idempotent: true });

/** An MLP 784-32-10 with seeded initial weights, for fit(). */
export function createDigitsMlp(tfl) {
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({
        inputShape: [784],
        units: 32,
        activation: 'relu',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
      }),
      tfl.layers.dense({
        units: 10,
        activation: 'softmax',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }),
      }),
    ],
  });
  model.compile({ optimizer: tfl.train.adam(0.01), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}
