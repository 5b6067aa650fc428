import { describe, expect, it } from 'vitest';
import { createPrng } from './prng.js';

describe('createPrng', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const c = createPrng(43);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
  });
  it('stays in [0, 1) with a mean near 1/2', () => {
    const r = createPrng(1);
    const xs = Array.from({ length: 10_000 }, () => r.next());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });
  it('shuffles into a permutation, deterministically', () => {
    const shuffled = createPrng(7).shuffle(Int32Array.from({ length: 100 }, (_, i) => i));
    expect([...shuffled].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...shuffled]).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...createPrng(7).shuffle(Int32Array.from({ length: 100 }, (_, i) => i))]).toEqual([...shuffled]);
  });
  it('draws normals with mean 0 and variance 1', () => {
    const r = createPrng(3);
    const xs = Array.from({ length: 20_000 }, () => r.normal());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(mean).toBeCloseTo(0, 1);
    expect(variance).toBeCloseTo(1, 1);
  });
});
