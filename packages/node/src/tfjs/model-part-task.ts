/**
 * @module tfjs/model-part-task — the task every worker (thread or process) of `fit` runs: selects the backend named
 * in the input once per thread, then computes its shard with core's `runModelPart` on tfjs-core and tfjs-layers.
 * Its task reference is in model-part-ref.ts, so that naming the task does not load tfjs.
 */
import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { runModelPart, type ModelPartInput, type PartOutput, type TfjsLayers, type TransferResult } from '@weft/core';
import { ensureTfjsBackend } from './ensure-backend.js';

/** tfjs-core's ops and tfjs-layers' builders: the `tf` model factories receive in workers. */
const tf = { ...tfc, ...tfl } as TfjsLayers;

/** One part of a `fit` step on the backend named in the input. */
export async function modelPart(input: ModelPartInput): Promise<PartOutput | TransferResult<PartOutput>> {
  await ensureTfjsBackend(input.backend);
  return runModelPart(tf, input);
}
