// Chromium: the wasm backend with wasmThreads: 1 in its own page (the wasm backend initialises once per page).
import * as tf from '@tensorflow/tfjs-core';
import { useTfjsBackend } from '@weft/browser/tfjs';
import { expect, it } from 'vitest';
import { wasmPaths } from './tfjs-wasm-paths.js';

it('wasm: SIMD on one thread when asked, even where cross-origin isolated', async () => {
  const how = await useTfjsBackend(tf, 'wasm', { wasmPaths, wasmThreads: 1 });
  expect(how.detail).toBe('SIMD binary, 1 thread (cross-origin isolated; 1 thread asked)');
  const product = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])).dataSync()[0]);
  expect(product).toBe(11);
});
