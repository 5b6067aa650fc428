import { okCase, type CaseResult } from '@weft/core/study';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';
import { resultsOf } from './study.fixture.js';
import { trainPoolLines } from './train-pools.js';

function trainCase(
  strategy: string,
  backend: string,
  pool: string | undefined,
  exchange: string,
  rate: number,
  model = 'mlp',
): CaseResult {
  return okCase({
    workload: 'train',
    strategy,
    backend,
    parameters: { model, workers: pool === undefined ? 1 : 2, exchange, ...(pool === undefined ? {} : { pool }) },
    unit: 'ms',
    samples: [100],
    metrics: { samplesPerSecond: rate },
  });
}

describe('train: threads or processes', () => {
  const cases = [
    trainCase('main-thread', 'wasm', undefined, 'none', 9_000),
    trainCase('data-parallel', 'wasm', 'worker-threads', 'copy', 11_000),
    trainCase('data-parallel', 'wasm', 'worker-threads', 'shared', 13_000),
    trainCase('data-parallel', 'wasm', 'processes', 'copy', 10_400),
    trainCase('data-parallel', 'tensorflow', 'processes', 'copy', 6_000, 'cnn'),
    trainCase('data-parallel', 'tensorflow', 'worker-threads', 'copy', 5_000, 'cnn'),
    trainCase('data-parallel', 'cpu', 'worker-threads', 'copy', 1_000),
  ];

  it('compares the best case on threads with the best on processes, per backend and model', () => {
    expect(trainPoolLines(cases)).toEqual([
      '**wasm, mlp**: threads win: best 2 processes, copy 10,400 samples/s against best 2 worker-threads, shared 13,000: processes ÷ threads = **0.8×**.',
      '**tensorflow, cnn**: processes win: best 2 processes, copy 6,000 samples/s against best 2 worker-threads, copy 5,000: processes ÷ threads = **1.2×**.',
    ]);
  });

  it('appears under the train table of the markdown report', () => {
    expect(renderMarkdown([resultsOf('node', cases)])).toContain('#### Threads or processes');
  });
});
