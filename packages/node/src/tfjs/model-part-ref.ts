/**
 * @module tfjs/model-part-ref — the reference of the task in model-part-task.ts, made without importing that module:
 * naming the task loads no tfjs (workers import the task module when they run it).
 */
import { defineTask, type ModelPartInput, type PartOutput } from '@weft/core';

/**
 * The task every worker of `fit` runs: one part of a step, on the backend named in its input. It only computes
 * gradients, so it is idempotent: a cluster runs it again when the agent running it dies.
 */
export const modelPartTask = defineTask<ModelPartInput, PartOutput>(
  new URL('./model-part-task.js', import.meta.url),
  'modelPart',
  { idempotent: true },
);
