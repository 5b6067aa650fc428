// A trainer-part task for src/trainer-faults.test.ts that misbehaves on marked rows: a row whose first feature holds
// one of the sentinels below makes its part throw, crash its worker, hang, or straggle (keep writing into its shared
// gradient slot for a while after computing, as a part of a failed step that is still running would).
/* global setTimeout */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { defineTask, runTrainerPart } from '@weft/core';

export const THROW = 1e6;
export const CRASH = 2e6;
export const HANG = 3e6;
export const STRAGGLE = 4e6;

tf.enableProdMode();
await tf.setBackend('cpu');

function firstFeatures(input) {
  const features = input.spec.layers[0];
  const { rows } = input;
  const starts = rows.kind === 'rows' ? rows.labels.map((_, i) => i) : rows.indices;
  return Array.from(starts, (row) => rows.x[row * features]);
}

export async function faultyPart(input) {
  const marks = firstFeatures(input);
  if (marks.includes(THROW)) throw new Error('fixture: a part failed');
  if (marks.includes(CRASH)) {
    setTimeout(() => {
      throw new Error('fixture: a part crashed its worker');
    }, 1);
    return new Promise(() => undefined);
  }
  if (marks.includes(HANG)) return new Promise(() => undefined);
  const output = runTrainerPart(tf, input);
  if (marks.includes(STRAGGLE) && input.gradients !== undefined) {
    for (let end = Date.now() + 400; Date.now() < end;) {
      input.gradients.fill(0.5);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }
  return output;
}
export const faultyPartTask = defineTask(import.meta.url, 'faultyPart');

/** How many tensors this thread's tfjs holds. */
export function tensorCount() {
  return tf.memory().numTensors;
}
export const tensorCountTask = defineTask(import.meta.url, 'tensorCount');
