/**
 * @module workloads/spec-trainer — the `mlp` trainer of the `train` workload: the MLP described by an `MlpSpec`
 * with Weft's hand-written gradients (`createDataParallelTrainer`), in any runtime: the host gives the part task its
 * workers import and how it scores weights on its tfjs.
 */
import {
  createDataParallelTrainer,
  type LabelledData,
  type ModelSpec,
  type TaskRef,
  type TrainerPartInput,
  type TrainerPartOutput,
} from '@weft/core';
import type { EpochTrainer, TrainerSettings } from './epoch-trainer.js';
import { TRAIN_LEARNING_RATE, trainModelSpec } from './mnist-models.js';

/** Warm-up steps before timing: each initialises the backend in the workers and lets the JIT settle. */
export const WARMUP_STEPS = 8;

/** Test accuracy (0–1) of `weights` on `test`, on the host's tfjs. */
export type ScoreWeights = (spec: ModelSpec, weights: Float32Array, test: LabelledData) => number | Promise<number>;

/** The `mlp` trainer (spec and hand-written gradients), after warm-up steps on a throw-away trainer. */
export async function specTrainer(
  s: TrainerSettings,
  task: TaskRef<TrainerPartInput, TrainerPartOutput>,
  score: ScoreWeights,
): Promise<EpochTrainer> {
  const spec = trainModelSpec(s.seed);
  const common = {
    executor: s.executor,
    task,
    spec,
    backend: s.backend,
    parts: s.parts,
    exchange: s.exchange,
    optimizer: { learningRate: TRAIN_LEARNING_RATE },
    data: s.train,
  };
  const warm = createDataParallelTrainer(common);
  const rows = Int32Array.from({ length: Math.min(s.batch, s.train.rows) }, (_, r) => r);
  for (let i = 0; i < WARMUP_STEPS; i += 1) await warm.step(rows);
  const trainer = createDataParallelTrainer({ ...common, shuffleSeed: s.seed });
  return {
    trainEpoch: async () => ({ loss: (await trainer.trainEpoch(s.batch)).loss }),
    stepTimings: () => trainer.stepTimings(),
    testAccuracy: async (test) => (await score(spec, trainer.weights(), test)) * 100,
  };
}
