import { describe, expect, it } from 'vitest';
import { isWeftError } from './errors.js';
import { initialWeights, parameterCount, parameterShapes, type ModelSpec } from './model.js';

const spec: ModelSpec = { kind: 'mlp', layers: [784, 128, 64, 10], activation: 'relu', seed: 7 };

describe('model', () => {
  it('lays out kernels and biases in order', () => {
    const shapes = parameterShapes(spec);
    expect(shapes.map((p) => [p.name, p.shape, p.offset])).toEqual([
      ['w0', [784, 128], 0],
      ['b0', [128], 100352],
      ['w1', [128, 64], 100480],
      ['b1', [64], 108672],
      ['w2', [64, 10], 108736],
      ['b2', [10], 109376],
    ]);
    expect(parameterCount(spec)).toBe(109386);
  });

  it('gives the same weights for the same seed and different ones for another', () => {
    const a = initialWeights(spec);
    expect(initialWeights(spec)).toEqual(a);
    expect(initialWeights({ ...spec, seed: 8 })).not.toEqual(a);
  });

  it('draws Glorot-uniform kernels within their limit and zero biases', () => {
    const w = initialWeights(spec);
    for (const p of parameterShapes(spec)) {
      const values = w.subarray(p.offset, p.offset + p.size);
      if (p.shape.length === 1) {
        expect(values.every((v) => v === 0)).toBe(true);
      } else {
        const limit = Math.sqrt(6 / ((p.shape[0] as number) + (p.shape[1] as number)));
        expect(values.every((v) => Math.abs(v) <= limit)).toBe(true);
        const mean = values.reduce((s, v) => s + v, 0) / values.length;
        const variance = values.reduce((s, v) => s + v * v, 0) / values.length;
        expect(Math.abs(mean)).toBeLessThan(limit * 0.05);
        expect(variance).toBeCloseTo((limit * limit) / 3, 2); // variance of U(-l, l)
      }
    }
  });

  it('rejects a bad spec with INVALID_ARGUMENT', () => {
    for (const bad of [
      { ...spec, layers: [784] },
      { ...spec, layers: [784, 0, 10] },
      { ...spec, activation: 'gelu' },
      { ...spec, kind: 'cnn' },
    ]) {
      let error: unknown;
      try {
        parameterShapes(bad as ModelSpec);
      } catch (e) {
        error = e;
      }
      expect(isWeftError(error, 'INVALID_ARGUMENT')).toBe(true);
    }
  });
});
