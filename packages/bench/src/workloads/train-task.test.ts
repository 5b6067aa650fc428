import * as tf from '@tensorflow/tfjs-core';
import {
  createDataParallelTrainer,
  defineTask,
  evaluateModel,
  type Executor,
  type TrainerPartInput,
  type TrainerPartOutput,
} from '@weft/core';
import { nodeThreadsExecutor } from '@weft/node';
import { useTfjsBackend } from '@weft/node/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../data/mnist.js';
import { sliceRows } from '../data/mnist-shape.js';

// Workers load built code: the task is the dist build of train-task.ts (build bench first).
const trainerPartTask = defineTask<TrainerPartInput, TrainerPartOutput>(
  new URL('../../dist/workloads/train-task.js', import.meta.url),
  'trainerPart',
);
const spec = { kind: 'mlp', layers: [784, 32, 10], activation: 'relu', seed: 4 } as const;
const pools: Executor[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

async function trainOn(executor: Executor, parts: number, exchange: 'copy' | 'transfer' | 'shared') {
  const { train, test } = await loadMnist();
  const trainer = createDataParallelTrainer({
    executor,
    task: trainerPartTask,
    spec,
    backend: 'wasm',
    data: sliceRows(train, 1200),
    parts,
    exchange,
    optimizer: { learningRate: 3e-3 },
  });
  for (let e = 0; e < 2; e += 1) await trainer.trainEpoch(100);
  await useTfjsBackend(tf, 'wasm');
  return {
    weights: trainer.weights(),
    accuracy: evaluateModel(tf, spec, trainer.weights(), sliceRows(test, 600)).accuracy,
  };
}

describe('data-parallel training on MNIST in worker threads', () => {
  it.each(['copy', 'transfer', 'shared'] as const)(
    '2 workers with %s reach the same model as 1 part on the main thread',
    async (exchange) => {
      const { inlineExecutor } = await import('@weft/core');
      const single = await trainOn(inlineExecutor(), 1, 'copy');
      const pool = nodeThreadsExecutor({ size: 2 });
      pools.push(pool);
      const parallel = await trainOn(pool, 2, exchange);
      expect(single.accuracy).toBeGreaterThan(0.75);
      expect(Math.abs(parallel.accuracy - single.accuracy)).toBeLessThanOrEqual(0.005);
      let maxDiff = 0;
      for (let i = 0; i < single.weights.length; i += 1)
        maxDiff = Math.max(maxDiff, Math.abs((single.weights[i] as number) - (parallel.weights[i] as number)));
      expect(maxDiff).toBeLessThan(1e-3);
    },
  );
});
