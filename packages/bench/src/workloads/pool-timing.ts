/**
 * @module pool-timing — how the `dispatch` workload times a pool, in any runtime (Node and the browser page share
 * it): bursts of tasks submitted at once, and one-at-a-time round trips.
 */
import { platform } from '@weft/core/adapter';

/** A pool under test, reduced to what the workload needs. */
export interface PoolUnderTest<Name extends string = string> {
  readonly name: Name;
  run(input: number): Promise<unknown>;
  close(): Promise<unknown>;
}

/** Submits `tasks` no-ops at once, waits for all of them, and returns the elapsed ms. */
export async function burstMs(pool: PoolUnderTest, tasks: number): Promise<number> {
  const start = platform.now();
  await Promise.all(Array.from({ length: tasks }, (_, i) => pool.run(i)));
  return platform.now() - start;
}

/** One no-op at a time: each sample is one round trip in µs. */
export async function roundTripsUs(pool: PoolUnderTest, count: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = platform.now();
    await pool.run(i);
    samples.push((platform.now() - start) * 1000);
  }
  return samples;
}
