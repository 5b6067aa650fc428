import * as tf from '@tensorflow/tfjs-core';
import { computeGradients, initialWeights, type ModelSpec } from '@weft/core';
import { createPrng } from '@weft/core/study';
import { describe, expect, it } from 'vitest';
import { useTfjsBackend } from './backend.js';

describe('computeGradients on wasm', () => {
  it("gives the cpu backend's gradients (wasm takes the explicit-transpose path for aᵀ·dz)", async () => {
    const spec: ModelSpec = { kind: 'mlp', layers: [20, 16, 8, 4], activation: 'relu', seed: 3 };
    const prng = createPrng(9);
    const rows = 33;
    const x = Float32Array.from({ length: rows * 20 }, () => prng.normal());
    const labels = Int32Array.from({ length: rows }, () => prng.int(4));
    const weights = initialWeights(spec);
    const gradients = async (backend: 'cpu' | 'wasm') => {
      await useTfjsBackend(tf, backend);
      const out = new Float32Array(weights.length);
      const loss = computeGradients(tf, spec, weights, x, labels, out);
      return { loss, out };
    };
    const cpu = await gradients('cpu');
    const wasm = await gradients('wasm');
    expect(wasm.loss).toBeCloseTo(cpu.loss, 5);
    let maxDiff = 0;
    for (let i = 0; i < cpu.out.length; i += 1)
      maxDiff = Math.max(maxDiff, Math.abs((cpu.out[i] as number) - (wasm.out[i] as number)));
    expect(maxDiff).toBeLessThan(1e-5);
    expect(cpu.out.some((g) => g !== 0)).toBe(true);
  });
});
