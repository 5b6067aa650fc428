/** @module harness — timing loops: warm-up, then samples, on the runtime's high-resolution clock. */
import { checkPositiveInteger, platform } from '@weft/core/adapter';

/** How many repetitions to run before measuring and how many to measure. */
export interface SamplePlan {
  readonly warmup: number;
  readonly samples: number;
}

/**
 * Runs `fn` `plan.warmup` times unmeasured, then `plan.samples` times, and returns each measured duration in ms.
 * `fn` may return a promise; it is awaited inside the measured interval.
 */
export async function sampleMs(plan: SamplePlan, fn: () => unknown): Promise<number[]> {
  checkPositiveInteger('samples', plan.samples);
  for (let i = 0; i < plan.warmup; i += 1) await fn();
  const samples: number[] = [];
  for (let i = 0; i < plan.samples; i += 1) {
    const start = platform.now();
    await fn();
    samples.push(platform.now() - start);
  }
  return samples;
}

/** Times one call of `fn` in ms, with its result. */
export async function timeMs<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = platform.now();
  const value = await fn();
  return { ms: platform.now() - start, value };
}
