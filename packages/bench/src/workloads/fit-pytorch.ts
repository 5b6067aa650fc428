/**
 * @module workloads/fit-pytorch — PyTorch on the CPU as a contestant of the `fit` comparison: the same model, initial
 * weights, batches (Weft's shards, in the same shuffled shard order each epoch) and Adam (tfjs's epsilon, as
 * `model.fit` and `fit()` use) as Weft's configurations.
 */
import type { LabelledData } from '@weft/core';
import { createPrng } from '@weft/core/study';
import type { FitContestant, FitSettings } from './fit-contestant.js';
import type { MnistModel } from './mnist-models.js';
import type { EpochTrainer } from './epoch-trainer.js';
import { pytorchTrainer } from './train-trainers.js';

/**
 * The row order of each epoch as Weft's `fit` configurations read the shards: shard k holds rows
 * `[k·batch, (k+1)·batch)`, and the shard list is reshuffled every epoch by a generator seeded `seed`.
 */
export function shardOrders(rows: number, batch: number, seed: number, epochs: number): Int32Array[] {
  const shards = Array.from({ length: Math.ceil(rows / batch) }, (_, k) => k);
  const prng = createPrng(seed);
  return Array.from({ length: epochs }, () => {
    prng.shuffle(shards);
    const order = new Int32Array(rows);
    let at = 0;
    for (const k of shards) for (let r = k * batch; r < Math.min((k + 1) * batch, rows); r += 1) order[at++] = r;
    return order;
  });
}

/** The `pytorch` contestant of `model` on `threads` threads, for `epochs` epochs; `test` is what it scores itself on. */
export function pytorchFitContestant(
  settings: FitSettings,
  model: MnistModel,
  threads: number,
  seed: number,
  epochs: number,
  test: LabelledData,
): FitContestant {
  let trainer: EpochTrainer | undefined;
  return {
    strategy: 'pytorch',
    backend: 'pytorch',
    parameters: { model, workers: 0, batch: settings.batch, threads },
    label: `PyTorch, ${model}, ${threads} thread${threads === 1 ? '' : 's'}`,
    async prepare() {
      const { batch, train } = settings;
      trainer = await pytorchTrainer({
        model,
        batch,
        seed: settings.spec.seed,
        train,
        test,
        threads,
        epochs,
        orders: shardOrders(train.rows, batch, seed, epochs),
        epsilon: 1e-7,
      });
    },
    epoch: () => (trainer as EpochTrainer).trainEpoch(),
    weights: () => new Float32Array(0),
    accuracy: async () => (trainer as EpochTrainer).testAccuracy(test),
    close: async () => trainer?.close?.(),
  };
}
