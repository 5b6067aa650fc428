import { okCase, unmeasuredCase, type CaseResult } from '@weft/core';
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
    parameters: { workers, batch: 512, epochs: 3, ...(strategy === 'model-fit' ? {} : { prefetch: 4, exchange: 'shared' }) },
    unit: 'ms',
    samples: [100, 100, 100],
    metrics: { samplesPerSecond: rate, samplesPerSecondP10: rate * 0.9, samplesPerSecondP90: rate * 1.1, ...(ratio === undefined ? {} : { ratioToModelFit: ratio }), testAccuracy: 91.25 },
  });
}

const node = [
  fitCase('model-fit', 'tensorflow', 0, 50_000),
  fitCase('weft-pipeline', 'wasm', 2, 10_000, 0.2),
  fitCase('weft-pipeline', 'tensorflow', 0, 60_000, 1.2),
  unmeasuredCase('failed', { workload: 'fit', strategy: 'weft-pipeline', backend: 'tensorflow', parameters: { workers: 2 } }, 'worker crashed'),
];
const bun = [
  unmeasuredCase('skipped', { workload: 'fit', strategy: 'model-fit', backend: 'tensorflow', parameters: { workers: 0 } }, 'tensorflow backend missing'),
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
    expect(text).toContain('| tfjs-node model.fit | tensorflow | 50,000 (45,000–55,000) | 3 |  | 91.3 % | ok |');
    expect(text).toContain('| Weft wasm, 2 workers (prefetch 4) | wasm | 10,000 (9,000–11,000) | 3 | 0.2× | 91.3 % | ok |');
    expect(text).toContain('failed: worker crashed');
    expect(text).toContain('Best Weft configuration: **Weft tensorflow, main thread (prefetch 4)** at **1.2×** model.fit\'s samples/s (target ≥ 1.0×: met).');
    // Without model.fit there is no ratio, so no verdict.
    expect(fitSection(bun).join('\n')).not.toContain('Best Weft configuration');
  });

  it('merges runtimes with a column each, and counts the best ratio per runtime toward the fit target', () => {
    const study = studyOf({ node, bun }, ['fit']);
    const text = mergedFitSection(study).join('\n');
    expect(text).toContain('| tfjs-node model.fit | 50,000 · — · 91.3 % | skipped |');
    expect(text).toContain('| Weft wasm, 2 workers (prefetch 4) | 10,000 · 0.2× · 91.3 % | 12,000 · — · 91.3 % |');
    expect(text).toContain('| Weft tensorflow, 2 workers | failed | — |');
    expect(text).toContain('node: Best Weft configuration');
    const target = checkTargets(study).rows.find((r) => r.target.startsWith('fit:'));
    expect(target?.cells).toEqual([{ value: 1.2, from: 'tensorflow, main thread', met: true }, {}]);
    expect(renderMergedMarkdown(study)).toContain('## Weft vs model.fit');
  });
});
