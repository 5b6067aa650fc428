/** @module stats — summary statistics for benchmark samples. */
import { WeftError } from './errors.js';

/** Median, spread and extremes of a set of samples. */
export interface Summary {
  /** Number of samples. */
  readonly n: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly median: number;
  /** 10th percentile. */
  readonly p10: number;
  /** 90th percentile. */
  readonly p90: number;
  /** 99th percentile. */
  readonly p99: number;
  /** Sample standard deviation (0 for one sample). */
  readonly stdev: number;
}

/**
 * The `q`-quantile (0..1) of already sorted values, by linear interpolation between closest ranks
 * (the method NumPy uses by default).
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) throw new WeftError('INVALID_ARGUMENT', 'quantile of an empty sample');
  if (!(q >= 0 && q <= 1)) throw new WeftError('INVALID_ARGUMENT', `quantile must be within 0..1 (got ${q})`);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

/** Summarises samples; throws `INVALID_ARGUMENT` on an empty or non-finite sample. */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new WeftError('INVALID_ARGUMENT', 'cannot summarise an empty sample');
  if (samples.some((x) => !Number.isFinite(x)))
    throw new WeftError('INVALID_ARGUMENT', 'samples must be finite numbers');
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  const mean = sorted.reduce((s, x) => s + x, 0) / n;
  const variance = n > 1 ? sorted.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1) : 0;
  return {
    n,
    min: sorted[0] as number,
    max: sorted[n - 1] as number,
    mean,
    median: quantileSorted(sorted, 0.5),
    p10: quantileSorted(sorted, 0.1),
    p90: quantileSorted(sorted, 0.9),
    p99: quantileSorted(sorted, 0.99),
    stdev: Math.sqrt(variance),
  };
}
