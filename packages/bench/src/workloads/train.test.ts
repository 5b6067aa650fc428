import type { CaseResult, Executor } from '@weft/core';
import { nodeThreadsExecutor } from '@weft/node';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../options.js';
import type { Workload } from '../workload.js';

// The workload starts workers, which load built code: run the dist build of train.ts (build bench first).
type TrainModule = { trainWorkload: Workload; createTrainWorkload(options?: { openExecutor?: (size: number) => Executor }): Workload };
const load = () => import(new URL('../../dist/workloads/train.js', import.meta.url).href) as Promise<TrainModule>;

function smokeContext(workload: Workload, given: Record<string, string> = {}) {
  return { profile: 'smoke' as const, options: resolveOptions(workload.options, 'smoke', given), progress: () => undefined };
}

describe('train workload', () => {
  it('runs the smoke profile end to end: a main-thread baseline and every exchange over 2 workers', async () => {
    const { trainWorkload } = await load();
    const cases = await trainWorkload.run(smokeContext(trainWorkload));
    expect(cases.map((c) => [c.strategy, c.parameters['exchange'], c.status])).toEqual([
      ['main-thread', 'none', 'ok'],
      ['data-parallel', 'copy', 'ok'],
      ['data-parallel', 'transfer', 'ok'],
      ['data-parallel', 'shared', 'ok'],
    ]);
    const baseline = cases[0] as CaseResult;
    for (const c of cases) {
      expect(c).toMatchObject({ workload: 'train', backend: 'wasm', unit: 'ms', parameters: { backend: 'wasm', batch: 128, epochs: 1, seed: 1 } });
      expect(c.samples).toHaveLength(1);
      expect(Object.keys(c.metrics).sort()).toEqual(['efficiency', 'samplesPerSecond', 'speedup', 'testAccuracy', 'trainLoss']);
      expect(c.metrics['testAccuracy']).toBeGreaterThan(20); // chance is 10 %
      // Same model, same data, same seed: only where the gradients are computed differs.
      expect(Math.abs((c.metrics['testAccuracy'] as number) - (baseline.metrics['testAccuracy'] as number))).toBeLessThanOrEqual(0.1);
      expect(c.metrics['efficiency']).toBeCloseTo((c.metrics['speedup'] as number) / (c.parameters['workers'] as number), 9);
    }
  });

  it('skips shared exchange without shared memory and records a broken pool as failed', async () => {
    const { createTrainWorkload } = await load();
    const noShared = createTrainWorkload({
      openExecutor: (size) => {
        const pool = nodeThreadsExecutor({ size });
        return { ...pool, capabilities: { ...pool.capabilities, sharedMemory: false }, run: pool.run.bind(pool), map: pool.map.bind(pool), close: pool.close.bind(pool) };
      },
    });
    const cases = await noShared.run(smokeContext(noShared, { exchange: 'copy,shared' }));
    expect(cases.map((c) => [c.parameters['exchange'], c.status])).toEqual([['none', 'ok'], ['copy', 'ok'], ['shared', 'skipped']]);
    expect(cases[2]?.reason).toMatch(/UNSUPPORTED|shares memory/);

    const broken = createTrainWorkload({ openExecutor: () => { throw new Error('no threads here'); } });
    const failed = await broken.run(smokeContext(broken, { exchange: 'copy', backends: 'cpu' }));
    expect(failed.map((c) => [c.backend, c.strategy, c.status])).toEqual([['cpu', 'main-thread', 'ok'], ['cpu', 'data-parallel', 'failed']]);
    expect(failed[1]?.reason).toContain('no threads here');
  });
});
