import { describe, expect, it } from 'vitest';
import type { CaseResult } from '@weft/core/study';
import { clusterDispatchLine, clusterSection } from './cluster.js';

const c = (
  workload: string,
  strategy: string,
  parameters: Record<string, unknown>,
  metrics: Record<string, number>,
  median = 10,
): CaseResult =>
  ({
    workload,
    strategy,
    backend: workload === 'train' ? 'wasm' : 'none',
    parameters,
    unit: workload === 'train' ? 'ms' : 'us',
    status: 'ok',
    samples: [median],
    summary: { median, p10: median, p90: median, mean: median, min: median, max: median, n: 1, stddev: 0 },
    metrics,
  }) as unknown as CaseResult;

const dispatch = [
  c('dispatch', 'weft-throughput', { pool: 'weft' }, { tasksPerSecond: 130_000 }),
  c('dispatch', 'weft-latency', { pool: 'weft' }, {}, 100),
  c('dispatch', 'weft-cluster-throughput', { pool: 'weft-cluster' }, { tasksPerSecond: 935 }),
  c('dispatch', 'weft-cluster-latency', { pool: 'weft-cluster' }, {}, 1700),
];
const train = [
  c('train', 'main-thread', { model: 'mlp', workers: 1 }, { samplesPerSecond: 22_000 }),
  c(
    'train',
    'data-parallel',
    { model: 'mlp', workers: 2, pool: 'worker-threads', batch: 256 },
    { samplesPerSecond: 19_400 },
  ),
  c('train', 'data-parallel', { model: 'mlp', workers: 2, pool: 'cluster', batch: 256 }, { samplesPerSecond: 4_850 }),
];

describe('what going distributed costs', () => {
  it('says the cluster round trip beside the threads and from which task two machines beat one', () => {
    expect(clusterDispatchLine(dispatch)).toBe(
      "Cluster (Redis on loopback): 935 tasks/s, round trip 1,700 µs (Weft's threads 100 µs): 2 machines beat 1 from tasks of ~1,500 µs",
    );
  });

  it('compares the best cluster training case with the best local pool, same run', () => {
    expect(clusterSection(train)).toEqual([
      '#### What going distributed costs',
      '',
      '**wasm, mlp**: best cluster (2 cluster, batch 256) 4,850 samples/s against best local pool (2 worker-threads, batch 256) 19,400: cluster ÷ local = **0.25×**.',
      '',
    ]);
  });

  it('has nothing to say when no cluster case ran', () => {
    expect(clusterDispatchLine(dispatch.slice(0, 2))).toBeUndefined();
    expect(clusterSection([...dispatch.slice(0, 2), ...train.slice(0, 2)])).toEqual([]);
  });
});
