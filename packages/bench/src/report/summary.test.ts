import { crashedCase, okCase, type CaseResult } from '@weft/core/study';
import { describe, expect, it } from 'vitest';
import { studyOf } from './study.fixture.js';
import { SUMMARY_COLUMNS, studySummary } from './summary.js';

const c = (
  workload: string,
  strategy: string,
  backend: string,
  parameters: Record<string, string | number>,
  metrics: Record<string, number>,
  unit = 'ms',
): CaseResult => okCase({ workload, strategy, backend, parameters, unit, samples: [10], metrics });

const node = [
  c(
    'load',
    'event-loop',
    'none',
    { source: 'http', latencyMs: 20, concurrency: 16 },
    { shardsPerSecond: 640, idealFraction: 0.84 },
  ),
  c('load', 'workers', 'none', { source: 'http', latencyMs: 20, concurrency: 4, threads: 4 }, { shardsPerSecond: 160 }),
  c('load', 'event-loop', 'none', { source: 'file', latencyMs: 0, concurrency: 1 }, { shardsPerSecond: 9000 }),
  c(
    'train',
    'main-thread',
    'tensorflow',
    { model: 'mlp', batch: 128, workers: 1 },
    { samplesPerSecond: 26_000, ratioToPytorch: 0.37, testAccuracy: 93.45, pytorchTestAccuracy: 93.4 },
  ),
  c(
    'train',
    'data-parallel',
    'wasm',
    { model: 'mlp', batch: 128, workers: 2, pool: 'worker-threads' },
    { samplesPerSecond: 20_000, speedup: 1.25, ratioToPytorch: 0.3 },
  ),
  c('dispatch', 'weft-throughput', 'none', { threads: 2 }, { tasksPerSecond: 150_000, ratioToBestPeer: 5.5 }),
  c('dispatch', 'weft-latency', 'none', { threads: 2 }, { ratioToFloor: 2 }, 'us'),
  c('transfer', 'clone', 'none', { bytes: 1 << 20 }, {}, 'us'),
  c('transfer', 'shared', 'none', { bytes: 1 << 20 }, {}, 'us'),
  c('backends', 'matMul', 'tensorflow', { n: 1024, threads: 2 }, { gflops: 183, peakFraction: 1.1 }),
  c('backends', 'matMul', 'wasm', { n: 1024, threads: 1 }, { gflops: 43, peakFraction: 0.52 }),
  c('oversubscription', 'main-thread', 'tensorflow', { workers: 0, threads: 1 }, { samplesPerSecond: 65_000 }),
  crashedCase(
    {
      workload: 'oversubscription',
      strategy: 'data-parallel',
      backend: 'tensorflow',
      parameters: { workers: 2, threads: 1, pool: 'worker-threads' },
      unit: 'ms',
    },
    'child crashed (killed by SIGSEGV)',
    1,
    2,
  ),
  c('fit', 'model-fit', 'tensorflow', { model: 'cnn', workers: 0 }, { samplesPerSecond: 8_000 }),
  c(
    'fit',
    'weft-fit',
    'tensorflow',
    { model: 'cnn', workers: 0 },
    { samplesPerSecond: 9_000, ratioToModelFit: 1.13, ratioToPytorch: 0.8 },
  ),
];

describe('the study summary', () => {
  it('answers each question in one line with its number and same-run ratio, from the first runtime that ran', () => {
    const lines = studySummary(
      studyOf({ node, deno: node.slice(0, 3) }, [
        'load',
        'train',
        'dispatch',
        'transfer',
        'backends',
        'oversubscription',
        'fit',
      ]),
    );
    expect(lines).toEqual([
      'Weft study, profile smoke: load, train, dispatch, transfer, backends, oversubscription, fit',
      expect.stringMatching(/^ {2}node: ok in [\d.]+ s, 15 cases \(14 ok, 1 crashed\)$/),
      expect.stringMatching(/^ {2}deno: ok in [\d.]+ s, 3 cases \(3 ok\)$/),
      '',
      expect.stringMatching(/^Answers in node \S+ \(\d+ cores; medians and same-run ratios\):$/),
      '  I/O loading (http, 20 ms): event loop ×16 640 shards/s, 0.84 of ideal; threads 160 (loop 4×)',
      '  Training (MLP): 2 worker-threads on wasm: 1.25× the main thread (best data-parallel case)',
      '  vs PyTorch: best Weft MLP (tensorflow, main thread, batch 128) 0.37×; accuracy 93.5 vs 93.4 %',
      '  One task: Weft 150,000 tasks/s, 5.5× the best other pool; round trip 10 µs (2× the Atomics floor)',
      '  Moving 1 MiB: clone 10 us, shared 10 us',
      '  Library threads, matMul 1024 GFLOP/s (of fp32 peak): tensorflow 183 (110 %), wasm 43 (52 %)',
      '  Oversubscription: fastest tensorflow main thread × 1 thread, 65,000 samples/s; 1 crashed upstream',
      '  Weft vs model.fit: best fit() (cnn, tensorflow, main thread) 1.13× model.fit, 0.8× PyTorch',
      '',
      expect.stringMatching(/^Targets: \d+ of \d+ met \(the targets table in report\.md\)$/),
    ]);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(SUMMARY_COLUMNS);
  });

  it('leaves out the questions the run did not measure', () => {
    const lines = studySummary(studyOf({ node: node.filter((x) => x.workload === 'transfer') }, ['transfer']));
    expect(lines.filter((l) => l.startsWith('  ') && !l.startsWith('  node:'))).toEqual([
      '  Moving 1 MiB: clone 10 us, shared 10 us',
    ]);
  });
});
