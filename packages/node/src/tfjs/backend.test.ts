import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { isWeftError } from '@weft/core';
import { describe, expect, it } from 'vitest';
import { useTfjsBackend, type TfjsBackendName } from './backend.js';
import { tfjsWasmDir, tfjsWasmDirUrl } from './wasm-paths.js';

describe('tfjsWasmDir', () => {
  it('points at the installed wasm binaries, whatever the working directory', () => {
    const cwd = process.cwd();
    process.chdir('/');
    try {
      const dir = tfjsWasmDir();
      expect(isAbsolute(dir)).toBe(true);
      expect(existsSync(`${dir}tfjs-backend-wasm-simd.wasm`)).toBe(true);
      expect(tfjsWasmDirUrl()).toMatch(/^file:\/\/.*\/dist\/$/);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('useTfjsBackend', () => {
  it.each(['wasm', 'cpu', 'wasm'] as const)('selects %s and computes with it', async (name) => {
    await useTfjsBackend(tf, name);
    expect(tf.getBackend()).toBe(name);
    const product = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])).dataSync()[0]);
    expect(product).toBe(11);
  });

  it('rejects an unknown backend with UNSUPPORTED', async () => {
    const error = await useTfjsBackend(tf, 'webgpu' as TfjsBackendName).catch((e: unknown) => e);
    expect(isWeftError(error, 'UNSUPPORTED')).toBe(true);
  });
});
