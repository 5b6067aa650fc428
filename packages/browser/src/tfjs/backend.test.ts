import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { isWeftError } from '@weft/core';
import { describe, expect, it } from 'vitest';
import { useTfjsBackend, type TfjsBackendName } from './backend.js';
import { probeTfjsBackend } from './probe.js';

// The browser adapter in Node, a host that is not cross-origin isolated and has neither WebGL nor WebGPU: the real
// fallbacks and reasons. The same code in Chromium: test/chromium/tfjs*.test.ts.
const wasmDir =
  join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + sep;

describe('@weft/browser/tfjs outside a browser', () => {
  it('runs wasm on one SIMD thread when not cross-origin isolated, and says so', async () => {
    expect(globalThis.crossOriginIsolated).toBeUndefined();
    const how = await useTfjsBackend(tf, 'wasm', { wasmPaths: wasmDir, wasmThreads: 4 });
    expect(how).toMatchObject({
      name: 'wasm',
      status: 'available',
      version: expect.stringMatching(/^tfjs-backend-wasm 4\./),
    });
    expect(how.detail).toBe('SIMD binary, 1 thread (not cross-origin isolated; threads need COOP/COEP headers)');
    expect(tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])).dataSync()[0])).toBe(11);
  });

  it('selects cpu', async () => {
    const how = await useTfjsBackend(tf, 'cpu');
    expect(how).toMatchObject({ name: 'cpu', status: 'available' });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('probes webgl and webgpu as broken with the reason, leaving the current backend selected', async () => {
    await useTfjsBackend(tf, 'cpu');
    const webgl = await probeTfjsBackend(tf, 'webgl');
    expect(webgl).toEqual({
      name: 'webgl',
      status: 'broken',
      reason: 'no WebGL context: neither OffscreenCanvas nor document here',
    });
    const webgpu = await probeTfjsBackend(tf, 'webgpu');
    expect(webgpu.status).toBe('broken');
    expect(webgpu.reason).toMatch(/^no navigator\.gpu: /);
    expect(tf.getBackend()).toBe('cpu');
    const error = await useTfjsBackend(tf, 'webgl').catch((e: unknown) => e);
    expect(isWeftError(error, 'UNSUPPORTED')).toBe(true);
    expect((error as Error).message).toBe(
      'tfjs backend "webgl" unavailable: no WebGL context: neither OffscreenCanvas nor document here',
    );
  });

  it('rejects an unknown backend and bad wasmThreads', async () => {
    const unknown = await useTfjsBackend(tf, 'tensorflow' as TfjsBackendName).catch((e: unknown) => e);
    expect(isWeftError(unknown, 'UNSUPPORTED')).toBe(true);
    expect(await probeTfjsBackend(tf, 'tensorflow' as TfjsBackendName)).toMatchObject({
      status: 'broken',
    });
    const bad = await useTfjsBackend(tf, 'wasm', { wasmThreads: 0 }).catch((e: unknown) => e);
    expect(isWeftError(bad, 'INVALID_ARGUMENT')).toBe(true);
  });
});
