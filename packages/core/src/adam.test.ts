import { describe, expect, it } from 'vitest';
import { createAdam } from './adam.js';
import { isWeftError } from './errors.js';

describe('createAdam', () => {
  it('takes one step as computed by hand', () => {
    const adam = createAdam(2, { learningRate: 0.1 });
    const w = new Float32Array([1, -2]);
    adam.step(w, new Float32Array([0.5, -4]));
    // Step 1: m̂ = g, v̂ = g², so the update is lr · g / (|g| + eps) = ±lr.
    expect(w[0]).toBeCloseTo(0.9, 6);
    expect(w[1]).toBeCloseTo(-1.9, 6);
    adam.step(w, new Float32Array([0.5, 0]));
    // Step 2, second weight: m = 0.9·0.1·(-4) = -0.36, v = 0.999·0.001·16 = 0.015984.
    const m = -0.36 / (1 - 0.81);
    const v = 0.015984 / (1 - 0.998001);
    expect(w[1]).toBeCloseTo(-1.9 - (0.1 * m) / (Math.sqrt(v) + 1e-8), 5);
    expect(w[0]).toBeCloseTo(0.8, 6);
    expect(adam.steps).toBe(2);
  });

  it('rejects mismatched lengths and bad hyper-parameters', () => {
    const adam = createAdam(2);
    expect(() => adam.step(new Float32Array(3), new Float32Array(2))).toThrow(/created for 2 parameters/);
    let error: unknown;
    try {
      createAdam(2, { learningRate: 0 });
    } catch (e) {
      error = e;
    }
    expect(isWeftError(error, 'INVALID_ARGUMENT')).toBe(true);
  });
});
