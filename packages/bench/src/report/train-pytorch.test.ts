import { okCase, type CaseResult } from '@weft/core/study';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';
import { resultsOf, studyOf } from './study.fixture.js';
import { checkTargets } from './targets.js';
import { trainPytorchLines } from './train-pytorch.js';

function trainCase(
  strategy: string,
  backend: string,
  workers: number,
  batch: number,
  rate: number,
  extra: Record<string, string | number> = {},
  ratio?: number,
): CaseResult {
  return okCase({
    workload: 'train',
    strategy,
    backend,
    parameters: { model: 'mlp', batch, workers, exchange: workers === 1 ? 'none' : 'shared', ...extra },
    unit: 'ms',
    samples: [100],
    metrics: {
      samplesPerSecond: rate,
      testAccuracy: 93.45,
      ...(ratio === undefined ? {} : { ratioToPytorch: ratio, pytorchTestAccuracy: 93.45 }),
    },
  });
}

const cases = [
  trainCase('main-thread', 'tensorflow', 1, 128, 26_000, {}, 26_000 / 77_000),
  trainCase('pytorch', 'pytorch', 1, 128, 77_000, { beside: 'tensorflow', threads: 1 }),
  trainCase('pytorch', 'pytorch', 2, 128, 70_000, { beside: 'tensorflow', threads: 2 }),
  trainCase('data-parallel', 'wasm', 2, 128, 7_000, { pool: 'worker-threads' }, 7_000 / 80_000),
  trainCase('pytorch', 'pytorch', 1, 128, 80_000, { beside: 'wasm', threads: 1 }),
  trainCase('main-thread', 'tensorflow', 1, 512, 61_000, {}, 61_000 / 113_000),
  trainCase('pytorch', 'pytorch', 1, 512, 113_000, { beside: 'tensorflow', threads: 1 }),
];

describe('train: Weft vs PyTorch', () => {
  it('gives per model, batch and backend the best Weft case, PyTorch per thread count, the ratio and both accuracies', () => {
    expect(trainPytorchLines(cases)).toEqual([
      "**mlp, batch 128, tensorflow**: best Weft tensorflow main thread 26,000 samples/s; PyTorch 77,000 on 1 thread, 70,000 on 2 threads: Weft ÷ the faster PyTorch = **0.338×** (test accuracy 93.5 % against PyTorch's 93.5 %).",
      "**mlp, batch 128, wasm**: best Weft wasm, 2 worker-threads, shared 7,000 samples/s; PyTorch 80,000 on 1 thread: Weft ÷ the faster PyTorch = **0.0875×** (test accuracy 93.5 % against PyTorch's 93.5 %).",
      "**mlp, batch 512, tensorflow**: best Weft tensorflow main thread 61,000 samples/s; PyTorch 113,000 on 1 thread: Weft ÷ the faster PyTorch = **0.54×** (test accuracy 93.5 % against PyTorch's 93.5 %).",
    ]);
    expect(renderMarkdown([resultsOf('node', cases)])).toContain('#### Weft vs PyTorch');
  });

  it('checks the PyTorch targets: best MLP configuration per batch, and wasm on 2 workers at batch 128', () => {
    const rows = checkTargets(studyOf({ node: cases }, ['train'])).rows.filter((r) => r.target.includes('PyTorch'));
    expect(rows.map((r) => [r.target, r.cells])).toEqual([
      [
        'train: best Weft MLP configuration ≥ 0.8× PyTorch (faster thread count), batch 128',
        [{ value: 26_000 / 77_000, from: 'tensorflow main thread', met: false }],
      ],
      [
        'train: best Weft MLP configuration ≥ 1× PyTorch (faster thread count), batch 512',
        [{ value: 61_000 / 113_000, from: 'tensorflow main thread', met: false }],
      ],
      [
        'train: wasm, 2 workers, MLP, batch 128 ≥ 0.4× PyTorch',
        [{ value: 7_000 / 80_000, from: 'wasm, 2 worker-threads shared', met: false }],
      ],
    ]);
  });
});
