import { okCase, type CaseResult } from '@weft/core/study';
import { describe, expect, it } from 'vitest';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { resultsOf, studyOf } from './study.fixture.js';
import { trainStepsChart, trainStepsSection } from './train-steps.js';

const phases = {
  stepMs: 10,
  prepareMs: 0.5,
  forwardMs: 3,
  backwardMs: 4,
  readbackMs: 0.5,
  partOtherMs: 0.5,
  dispatchMs: 1,
  combineMs: 0.2,
  optimiserMs: 0.3,
  overheadShare: 0.3,
};

function timed(strategy: string, workers: number, extra: Record<string, number> = {}): CaseResult {
  return okCase({
    workload: 'train',
    strategy,
    backend: 'wasm',
    parameters: {
      model: 'mlp',
      batch: 128,
      workers,
      exchange: workers === 1 ? 'none' : 'shared',
      ...(workers === 1 ? {} : { pool: 'worker-threads' }),
    },
    unit: 'ms',
    samples: [100],
    metrics: { samplesPerSecond: 1000, ...phases, ...extra },
  });
}

describe('train: where a step goes', () => {
  const cases = [timed('main-thread', 1), timed('data-parallel', 2, { dispatchMs: 3, stepMs: 12 })];

  it('tabulates each phase per configuration, with Weft overhead as a share of the step', () => {
    const text = trainStepsSection(cases).join('\n');
    expect(text).toContain(
      '| configuration | step ms | forward kernels | backward kernels | read-backs | rest of the part | prepare inputs | dispatch and waiting | combine | optimiser | Weft overhead |',
    );
    expect(text).toContain(
      '| mlp, batch 128, wasm main thread | 10 | 3 | 4 | 0.5 | 0.5 | 0.5 | 1 | 0.2 | 0.3 | 30 % |',
    );
    expect(text).toContain(
      '| mlp, batch 128, wasm, 2 worker-threads, shared | 12 | 3 | 4 | 0.5 | 0.5 | 0.5 | 3 | 0.2 | 0.3 | 30 % |',
    );
    expect(trainStepsSection([{ ...timed('main-thread', 1), metrics: { samplesPerSecond: 1 } }])).toEqual([]);
  });

  it('keeps the phases out of the main table and draws one stacked bar per configuration, scaled to the longest step', () => {
    const markdown = renderMarkdown([resultsOf('node', cases)]);
    expect(markdown).toContain('#### Where a step goes');
    expect(markdown.split('\n').find((l) => l.startsWith('| strategy |'))).not.toContain('forwardMs');
    const svg = trainStepsChart(cases, 'node');
    expect(svg).toContain('aria-label="train: where a step goes in node"');
    // 8 legend swatches, then 8 phases per bar; the axis runs to the first tick past the longest step (0, 5, 10, 15
    // ms over 900 - 330 - 80 = 490 px), so the 12 ms step is 12/15 of it.
    expect(svg.match(/<rect /g)).toHaveLength(8 + 16);
    const widths = [...svg.matchAll(/<rect class="segment" x="[\d.]+" y="\d+" width="([\d.]+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(widths.slice(8).reduce((a, b) => a + b, 0)).toBeCloseTo((490 * 12) / 15, 0);
    expect(svg).toContain('data-axis="x"');
    expect(svg).toContain('>15 ms</text>');
    expect(svg.match(/class="whisker"/g)).toHaveLength(2);
    expect(renderHtml(studyOf({ node: cases }, ['train']))).toContain('Where a step goes in node');
  });

  it("names fit's pipeline cases as the fit report does, and charts them under fit", () => {
    const pipeline = okCase({
      workload: 'fit',
      strategy: 'weft-pipeline',
      backend: 'tensorflow',
      parameters: { model: 'mlp', workers: 0, batch: 512, prefetch: 4, exchange: 'none' },
      unit: 'ms',
      samples: [100],
      metrics: { samplesPerSecond: 1000, ...phases },
    });
    expect(trainStepsSection([pipeline]).join('\n')).toContain(
      '| Weft pipeline, mlp, tensorflow, main thread (prefetch 4) | 10 | 3 |',
    );
    expect(trainStepsChart([pipeline], 'node', 'fit')).toContain('aria-label="fit: where a step goes in node"');
    expect(trainStepsChart([pipeline], 'node')).toBe('');
  });
});
