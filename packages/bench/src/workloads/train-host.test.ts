import { WeftError, inlineExecutor, isWeftError, type LabelledData } from '@weft/core';
import { describe, expect, it } from 'vitest';
import type { TrainerSettings } from './epoch-trainer.js';
import type { TrainHost } from './host.js';
import { fakeHost, hostContext } from './host.fixture.js';
import { resolvePools } from './pool-option.js';
import { trainWorkload } from './train.js';

const digits = (rows: number): LabelledData => ({
  x: new Float32Array(rows * 784),
  labels: new Int32Array(rows),
  rows,
  features: 784,
});

/** A page-like training host: web workers only (inline here), the spec MLP on wasm only, no PyTorch. */
function pageLikeHost(): { train: TrainHost; prepared: TrainerSettings[]; selected: string[] } {
  const prepared: TrainerSettings[] = [];
  const selected: string[] = [];
  const train: TrainHost = {
    train: digits(64),
    test: digits(16),
    pools: { threads: 'web-workers', all: ['web-workers'] },
    openPool(pool) {
      if (pool !== 'web-workers') throw new WeftError('UNSUPPORTED', `${pool} are not in this host`);
      return inlineExecutor();
    },
    unsupported: (_model, backend) => (backend === 'wasm' ? undefined : `no ${backend} in this host`),
    prepareTrainer(settings) {
      prepared.push(settings);
      let epoch = 0;
      return Promise.resolve({
        trainEpoch: () => Promise.resolve({ loss: 1 / (epoch += 1) }),
        testAccuracy: () => 50,
      });
    },
    pytorchTrainer: () => Promise.reject(new WeftError('UNSUPPORTED', 'no Python in this host')),
    useBackend: (backend) => Promise.resolve(void selected.push(backend)),
  };
  return { train, prepared, selected };
}

describe('train workload (runtime-neutral, on a fake host)', () => {
  it('expands auto and threads to the pools the runtime has', () => {
    const pools = { threads: 'web-workers', all: ['worker-threads', 'web-workers', 'processes'] } as const;
    expect(resolvePools(['auto'], pools)).toEqual(['worker-threads', 'web-workers', 'processes']);
    expect(resolvePools(['threads', 'processes'], pools)).toEqual(['web-workers', 'processes']);
    expect(resolvePools(['processes', 'auto'], pools)).toEqual(['processes', 'worker-threads', 'web-workers']);
  });

  it('trains on the host, names cases as every runtime does, and skips what the host cannot run with its reason', async () => {
    const { train, prepared, selected } = pageLikeHost();
    const { host } = fakeHost({ pools: [], train });
    const given = {
      backends: 'wasm,tensorflow',
      pools: 'auto',
      pytorch: 'on',
      'pytorch-threads': '1',
      exchange: 'copy',
      workers: '2',
      'train-size': '32',
    };
    const cases = await trainWorkload.run(hostContext(trainWorkload, host, given));
    expect(cases.map((c) => [c.backend, c.strategy, c.parameters['pool'] ?? null, c.status])).toEqual([
      ['wasm', 'main-thread', null, 'ok'],
      ['pytorch', 'pytorch', null, 'skipped'],
      ['wasm', 'data-parallel', 'web-workers', 'ok'],
      ['tensorflow', 'all', null, 'skipped'],
    ]);
    expect(cases[1]?.reason).toContain('no Python in this host');
    expect(cases[3]?.reason).toBe('no tensorflow in this host');
    // The host's trainers got the workload's settings; scoring selected the backend they trained on.
    expect(prepared.map((s) => [s.model, s.backend, s.parts, s.exchange, s.train.rows])).toEqual([
      ['mlp', 'wasm', 1, 'shared', 32],
      ['mlp', 'wasm', 2, 'copy', 32],
    ]);
    expect(selected).toEqual(['wasm']);
    expect(cases[2]?.metrics).toMatchObject({ testAccuracy: 50, trainLoss: 1, speedup: expect.any(Number) });
  });

  it('rejects with UNSUPPORTED when the host cannot train at all (no tfjs): the study records one skipped case', async () => {
    const { host } = fakeHost({ pools: [] });
    const error = await trainWorkload.run(hostContext(trainWorkload, host)).catch((e: unknown) => e);
    expect(isWeftError(error, 'UNSUPPORTED')).toBe(true);
    expect((error as Error).message).toBe('this fake host has no tfjs');
  });
});
