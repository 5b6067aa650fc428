/**
 * @module train-task — the trainer-part task of the `train` workload: the module every worker imports. It selects
 * the requested tfjs backend once per thread (`ensureTfjsBackend`), then computes its shard's gradients with `runTrainerPart`.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  defineTask,
  runTrainerPart,
  type TrainerPartInput,
  type TrainerPartOutput,
  type TransferResult,
} from '@weft/core';
import { ensureTfjsBackend } from '@weft/node/tfjs';

/** Computes one part's gradients on the backend named in the input. */
export async function trainerPart(
  input: TrainerPartInput,
): Promise<TrainerPartOutput | TransferResult<TrainerPartOutput>> {
  await ensureTfjsBackend(input.backend);
  return runTrainerPart(tf, input);
}

/** Task reference of {@link trainerPart}. */
export const trainerPartTask = defineTask<TrainerPartInput, TrainerPartOutput>(import.meta.url, 'trainerPart');
