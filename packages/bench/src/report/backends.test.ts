import { unmeasuredCase, type ResultsFile } from '@weft/core/study';
import { describe, expect, it } from 'vitest';
import type { MultiRuntimeStudy } from '../model/study.js';
import { backendCase, measurePhases, peakCase } from '../workloads/backends-phases.js';
import { backendsSection, mergedBackendsSection, peakNote } from './backends.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { renderMergedMarkdown } from './merged-markdown.js';
import { checkTargets } from './targets.js';

const inputs = { cores: 2, clockMhz: 2500, clockSource: '/proc/cpuinfo cpu MHz' } as const;
const phases = { firstMs: 900, warmupMs: [210, 200, 190], steadyMs: [100, 110, 90, 100] };

function cases(runtime: string) {
  return [
    peakCase(inputs),
    // 2·1024³ FLOP in 100 ms = 21.5 GFLOP/s; one-core peak 80 → 26.8 %.
    backendCase(
      {
        strategy: 'matMul',
        backend: 'wasm',
        parameters: { n: 1024 },
        flops: 2 * 1024 ** 3,
        peak: { threads: 1, inputs },
      },
      phases,
    ),
    backendCase(
      {
        strategy: 'matMul',
        backend: 'tensorflow',
        parameters: { n: 1024 },
        flops: 2 * 1024 ** 3,
        peak: { threads: 2, inputs },
      },
      { ...phases, steadyMs: [25, 25, 25] },
    ),
    backendCase(
      {
        strategy: 'mlp-train-step',
        backend: 'cpu',
        parameters: { model: 'mlp 784-128-64-10', batch: 128, threads: 1 },
        samplesPerRun: 128,
      },
      phases,
    ),
    unmeasuredCase(
      'skipped',
      { workload: 'backends', strategy: 'all', backend: 'cuda' },
      `missing: no CUDA device (${runtime})`,
    ),
  ];
}

const file = (runtime: 'node' | 'deno'): ResultsFile => ({
  schema: 'weft-results',
  schemaVersion: 1,
  runId: `${runtime}-run-id`,
  createdAt: '2026-11-28T00:00:00.000Z',
  host: { cpuModel: 'Test CPU', cores: 2, memoryBytes: 2 ** 34, os: 'Linux 6', arch: 'x64' },
  runtime: { name: runtime, version: '1' },
  versions: {},
  profile: 'smoke',
  cases: cases(runtime),
});

const study: MultiRuntimeStudy = {
  profile: 'smoke',
  workloads: ['backends'],
  createdAt: '2026-11-28T00:00:00.000Z',
  outcomes: [
    { runtime: 'node', status: 'ok', version: '20', wallMs: 1000, results: file('node') },
    { runtime: 'deno', status: 'ok', version: '2', wallMs: 1000, results: file('deno') },
  ],
} as unknown as MultiRuntimeStudy;

describe('backendCase', () => {
  it('keeps the steady state as samples and the other phases, throughput and peak fraction as metrics', () => {
    const c = cases('node')[1]!;
    expect(c.samples).toEqual([100, 110, 90, 100]);
    expect(c.summary?.n).toBe(4);
    expect(c.parameters).toEqual({ n: 1024, threads: 1 });
    expect(c.metrics['firstRunMs']).toBe(900);
    expect(c.metrics['warmupRuns']).toBe(3);
    expect(c.metrics['warmupMedianMs']).toBe(200);
    expect(c.metrics['gflops']).toBeCloseTo(21.47, 2);
    expect(c.metrics['gflopsP10']).toBeLessThan(c.metrics['gflops']!);
    expect(c.metrics['gflopsP90']).toBeGreaterThan(c.metrics['gflops']!);
    expect(c.metrics['peakGflops']).toBe(80);
    expect(c.metrics['peakFraction']).toBeCloseTo(0.268, 3);
  });

  it('writes the peak as a case with its inputs, or skips it when the clock is unknown', () => {
    const peak = peakCase(inputs);
    expect(peak.parameters).toMatchObject({
      cores: 2,
      clockMhz: 2500,
      clockSource: '/proc/cpuinfo cpu MHz',
      flopsPerCycle: 32,
    });
    expect(peak.metrics).toEqual({ singleCoreGflops: 80, allCoreGflops: 160 });
    expect(peakCase({ cores: 2, clockMhz: 0, clockSource: 'unknown' }).status).toBe('skipped');
    const avx512 = peakCase({ ...inputs, simd: 'fma avx2 avx512f' });
    expect(avx512.metrics).toEqual({
      singleCoreGflops: 80,
      allCoreGflops: 160,
      avx512SingleCoreGflops: 160,
      avx512AllCoreGflops: 320,
    });
    expect(peakNote([avx512])).toContain('the peak would be 320 GFLOP/s on all cores, 160 on one');
  });
});

describe('measurePhases', () => {
  it('runs once, then the warm-up (at least 1), then at least 3 and at most `samples` steady runs, within the budget', async () => {
    let calls = 0;
    const p = await measurePhases(() => (calls += 1), { warmup: 2, samples: 5, budgetMs: -1 });
    expect(p.warmupMs).toHaveLength(1); // a spent budget stops the warm-up after one run
    expect(p.steadyMs).toHaveLength(3); // and the steady state at the minimum
    expect(calls).toBe(5);
    const all = await measurePhases(() => undefined, { warmup: 3, samples: 5, budgetMs: 60_000 });
    expect(all.warmupMs).toHaveLength(3);
    expect(all.steadyMs).toHaveLength(5);
  });
});

describe('Backends tables', () => {
  it('show the phases, throughput, peak and the skipped cuda reason per runtime', () => {
    const md = renderMarkdown([file('node')], {});
    expect(md).toContain('#### Backends');
    expect(md).toContain('2 cores × 2.5 GHz (/proc/cpuinfo cpu MHz) × 32 = **160 GFLOP/s** on all cores, 80 on one');
    expect(md).toContain(
      '| matMul 1024 | wasm | 1 | 900 ms | 200 ms (192–208, n=3) | 100 ms (93–107, n=4) | 21.5 GFLOP/s (20.1–23.1) | 26.8 % of 1-core 80 | ok |',
    );
    expect(md).toContain('| mlp-train-step (mlp 784-128-64-10, batch 128) | cpu | 1 |');
    expect(md).toContain('1,280 samples/s');
    expect(md).toContain('| all | cuda |  |  |  |  |  |  | skipped: missing: no CUDA device (node) |');
    expect(backendsSection(file('node').cases.filter((c) => c.workload === 'transfer'))).toEqual([]);
  });

  it('merge into one table with a column per runtime', () => {
    const lines = mergedBackendsSection(study).join('\n');
    expect(lines).toContain('| operation | backend | threads | node | deno |');
    expect(lines).toMatch(
      /\| matMul 1024 \| tensorflow \| 2 \| 85\.9 GFLOP\/s \(85\.9–85\.9\) n=3 · 53\.7 % of 2-core peak \|/,
    );
    expect(lines).toContain('skipped: missing: no CUDA device (deno)');
    expect(renderMergedMarkdown(study)).toContain('## Backends');
  });

  it('chart GFLOP/s as a fraction of the peak in the HTML report', () => {
    const html = renderHtml(study);
    expect(html).toContain('aria-label="backends: GFLOP/s as a fraction of the fp32 peak"');
    expect(html).toContain('85.9 GFLOP/s · 53.7 % (n=3)');
    expect(html).toContain('matMul 1024 · wasm ×1');
  });

  it('check the matMul 1024 peak targets', () => {
    const rows = checkTargets(study).rows.filter((r) => r.target.startsWith('backends:'));
    expect(rows.map((r) => r.cells[0]?.met)).toEqual([false, true]);
  });
});
