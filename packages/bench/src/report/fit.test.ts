import { okCase, unmeasuredCase, type CaseResult } from '@weft/core/study';
import { describe, expect, it } from 'vitest';
import { bestWeftCase, fitSection, mergedFitSection } from './fit.js';
import { renderMergedMarkdown } from './merged-markdown.js';
import { studyOf } from './study.fixture.js';
import { checkTargets } from './targets.js';

function fitCase(strategy: string, backend: string, workers: number, rate: number, ratio?: number): CaseResult {
  return okCase({
    workload: 'fit',
    strategy,
    backend,
    parameters: {
      workers,
      batch: 512,
      epochs: 3,
      ...(strategy === 'model-fit' ? {} : { prefetch: 4, exchange: 'shared' }),
    },
    unit: 'ms',
    samples: [100, 100, 100],
    metrics: {
      samplesPerSecond: rate,
      samplesPerSecondP10: rate * 0.9,
      samplesPerSecondP90: rate * 1.1,
      ...(ratio === undefined ? {} : { ratioToModelFit: ratio }),
      testAccuracy: 91.25,
    },
  });
}

const node = [
  fitCase('model-fit', 'tensorflow', 0, 50_000),
  fitCase('weft-pipeline', 'wasm', 2, 10_000, 0.2),
  fitCase('weft-pipeline', 'tensorflow', 0, 60_000, 1.2),
  unmeasuredCase(
    'failed',
    { workload: 'fit', strategy: 'weft-pipeline', backend: 'tensorflow', parameters: { workers: 2 } },
    'worker crashed',
  ),
];
const bun = [
  unmeasuredCase(
    'skipped',
    { workload: 'fit', strategy: 'model-fit', backend: 'tensorflow', parameters: { workers: 0 } },
    'tensorflow backend missing',
  ),
  fitCase('weft-pipeline', 'wasm', 2, 12_000),
];

describe('Weft vs model.fit tables', () => {
  it('picks the best measured Weft configuration, never model.fit itself', () => {
    expect(bestWeftCase(node)?.backend).toBe('tensorflow');
    expect(bestWeftCase(node.slice(0, 1))).toBeUndefined();
  });

  it('renders samples/s with spread, × model.fit, accuracy, reasons, and the verdict against the 1.0× target', () => {
    const text = fitSection(node).join('\n');
    expect(text).toContain('#### Weft vs model.fit');
    expect(text).toContain(
      '| tfjs-node model.fit, mlp | tensorflow | 50,000 (45,000–55,000) | 3 |  |  | 91.3 % | ok |',
    );
    expect(text).toContain(
      '| Weft pipeline, mlp, wasm, 2 workers (prefetch 4) | wasm | 10,000 (9,000–11,000) | 3 | 0.2× |  | 91.3 % | ok |',
    );
    expect(text).toContain('failed: worker crashed');
    expect(text).toContain(
      "Best Weft configuration for the mlp: **Weft pipeline, mlp, tensorflow, main thread (prefetch 4)** at **1.2×** model.fit's samples/s.",
    );
    // Without model.fit there is no ratio, so no verdict.
    expect(fitSection(bun).join('\n')).not.toContain('Best Weft configuration');
  });

  it('merges runtimes with a column each, and counts the best ratio per runtime toward the fit target', () => {
    const study = studyOf({ node, bun }, ['fit']);
    const text = mergedFitSection(study).join('\n');
    expect(text).toContain('| tfjs-node model.fit, mlp | 50,000 · — · — · 91.3 % | skipped |');
    expect(text).toContain(
      '| Weft pipeline, mlp, wasm, 2 workers (prefetch 4) | 10,000 · 0.2× · — · 91.3 % | 12,000 · — · — · 91.3 % |',
    );
    expect(text).toContain('| Weft pipeline, mlp, tensorflow, 2 workers | failed | — |');
    expect(text).toContain('node: Best Weft configuration');
    const target = checkTargets(study).rows.find((r) => r.target.startsWith("fit: Weft's best"));
    expect(target?.cells).toEqual([{ value: 1.2, from: 'tensorflow, main thread', met: true }, {}]);
    expect(renderMergedMarkdown(study)).toContain('## Weft vs model.fit');
  });
});

describe('Weft vs model.fit and PyTorch', () => {
  it('names PyTorch by its threads, never takes it for the best Weft case, and gives the ratio to it', () => {
    const torch = (threads: number, rate: number): CaseResult => {
      const c = fitCase('pytorch', 'pytorch', 0, rate);
      return { ...c, parameters: { model: 'mlp', workers: 0, batch: 512, threads } };
    };
    const best = fitCase('weft-pipeline', 'tensorflow', 0, 60_000, 1.2);
    const withTorch = [
      node[0] as CaseResult,
      torch(1, 75_000),
      torch(2, 120_000),
      { ...best, metrics: { ...best.metrics, ratioToPytorch: 0.5 } },
    ];
    expect(bestWeftCase(withTorch)?.strategy).toBe('weft-pipeline');
    const text = fitSection(withTorch).join('\n');
    expect(text).toContain('| PyTorch, mlp, 1 thread | pytorch | 75,000 (67,500–82,500) | 3 |  |  | 91.3 % | ok |');
    expect(text).toContain('| PyTorch, mlp, 2 threads | pytorch | 120,000');
    expect(text).toContain('| 1.2× | 0.5× | 91.3 % | ok |');
    expect(text).toContain("at **1.2×** model.fit's samples/s and **0.5×** the faster PyTorch's.");
  });
});

describe('Weft vs model.fit per model', () => {
  it('names the model, the way Weft trains and the pool, and gives a verdict per model', () => {
    const cnn = (strategy: string, workers: number, rate: number, ratio?: number): CaseResult => {
      const c = fitCase(strategy, 'tensorflow', workers, rate, ratio);
      return { ...c, parameters: { ...c.parameters, model: 'cnn', ...(workers === 0 ? {} : { pool: 'processes' }) } };
    };
    const text = fitSection([
      ...node,
      cnn('model-fit', 0, 8_000),
      cnn('weft-fit', 2, 6_000, 0.75),
      cnn('weft-fit', 0, 9_000, 1.125),
    ]).join('\n');
    expect(text).toContain(
      '| Weft fit(), cnn, tensorflow, 2 processes (prefetch 4) | tensorflow | 6,000 (5,400–6,600) | 3 | 0.75× |',
    );
    expect(text).toContain(
      'Best Weft configuration for the mlp: **Weft pipeline, mlp, tensorflow, main thread (prefetch 4)** at **1.2×**',
    );
    expect(text).toContain(
      'Best Weft configuration for the cnn: **Weft fit(), cnn, tensorflow, main thread (prefetch 4)** at **1.13×**',
    );
    const study = studyOf({ node: [...node, cnn('weft-fit', 2, 6_000, 0.75), cnn('weft-fit', 0, 9_000, 1.125)] }, [
      'fit',
    ]);
    const targets = checkTargets(study).rows.filter((r) => r.target.startsWith('fit: Weft fit()'));
    expect(targets.map((r) => r.cells)).toEqual([[{}], [{ value: 1.125, from: 'main thread', met: false }]]);
  });
});
