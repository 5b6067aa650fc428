import { okCase, unmeasuredCase, type CaseResult } from '@weft/core/study';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';
import { renderMergedMarkdown } from './merged-markdown.js';
import {
  combinationText,
  mergedOversubscriptionSection,
  oversubscriptionExtremes,
  oversubscriptionSection,
  poolLines,
} from './oversubscription.js';
import { resultsOf, studyOf } from './study.fixture.js';
import { checkTargets } from './targets.js';

/** A measured case: `ms` per sample of 2 steps of 100 samples, so 200 samples per run. */
function measured(backend: string, workers: number, threads: number, ms: number[]): CaseResult {
  const rate = 200 / (([...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)] as number) / 1000);
  return okCase({
    workload: 'oversubscription',
    strategy: workers === 0 ? 'main-thread' : 'data-parallel',
    backend,
    parameters: { workers, threads, threadsPerCore: (Math.max(1, workers) * threads) / 2, batch: 100, steps: 2 },
    unit: 'ms',
    samples: ms,
    metrics: { samplesPerSecond: rate, samplesPerSecondP10: rate * 0.9, samplesPerSecondP90: rate * 1.1 },
  });
}

const cases: CaseResult[] = [
  measured('tensorflow', 0, 1, [20, 20, 20]), // 10,000 samples/s
  measured('tensorflow', 2, 1, [10, 10, 10]), // 20,000: best
  measured('tensorflow', 4, 2, [80, 80, 80]), // 2,500: worst
  unmeasuredCase(
    'failed',
    {
      workload: 'oversubscription',
      strategy: 'data-parallel',
      backend: 'tensorflow',
      parameters: { workers: 4, threads: 4 },
    },
    'child crashed (killed by SIGSEGV)',
  ),
  measured('wasm', 0, 1, [40, 40, 40]),
  unmeasuredCase(
    'skipped',
    { workload: 'oversubscription', strategy: 'main-thread', backend: 'wasm', parameters: { workers: 0, threads: 2 } },
    'wasm threads do not run here',
  ),
  okCase({
    workload: 'train',
    strategy: 'main-thread',
    backend: 'tensorflow',
    unit: 'ms',
    samples: [1],
    metrics: { samplesPerSecond: 1e9 },
  }),
];

describe('oversubscriptionExtremes', () => {
  it('finds the best and worst measured combination per backend and their ratio, ignoring failed cases and other workloads', () => {
    const extremes = oversubscriptionExtremes(cases);
    expect(extremes.map((e) => [e.backend, combinationText(e.best), combinationText(e.worst)])).toEqual([
      ['tensorflow', '2 workers × 1 thread', '4 workers × 2 threads'],
    ]);
    expect(extremes[0]?.ratio).toBeCloseTo(2500 / 20000, 12);
  });

  it('has nothing to compare for a backend with one measured case, or none', () => {
    expect(oversubscriptionExtremes(cases.filter((c) => c.backend === 'wasm'))).toEqual([]);
    expect(oversubscriptionExtremes([])).toEqual([]);
  });
});

describe('Oversubscription tables', () => {
  it('renders one row per N × T with samples/s and its spread, the reason of skipped and failed rows, and best / worst', () => {
    const text = oversubscriptionSection(cases).join('\n');
    expect(text).toContain('#### Oversubscription');
    expect(text).toContain('| tensorflow | 2 workers | 1 | 1 | 20,000 (18,000–22,000) | 3 |');
    expect(text).toContain('| tensorflow | main thread | 1 | 0.5 | 10,000 (9,000–11,000) | 3 |');
    expect(text).toContain('| tensorflow | 4 workers | 4 |  |  | 0 |  | failed: child crashed (killed by SIGSEGV) |');
    expect(text).toContain('skipped: wasm threads do not run here');
    expect(text).toContain('worst ÷ best = **0.125**');
    expect(oversubscriptionSection(cases.filter((c) => c.workload === 'train'))).toEqual([]);
    // The per-runtime report shows the table under its workload.
    expect(renderMarkdown([resultsOf('node', cases)])).toContain('#### Oversubscription');
  });

  it('merges runtimes: a column per runtime and a best / worst row per runtime and backend', () => {
    const study = studyOf(
      { node: cases, bun: [measured('tensorflow', 0, 1, [10, 10]), measured('tensorflow', 2, 1, [40, 40])] },
      ['oversubscription'],
    );
    const text = mergedOversubscriptionSection(study).join('\n');
    expect(text).toContain('| backend | workers N | threads T | node samples/s (p10–p90) | bun samples/s (p10–p90) |');
    expect(text).toContain('| tensorflow | 2 workers | 1 | 20,000 (18,000–22,000) | 5,000 (4,500–5,500) |');
    expect(text).toContain('| tensorflow | 4 workers | 2 | 2,500 (2,250–2,750) | — |');
    expect(text).toContain(
      '| bun | tensorflow | main thread × 1 thread: 20,000 | 2 workers × 1 thread: 5,000 | 0.25 |',
    );
    expect(renderMergedMarkdown(study)).toContain('## Oversubscription');
    expect(mergedOversubscriptionSection(studyOf({ node: [] }, []))).toEqual([]);
  });
});

describe('threads against processes', () => {
  const pooled = (pool: string, workers: number, ms: number[]): CaseResult => {
    const c = measured('tensorflow', workers, 1, ms);
    return { ...c, parameters: { ...c.parameters, pool } };
  };

  it('names each pool in the table and says which kind wins, best against best, with the ratio', () => {
    const list = [
      measured('tensorflow', 0, 1, [10, 10]),
      pooled('worker-threads', 2, [20, 20]),
      pooled('processes', 2, [10, 10]),
      pooled('processes', 1, [40, 40]),
    ];
    const text = oversubscriptionSection(list).join('\n');
    expect(text).toContain('| tensorflow | 2 worker threads | 1 |');
    expect(text).toContain('| tensorflow | 2 processes | 1 |');
    expect(poolLines(list)).toEqual([
      '**tensorflow**: processes win: best 2 processes × 1 thread 20,000 samples/s against best 2 worker threads × 1 thread 10,000: processes ÷ threads = **2×**.',
    ]);
    expect(poolLines([list[0] as CaseResult, list[1] as CaseResult])).toEqual([]);
  });
});

describe('process pool targets', () => {
  it('checks 2 processes × 1 thread against the 1-thread main thread (1.5×) and the best single process (1.2×)', () => {
    const processes = {
      ...measured('tensorflow', 2, 1, [50, 50]),
      parameters: { workers: 2, threads: 1, batch: 512, pool: 'processes' },
    };
    const c = { ...processes, metrics: { ...processes.metrics, speedupOverMain: 1.6, speedupOverBestMain: 1.1 } };
    const rows = checkTargets(studyOf({ node: [c] }, ['oversubscription'])).rows.filter((r) =>
      r.target.startsWith('oversubscription:'),
    );
    expect(rows.map((r) => [r.threshold, r.cells])).toEqual([
      [1.5, [{ value: 1.6, from: 'batch 512', met: true }]],
      [1.2, [{ value: 1.1, from: 'batch 512', met: false }]],
    ]);
  });
});
