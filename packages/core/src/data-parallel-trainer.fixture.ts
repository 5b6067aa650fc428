/**
 * @module data-parallel-trainer.fixture — a trainer-part task for core's own tests. It runs on whatever tfjs backend
 * the calling thread registered (the tests register `cpu`), so it is meant for inline and concurrent executors.
 */
import * as tf from '@tensorflow/tfjs-core';
import { defineTask, type TransferResult } from './task.js';
import { runTrainerPart, type TrainerPartInput, type TrainerPartOutput } from './trainer-part.js';

/** Runs {@link runTrainerPart} with this thread's tfjs. */
export function currentBackendTrainerPart(
  input: TrainerPartInput,
): TrainerPartOutput | TransferResult<TrainerPartOutput> {
  return runTrainerPart(tf, input);
}

/** Task reference of {@link currentBackendTrainerPart}. */
export const currentBackendTrainerPartTask = defineTask<TrainerPartInput, TrainerPartOutput>(
  import.meta.url,
  'currentBackendTrainerPart',
);
