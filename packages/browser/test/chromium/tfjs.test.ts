// Chromium: the tfjs backends through @weft/browser/tfjs, in a cross-origin isolated page (COOP/COEP headers):
// wasm with the threaded binary, webgl (headless Chromium with --disable-gpu: SwiftShader, or a clear reason), webgpu (available
// or a clear reason). One test file per wasm thread setting: the wasm backend initialises once per page.
import * as tf from '@tensorflow/tfjs-core';
import { probeTfjsBackend, useTfjsBackend } from '@weft/browser/tfjs';
import { describe, expect, it } from 'vitest';
import { wasmPaths } from './tfjs-wasm-paths.js';

const matMul = (): number[][] =>
  tf.tidy(
    () =>
      tf
        .matMul(
          tf.tensor2d([
            [1, 2, 3],
            [4, 5, 6],
          ]),
          tf.tensor2d([
            [7, 8],
            [9, 10],
            [11, 12],
          ]),
        )
        .arraySync() as number[][],
  );

describe('@weft/browser/tfjs in Chromium', () => {
  it('wasm: threaded SIMD in a cross-origin isolated page', async () => {
    expect(globalThis.crossOriginIsolated).toBe(true);
    const how = await useTfjsBackend(tf, 'wasm', { wasmPaths, wasmThreads: 2 });
    console.info(`wasm: ${how.detail}`);
    expect(tf.getBackend()).toBe('wasm');
    expect(how).toMatchObject({
      name: 'wasm',
      status: 'available',
      version: expect.stringMatching(/^tfjs-backend-wasm 4\./),
    });
    // The threaded-SIMD binary is chosen; how many XNNPACK threads start is reported, not asserted (under Vite's
    // pre-bundling tfjs-backend-wasm 4.22 reported 1 of 2 here).
    expect(how.detail).toMatch(/^threaded-SIMD binary, [1-2] of 2 threads running \(cross-origin isolated\)$/);
    expect(matMul()).toEqual([
      [58, 64],
      [139, 154],
    ]);
  });

  it('webgl: runs (SwiftShader under --disable-gpu) or says why not', async () => {
    const probe = await probeTfjsBackend(tf, 'webgl');
    console.info(`webgl: ${JSON.stringify(probe)}`);
    if (probe.status === 'available') {
      expect(probe.detail).toMatch(/^WebGL [12], /);
      await useTfjsBackend(tf, 'webgl');
      expect(tf.getBackend()).toBe('webgl');
      expect(matMul()).toEqual([
        [58, 64],
        [139, 154],
      ]);
    } else {
      expect(probe).toMatchObject({ status: 'broken', reason: expect.stringMatching(/^no WebGL context: /) });
    }
  });

  it('webgpu: runs or says why not (no navigator.gpu, no adapter)', async () => {
    const before = tf.getBackend();
    const probe = await probeTfjsBackend(tf, 'webgpu');
    console.info(`webgpu: ${JSON.stringify(probe)}`);
    expect(tf.getBackend()).toBe(before);
    if (probe.status === 'available') {
      await useTfjsBackend(tf, 'webgpu');
      expect(matMul()).toEqual([
        [58, 64],
        [139, 154],
      ]);
    } else {
      expect(probe).toMatchObject({
        status: 'broken',
        reason: expect.stringMatching(/^no (navigator\.gpu|WebGPU adapter)/),
      });
      const error = await useTfjsBackend(tf, 'webgpu').catch((e: unknown) => e);
      expect((error as { code?: string }).code).toBe('UNSUPPORTED');
      expect((error as Error).message).toContain(probe.reason);
    }
  });
});
