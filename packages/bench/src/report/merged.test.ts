import { okCase, unmeasuredCase, type CaseResult, type ResultsFile } from '@weft/core/study';
import { describe, expect, it } from 'vitest';
import type { MultiRuntimeStudy } from '../model/study.js';
import { renderHtml, workloadChart } from './html.js';
import { niceTicks } from './svg-axis.js';
import { mergeStudy } from './merged.js';
import { renderMergedMarkdown } from './merged-markdown.js';

function results(runtime: 'node' | 'deno', cases: CaseResult[]): ResultsFile {
  return {
    schema: 'weft-results',
    schemaVersion: 1,
    runId: `${runtime}-run`,
    createdAt: '2026-11-27T00:00:00.000Z',
    host: { cpuModel: 'Test CPU', cores: 2, memoryBytes: 2 ** 34, os: 'Linux 6', arch: 'x64' },
    runtime: { name: runtime, version: runtime === 'node' ? '20.20.2' : '2.9.6' },
    versions: {},
    profile: 'smoke',
    cases,
  };
}

const transfer = (strategy: string, samples: number[]) =>
  okCase({ workload: 'transfer', strategy, parameters: { bytes: 1024 }, unit: 'us', samples });

const study: MultiRuntimeStudy = {
  profile: 'smoke',
  workloads: ['transfer', 'dispatch'],
  createdAt: '2026-11-27T00:00:00.000Z',
  outcomes: [
    {
      runtime: 'node',
      status: 'ok',
      version: '20.20.2',
      wallMs: 5000,
      results: results('node', [
        transfer('clone', [10, 10, 10]),
        transfer('shared', [4, 4, 4]),
        okCase({
          workload: 'dispatch',
          strategy: 'weft-throughput',
          parameters: { threads: 2 },
          unit: 'ms',
          samples: [2],
          metrics: { ratioToBestPeer: 3 },
        }),
      ]),
    },
    {
      runtime: 'deno',
      status: 'ok',
      version: '2.9.6',
      wallMs: 9000,
      results: results('deno', [
        transfer('clone', [40, 40, 40]),
        unmeasuredCase(
          'skipped',
          { workload: 'transfer', strategy: 'shared', parameters: { bytes: 1024 } },
          'no <shared> memory here',
        ),
        transfer('web-workers', [7]),
        okCase({
          workload: 'train',
          strategy: 'data-parallel',
          backend: 'wasm',
          parameters: { workers: 2, exchange: 'shared' },
          unit: 'ms',
          samples: [10],
          metrics: { speedup: 1.2 },
        }),
      ]),
    },
    {
      runtime: 'bun',
      status: 'failed',
      version: '1.4.5',
      reason: 'bun did not finish within 1 s and was killed',
      wallMs: 1000,
    },
    {
      runtime: 'chromium',
      status: 'missing',
      reason: 'chromium is not installed',
      install: 'apt-get install -y chromium',
      wallMs: 1,
    },
  ],
};

describe('mergeStudy', () => {
  it('makes one table per workload, a row per case of any runtime and a cell per runtime', () => {
    const tables = mergeStudy(study);
    expect(tables.map((t) => t.workload)).toEqual(['transfer', 'dispatch', 'train']);
    const rows = (tables[0] as (typeof tables)[number]).rows;
    expect(rows.map((r) => r.strategy)).toEqual(['clone', 'shared', 'web-workers']);
    const clone = rows[0] as (typeof rows)[number];
    expect(clone.cells.map((c) => c.status)).toEqual(['ok', 'ok', 'no-run', 'no-run']);
    expect(clone.spread).toEqual({ ratio: 4, fastest: 'node', slowest: 'deno' });
    expect((rows[1] as (typeof rows)[number]).cells[1]).toEqual({
      status: 'skipped',
      reason: 'no <shared> memory here',
    });
    expect((rows[2] as (typeof rows)[number]).cells[0]).toEqual({ status: 'absent' });
    expect((rows[2] as (typeof rows)[number]).spread).toBeUndefined();
  });
});

describe('renderMergedMarkdown', () => {
  it('writes each runtime outcome and a column per runtime, with failures and install commands stated', () => {
    const md = renderMergedMarkdown(study, { transfer: 'What does moving data cost?' });
    expect(md).toContain('| node | 20.20.2 | ok in 5 s, 3 cases (3 ok) |');
    expect(md).toContain('| deno | 2.9.6 | ok in 9 s, 4 cases (3 ok, 1 skipped) |');
    expect(md).toContain('| bun | 1.4.5 | failed: bun did not finish within 1 s and was killed |');
    expect(md).toContain('| chromium |  | missing: chromium is not installed |');
    expect(md).toContain('## transfer — What does moving data cost?');
    expect(md).toContain('| strategy | backend | parameters | node | deno | bun | chromium | spread |');
    expect(md).toContain(
      '| clone | none | bytes=1 KiB | 10 us | 40 us | not run (failed) | not run (missing) | 4× (fastest node, slowest deno) |',
    );
    expect(md).toContain('| shared | none | bytes=1 KiB | 4 us | skipped: no <shared> memory here |');
    expect(md).toContain('| weft-throughput | none | threads=2 | 2 ms (ratioToBestPeer 3) |');
    expect(md).toContain('| dispatch: Weft ≥ 1.0× the fastest alternative (tasks/s) | 3× ✓ (weft) | — | — | — |');
    expect(md).toContain(
      '| train: wasm, 2 workers, MLP ≥ 1.8× the main thread | — | 1.2× ✗ (data-parallel shared) | — | — |',
    );
    expect(md).toContain('Largest spread: **clone** (bytes=1 KiB): deno takes 4× as long as node.');
  });
});

describe('renderHtml', () => {
  it('is one self-contained page with an SVG chart per workload and escaped text', () => {
    const html = renderHtml(study);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).toContain('skipped: no &lt;shared&gt; memory here');
    expect(html).not.toContain('<shared>');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    // One bar per measured cell: transfer clone (2), shared (1), web-workers (1), dispatch (1), train (1).
    expect(html.match(/<rect class="bar" [^>]*><title>/g)).toHaveLength(6);
    expect(html.match(/class="whisker"/g)).toHaveLength(6);
    expect(html).toContain('<td class="failed">1.2× ✗ (data-parallel shared)</td>');
  });
});

describe('workloadChart', () => {
  const widths = (svg: string) =>
    [...svg.matchAll(/<rect class="bar" x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
  const single = (cases: CaseResult[]): MultiRuntimeStudy => ({
    profile: 'quick',
    workloads: ['transfer'],
    createdAt: '2026-11-27T00:00:00.000Z',
    outcomes: [{ runtime: 'node', status: 'ok', version: '20.20.2', wallMs: 1, results: results('node', cases) }],
  });

  it("draws every bar with its p10–p90 whisker over a % axis, scaled to the case's longest p90", () => {
    const [transferTable] = mergeStudy(study);
    const svg = workloadChart(transferTable as NonNullable<typeof transferTable>);
    const bars = widths(svg);
    expect(bars).toHaveLength(4);
    expect(svg.match(/class="whisker"/g)).toHaveLength(4);
    expect(svg).toContain('data-axis="x"');
    expect(svg).toContain('>100 %</text>');
    expect(svg).toContain('10 us (n=3)');
    // clone: node 10 µs against deno 40 µs (all samples equal, so p90 = median): a quarter of the span, and all of it.
    expect((bars[0] as number) / (bars[1] as number)).toBeCloseTo(0.25, 5);
  });

  it('with one runtime, scales the cases of one unit together instead of filling every bar', () => {
    const [table] = mergeStudy(single([transfer('clone', [10, 10, 10]), transfer('shared', [5, 5, 5])]));
    const bars = widths(workloadChart(table as NonNullable<typeof table>));
    expect((bars[1] as number) / (bars[0] as number)).toBeCloseTo(0.5, 5);
  });

  it('picks round ticks that reach the largest value', () => {
    expect(niceTicks(12)).toEqual([0, 5, 10, 15]);
    expect(niceTicks(100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0.3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});
