import { STEP_PHASES, type Executor } from '@weft/core';
import type { CaseResult } from '@weft/core/study';
import { nodeThreadsExecutor } from '@weft/node';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../options.js';
import { probePytorch } from './pytorch-trainer.js';
import { probeBackend } from './tfjs-modules.js';
import type { Workload } from '../workload.js';
import type { WorkloadHost } from './host.js';

// The workload starts workers, which load built code: run the dist build of train.ts and of the Node host, whose
// trainers name the built task modules (build bench first).
type TrainModule = {
  trainWorkload: Workload;
  createTrainWorkload(options?: { openExecutor?: (size: number) => Executor }): Workload;
};
const dist = (file: string) => new URL(`../../dist/${file}`, import.meta.url).href;
const load = () => import(dist('workloads/train.js')) as Promise<TrainModule>;
const { nodeWorkloadHost } = (await import(dist('hosts/node/node-host.js'))) as { nodeWorkloadHost: WorkloadHost };

function smokeContext(workload: Workload, given: Record<string, string> = {}) {
  return {
    profile: 'smoke' as const,
    options: resolveOptions(workload.options, 'smoke', given),
    progress: () => undefined,
    host: nodeWorkloadHost,
  };
}

const native =
  (await probeBackend('tensorflow')).status === 'available' || process.env['WEFT_REQUIRE_TFJS_NODE'] === '1';

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
      expect(c).toMatchObject({
        workload: 'train',
        backend: 'wasm',
        unit: 'ms',
        parameters: { backend: 'wasm', batch: 128, epochs: 1, seed: 1 },
      });
      expect(c.samples).toHaveLength(1);
      expect(Object.keys(c.metrics).sort()).toEqual(
        [
          'efficiency',
          'overheadShare',
          'samplesPerSecond',
          'speedup',
          'testAccuracy',
          'trainLoss',
          ...STEP_PHASES,
        ].sort(),
      );
      // The step taken apart: its phases add up to the step.
      const phases = STEP_PHASES.filter((p) => p !== 'stepMs').reduce((sum, p) => sum + (c.metrics[p] as number), 0);
      expect(Math.abs(phases - (c.metrics['stepMs'] as number))).toBeLessThan(0.1 * (c.metrics['stepMs'] as number));
      expect(c.metrics['testAccuracy']).toBeGreaterThan(20); // chance is 10 %
      // Same model, same data, same seed: only where the gradients are computed differs.
      expect(
        Math.abs((c.metrics['testAccuracy'] as number) - (baseline.metrics['testAccuracy'] as number)),
      ).toBeLessThanOrEqual(0.1);
      expect(c.metrics['efficiency']).toBeCloseTo(
        (c.metrics['speedup'] as number) / (c.parameters['workers'] as number),
        9,
      );
    }
  });

  it('skips the cases of a backend that cannot run here and still measures PyTorch beside it', async () => {
    // cuda cannot run on this machine (no GPU, no tfjs-node-gpu): the Weft cases are skipped with the reason, and
    // PyTorch, which needs no tfjs backend, is measured and scored (the study must not fail for a missing backend).
    // One PyTorch thread: a multi-threaded PyTorch collapses when the other tests take the cores.
    const { trainWorkload } = await load();
    const given = { backends: 'cuda', pytorch: 'on', 'pytorch-threads': '1,1', exchange: 'copy', 'train-size': '256' };
    const cases = await trainWorkload.run(smokeContext(trainWorkload, given));
    const weft = cases.filter((c) => c.strategy !== 'pytorch');
    expect(weft.length).toBeGreaterThan(0);
    for (const c of weft)
      expect([c.backend, c.status, c.reason]).toEqual(['cuda', 'skipped', expect.stringContaining('cuda')]);
    const torch = cases.filter((c) => c.strategy === 'pytorch');
    expect(torch.map((c) => c.parameters['threads'])).toEqual([1]); // each count once
    if ((await probePytorch()).status !== 'missing') {
      for (const c of torch) expect([c.status, typeof c.metrics['testAccuracy']]).toEqual(['ok', 'number']);
    }
  }, 360_000); // PyTorch starts a Python process and imports torch: 71 s in a fresh clone's CI run

  it('skips shared exchange without shared memory and records a broken pool as failed', async () => {
    const { createTrainWorkload } = await load();
    const noShared = createTrainWorkload({
      openExecutor: (size) => {
        const pool = nodeThreadsExecutor({ size });
        return {
          ...pool,
          capabilities: { ...pool.capabilities, sharedMemory: false },
          run: pool.run.bind(pool),
          map: pool.map.bind(pool),
          close: pool.close.bind(pool),
        };
      },
    });
    const cases = await noShared.run(smokeContext(noShared, { exchange: 'copy,shared' }));
    expect(cases.map((c) => [c.parameters['exchange'], c.status])).toEqual([
      ['none', 'ok'],
      ['copy', 'ok'],
      ['shared', 'skipped'],
    ]);
    expect(cases[2]?.reason).toMatch(/UNSUPPORTED|shares memory/);

    const broken = createTrainWorkload({
      openExecutor: () => {
        throw new Error('no threads here');
      },
    });
    const failed = await broken.run(smokeContext(broken, { exchange: 'copy', backends: 'cpu' }));
    expect(failed.map((c) => [c.backend, c.strategy, c.status])).toEqual([
      ['cpu', 'main-thread', 'ok'],
      ['cpu', 'data-parallel', 'failed'],
    ]);
    expect(failed[1]?.reason).toContain('no threads here');
  }, 180_000); // 18 s in a fresh clone's CI run

  it('trains the MLP through fit() and the CNN, skips the CNN on wasm with the reason, and compares threads with processes', async () => {
    const { trainWorkload } = await load();
    const backends = native ? 'wasm,tensorflow' : 'wasm';
    const cases = await trainWorkload.run(
      smokeContext(trainWorkload, {
        model: 'mlp-layers,cnn',
        backends,
        pools: 'worker-threads,processes',
        exchange: 'copy',
        'train-size': '256',
      }),
    );
    const row = (c: CaseResult) => [
      c.parameters['model'],
      c.backend,
      c.strategy,
      c.parameters['pool'] ?? null,
      c.status,
    ];
    const expected = [
      ['mlp-layers', 'wasm', 'main-thread', null, 'ok'],
      ['mlp-layers', 'wasm', 'data-parallel', 'worker-threads', 'ok'],
      ['mlp-layers', 'wasm', 'data-parallel', 'processes', 'ok'],
      ...(native
        ? [
            ['mlp-layers', 'tensorflow', 'main-thread', null, 'ok'],
            ['mlp-layers', 'tensorflow', 'data-parallel', 'worker-threads', 'ok'],
            ['mlp-layers', 'tensorflow', 'data-parallel', 'processes', 'ok'],
          ]
        : []),
      ['cnn', 'wasm', 'main-thread', null, 'skipped'],
      ['cnn', 'wasm', 'data-parallel', 'worker-threads', 'skipped'],
      ['cnn', 'wasm', 'data-parallel', 'processes', 'skipped'],
      ...(native
        ? [
            ['cnn', 'tensorflow', 'main-thread', null, 'ok'],
            ['cnn', 'tensorflow', 'data-parallel', 'worker-threads', 'ok'],
            ['cnn', 'tensorflow', 'data-parallel', 'processes', 'ok'],
          ]
        : []),
    ];
    expect(cases.map(row)).toEqual(expected);
    expect(cases.find((c) => c.parameters['model'] === 'cnn' && c.backend === 'wasm')?.reason).toContain(
      'Conv2DBackpropFilter',
    );
    // Same model, seed and batches on one backend: the workers compute the same steps as the main thread.
    for (const c of cases.filter((x) => x.status === 'ok')) {
      const main = cases.find(
        (m) =>
          m.strategy === 'main-thread' && m.backend === c.backend && m.parameters['model'] === c.parameters['model'],
      ) as CaseResult;
      expect(
        Math.abs((c.metrics['testAccuracy'] as number) - (main.metrics['testAccuracy'] as number)),
      ).toBeLessThanOrEqual(0.5);
    }
  }, 240_000);
});
