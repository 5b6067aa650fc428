/**
 * @module train-task — the trainer-part task of the `train` workload: the module every worker imports. It selects
 * the requested tfjs backend once per thread, then computes its shard's gradients with `runTrainerPart`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { WeftError, defineTask, runTrainerPart, type TrainerPartInput, type TrainerPartOutput, type TransferResult } from '@weft/core';
import { TFJS_BACKENDS, useTfjsBackend, type TfjsBackendName } from '@weft/node/tfjs';

let selecting: { readonly name: string; readonly ready: Promise<void> } | undefined;

/** Selects `name` in this thread unless it is already selected (backend init happens once per thread). */
export async function ensureTfjsBackend(name: string): Promise<void> {
  if (!TFJS_BACKENDS.includes(name as TfjsBackendName)) {
    throw new WeftError('UNSUPPORTED', `train tasks run on ${TFJS_BACKENDS.join(' or ')} (got ${JSON.stringify(name)})`);
  }
  if (selecting?.name !== name || tf.getBackend() !== name) {
    const ready = useTfjsBackend(tf, name as TfjsBackendName);
    selecting = { name, ready };
    ready.catch(() => {
      if (selecting?.ready === ready) selecting = undefined;
    });
  }
  await selecting.ready;
}

/** Computes one part's gradients on the backend named in the input. */
export async function trainerPart(input: TrainerPartInput): Promise<TrainerPartOutput | TransferResult<TrainerPartOutput>> {
  await ensureTfjsBackend(input.backend);
  return runTrainerPart(tf, input);
}

/** Task reference of {@link trainerPart}. */
export const trainerPartTask = defineTask<TrainerPartInput, TrainerPartOutput>(import.meta.url, 'trainerPart');
