// The example's tasks: a square, and one part of a data-parallel training step on tfjs's cpu backend.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { defineTask, runTrainerPart } from '@weft/core';

export function square(n) {
  return n * n;
}
export const squareTask = defineTask(import.meta.url, 'square', { idempotent: true });

await tf.setBackend('cpu');
export function trainerPart(input) {
  return runTrainerPart(tf, input);
}
export const trainerPartTask = defineTask(import.meta.url, 'trainerPart', { idempotent: true });
