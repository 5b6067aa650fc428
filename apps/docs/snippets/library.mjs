// node library.mjs — one call, every core: the native TensorFlow library's own thread pool (Python: torch.matmul)
import * as tf from '@tensorflow/tfjs-core';
import { useTfjsBackend } from '@weft/node/tfjs';

await useTfjsBackend(tf, 'tensorflow'); // @tensorflow/tfjs-node; TF_NUM_INTRAOP_THREADS caps its threads
const a = tf.randomNormal([1024, 1024]);
const b = tf.randomNormal([1024, 1024]);
const start = performance.now();
const c = tf.matMul(a, b);
await c.data();
console.log(`matMul 1024: ${((2 * 1024 ** 3) / (performance.now() - start) / 1e6).toFixed(1)} GFLOP/s`);
