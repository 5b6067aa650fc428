/**
 * @module runners/browser/train-task — the `train` workload's trainer part for browsers (bundled by the host as
 * `/train-task.js`): tfjs on the wasm backend (one thread), its `.wasm` files fetched from the host's `/tfjs/`.
 * Loaded by Weft's web workers and, for the main-thread case, by the page itself.
 */
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import {
  WeftError,
  defineTask,
  evaluateModel,
  runTrainerPart,
  type Evaluation,
  type LabelledData,
  type ModelSpec,
  type TrainerPartInput,
  type TrainerPartOutput,
  type TransferResult,
} from '@weft/core';

let ready: Promise<void> | undefined;

/** Selects the wasm backend in this thread once (binaries from `/tfjs/` beside this module). */
export function ensureWasm(): Promise<void> {
  ready ??= (async () => {
    tf.enableProdMode();
    setWasmPaths(new URL('/tfjs/', import.meta.url).href);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (!(await tf.setBackend('wasm')))
      throw new WeftError('UNSUPPORTED', 'tfjs wasm backend failed to initialise in this browser thread');
    await tf.ready();
  })();
  return ready;
}

/** Computes one part's gradients on the wasm backend. */
export async function trainerPart(
  input: TrainerPartInput,
): Promise<TrainerPartOutput | TransferResult<TrainerPartOutput>> {
  if (input.backend !== 'wasm')
    throw new WeftError('UNSUPPORTED', `the browser trainer runs on wasm only (got ${JSON.stringify(input.backend)})`);
  await ensureWasm();
  return runTrainerPart(tf, input);
}

/** {@link trainerPart} as a task. */
export const trainerPartTask = defineTask<TrainerPartInput, TrainerPartOutput>(import.meta.url, 'trainerPart');

/** Test accuracy of `weights` on `test`, with this module's tfjs. */
export async function evaluate(spec: ModelSpec, weights: Float32Array, test: LabelledData): Promise<Evaluation> {
  await ensureWasm();
  return evaluateModel(tf, spec, weights, test);
}
