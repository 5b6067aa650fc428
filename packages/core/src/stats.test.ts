import { describe, expect, it } from 'vitest';
import { quantileSorted, summarize } from './stats.js';

describe('summarize', () => {
  it('computes median, percentiles and spread like NumPy', () => {
    const s = summarize([5, 1, 4, 2, 3]);
    expect(s).toMatchObject({ n: 5, min: 1, max: 5, mean: 3, median: 3 });
    expect(s.p10).toBeCloseTo(1.4);
    expect(s.p90).toBeCloseTo(4.6);
    expect(s.stdev).toBeCloseTo(Math.sqrt(2.5));
  });
  it('interpolates the median of an even sample', () => {
    expect(summarize([1, 2, 3, 10]).median).toBe(2.5);
  });
  it('gives a zero spread for one sample', () => {
    expect(summarize([7])).toMatchObject({ n: 1, median: 7, p10: 7, p90: 7, stdev: 0 });
  });
  it('rejects empty and non-finite samples', () => {
    expect(() => summarize([])).toThrow(/empty/);
    expect(() => summarize([1, Number.NaN])).toThrow(/finite/);
  });
  it('rejects a quantile outside 0..1', () => {
    expect(() => quantileSorted([1], 1.5)).toThrow(/within 0..1/);
  });
});
