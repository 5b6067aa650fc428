import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { isWeftError } from '@weft/core';
import { describe, expect, it } from 'vitest';
import { useTfjsBackend, type TfjsBackendName } from './backend.js';
import { probeTfjsBackend } from './probe.js';
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
    const selected = await useTfjsBackend(tf, name);
    expect(selected).toMatchObject({
      name,
      status: 'available',
      version: expect.stringMatching(`^tfjs-backend-${name} \\d`),
    });
    if (name === 'wasm') expect(selected.detail).toBe('1 thread');
    expect(tf.getBackend()).toBe(name);
    const product = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])).dataSync()[0]);
    expect(product).toBe(11);
  });

  it('rejects an unknown backend with UNSUPPORTED', async () => {
    const error = await useTfjsBackend(tf, 'webgpu' as TfjsBackendName).catch((e: unknown) => e);
    expect(isWeftError(error, 'UNSUPPORTED')).toBe(true);
  });
});

describe('probeTfjsBackend', () => {
  it('finds a pure-JS backend available on the tfjs-core it is given, and selects nothing', async () => {
    await useTfjsBackend(tf, 'wasm');
    const probe = await probeTfjsBackend(tf, 'cpu');
    expect(probe).toMatchObject({
      name: 'cpu',
      status: 'available',
      version: expect.stringMatching(/^tfjs-backend-cpu \d/),
    });
    expect(tf.getBackend()).toBe('wasm');
  });

  it('says broken when the backend registered on another copy of tfjs-core than the one passed in', async () => {
    const otherCopy = { engine: () => ({ registry: {} }), findBackendFactory: () => null } as unknown as typeof tf;
    const probe = await probeTfjsBackend(otherCopy, 'cpu');
    expect(probe.status).toBe('broken');
    expect(probe.reason).toContain('another copy of @tensorflow/tfjs-core');
  });
});
