/**
 * @module report/backends — the `backends` workload's own tables: per case the three phases (first run, warm-up,
 * steady state), the throughput (GFLOP/s or samples/s) with its p10–p90, and the fraction of the theoretical fp32
 * peak; per runtime and merged across runtimes. Browser-safe (no Node imports).
 */
import {
  casesOfWorkload,
  hasMetric,
  hasStrategy,
  metricOf,
  parameterOf,
  recordedMetric,
  type CaseOf,
} from '../model/vocabulary.js';
import type { CaseResult } from '@weft/core/study';

/** A case of `backends`. */
type BackendsCase = CaseOf<'backends'>;
import type { MultiRuntimeStudy } from '../model/study.js';
import { CONV2D_FLOP_FORMULA, MATMUL_FLOP_FORMULA, PEAK_FORMULA } from '../workloads/backends-flops.js';
import { formatNumber } from './format.js';
import { row } from './markdown-row.js';

const WORKLOAD = 'backends';
const PEAK = 'theoretical-peak';

const pct = (fraction: number): string => `${formatNumber(fraction * 100)} %`;

/** The operation a case measures, in words: `matMul 1024`, `conv2d 32×28×28×32 → 3×3×64 same`, `mlp-train-step …`. */
export function operationText(c: BackendsCase): string {
  const p = c.parameters;
  if (hasStrategy(c, 'matMul')) return p['n'] === undefined ? 'matMul' : `matMul ${String(p['n'])}`;
  if (hasStrategy(c, 'conv2d'))
    return `conv2d ${String(p['batch'])}×${String(p['input'])} → ${String(p['filter'])} ${String(p['padding'] ?? '')}`.trim();
  if (p['model'] !== undefined) return `${c.strategy} (${String(p['model'])}, batch ${String(p['batch'])})`;
  return c.strategy;
}

/** The backend as shown: NumPy's rows say they are a non-JavaScript reference. */
export function backendText(c: BackendsCase): string {
  return parameterOf(c, 'reference') === undefined ? c.backend : `${c.backend} (non-JS reference)`;
}

/** The throughput of a measured case with its p10–p90: `41.2 GFLOP/s (38.0–43.1)` or `3,410 samples/s (…)`. */
export function throughputText(c: BackendsCase): string {
  const m = c.metrics;
  if (m['gflops'] !== undefined)
    return `${formatNumber(m['gflops'])} GFLOP/s (${formatNumber(m['gflopsP10'] ?? 0)}–${formatNumber(m['gflopsP90'] ?? 0)})`;
  if (m['samplesPerSecond'] !== undefined) {
    return `${formatNumber(m['samplesPerSecond'])} samples/s (${formatNumber(m['samplesPerSecondP10'] ?? 0)}–${formatNumber(m['samplesPerSecondP90'] ?? 0)})`;
  }
  return '';
}

/** The fraction of the peak a case reached, and which peak: `24.8 % of 1-core 83.1`. */
export function peakText(c: BackendsCase): string {
  const fraction = recordedMetric(c, 'peakFraction');
  const peak = recordedMetric(c, 'peakGflops');
  if (fraction === undefined || peak === undefined) return '';
  const threads = parameterOf(c, 'threads');
  return `${pct(fraction)} of ${String(threads)}-core ${formatNumber(peak)}`;
}

/** The peak's formula and inputs, and how FLOP are counted, from the run's `theoretical-peak` case. */
export function peakNote(all: readonly CaseResult[]): string {
  const cases = casesOfWorkload(all, 'backends');
  const peak = cases.find((c) => c.workload === WORKLOAD && c.strategy === PEAK);
  const counts = `${MATMUL_FLOP_FORMULA}; ${CONV2D_FLOP_FORMULA}.`;
  if (peak === undefined) return counts;
  if (peak.status !== 'ok') return `Theoretical fp32 peak: ${peak.reason ?? peak.status}. ${counts}`;
  const p = peak.parameters;
  const ghz = Number(p['clockMhz']) / 1000;
  return (
    `Theoretical fp32 peak: ${PEAK_FORMULA}; here ${String(p['cores'])} cores × ${formatNumber(ghz)} GHz (${String(p['clockSource'])}) × 32 = ` +
    `**${formatNumber(recordedMetric(peak, 'allCoreGflops') ?? 0)} GFLOP/s** on all cores, ${formatNumber(recordedMetric(peak, 'singleCoreGflops') ?? 0)} on one. ` +
    `${p['simd'] ? `The CPU reports ${String(p['simd'])}. ` : ''}` +
    (!hasMetric(peak, 'avx512AllCoreGflops')
      ? ''
      : `With AVX-512 (2 FMA units × 16 fp32 lanes × 2 = 64 FLOP/cycle) the peak would be ${formatNumber(metricOf(peak, 'avx512AllCoreGflops'))} GFLOP/s ` +
        `on all cores, ${formatNumber(recordedMetric(peak, 'avx512SingleCoreGflops') ?? 0)} on one: rates above 100 % of the AVX2 peak mean the 512-bit units are in use. `) +
    'The clock is the nominal one the kernel reports; a core may turbo above it, so more than 100 % of the peak is possible. ' +
    `cpu and wasm (one thread) are compared with the one-core peak; tensorflow, numpy and webgl (headless Chromium renders it on the CPU) with the all-core peak. ${counts} ` +
    'Every timed run reads its result back; steady state is the median with p10–p90 of n runs after the first run and the warm-up.'
  );
}

const threadsText = (c: BackendsCase): string =>
  parameterOf(c, 'threads') === undefined ? '' : String(parameterOf(c, 'threads'));

const phaseCells = (c: BackendsCase): string[] => {
  const s = c.summary;
  const m = c.metrics;
  if (c.status !== 'ok' || s === null) return ['', '', ''];
  const warm =
    m['warmupMedianMs'] === undefined
      ? ''
      : `${formatNumber(m['warmupMedianMs'])} ms (${formatNumber(m['warmupP10Ms'] ?? 0)}–${formatNumber(m['warmupP90Ms'] ?? 0)}, n=${String(m['warmupRuns'])})`;
  return [
    `${formatNumber(m['firstRunMs'] ?? 0)} ms`,
    warm,
    `${formatNumber(s.median)} ms (${formatNumber(s.p10)}–${formatNumber(s.p90)}, n=${s.n})`,
  ];
};

/** One runtime's Backends table (markdown), or '' when the run has no `backends` cases. */
export function backendsTable(all: readonly CaseResult[]): string {
  const cases = casesOfWorkload(all, 'backends');
  const measured = cases.filter((c) => c.workload === WORKLOAD && c.strategy !== PEAK);
  if (measured.length === 0) return '';
  const header = [
    'operation',
    'backend',
    'threads',
    'first run',
    'warm-up median (p10–p90, n)',
    'steady median (p10–p90, n)',
    'throughput (p10–p90)',
    'of peak',
    'status',
  ];
  const lines = [row(header), row(header.map(() => '---'))];
  for (const c of measured) {
    const status = c.status === 'ok' ? 'ok' : `${c.status}: ${c.reason ?? ''}`;
    lines.push(
      row([
        operationText(c),
        backendText(c),
        threadsText(c),
        ...phaseCells(c),
        c.status === 'ok' ? throughputText(c) : '',
        peakText(c),
        status,
      ]),
    );
  }
  return lines.join('\n');
}

/** The Backends section of one runtime's report: a title, the peak note and the table (no lines without cases). */
export function backendsSection(all: readonly CaseResult[]): string[] {
  const cases = casesOfWorkload(all, 'backends');
  const table = backendsTable(cases);
  return table === '' ? [] : ['#### Backends', '', peakNote(cases), '', table, ''];
}

/** A measured case as one merged cell: `41.2 GFLOP/s (38–43, n=10) · 24.8 % of 1-core peak`. */
function mergedCell(c: BackendsCase | undefined): string {
  if (c === undefined) return '—';
  if (c.status !== 'ok') return `${c.status}: ${(c.reason ?? '').slice(0, 90)}`;
  const n = `n=${String(c.summary?.n ?? 0)}`;
  const fraction = recordedMetric(c, 'peakFraction');
  const perStep = hasMetric(c, 'samplesPerSecond') ? `${formatNumber(c.summary?.median ?? 0)} ms/step · ` : '';
  return `${perStep}${throughputText(c)} ${n}${fraction === undefined ? '' : ` · ${pct(fraction)} of ${String(parameterOf(c, 'threads'))}-core peak`}`;
}

/** The Backends table across runtimes (markdown): a row per operation and backend, a column per runtime. */
export function mergedBackendsSection(study: MultiRuntimeStudy): string[] {
  const runtimes = study.outcomes.map((o) => o.runtime);
  const perRuntime = study.outcomes.map((o) => (o.status === 'ok' ? casesOfWorkload(o.results.cases, WORKLOAD) : []));
  const keyOf = (c: BackendsCase) =>
    `${operationText(c)}\u0000${c.backend}\u0000${String(parameterOf(c, 'threads') ?? '')}`;
  const keys: string[] = [];
  const first = new Map<string, BackendsCase>();
  for (const c of perRuntime.flat().filter((x) => x.strategy !== PEAK)) {
    if (!first.has(keyOf(c))) {
      keys.push(keyOf(c));
      first.set(keyOf(c), c);
    }
  }
  if (keys.length === 0) return [];
  const header = ['operation', 'backend', 'threads', ...runtimes];
  const lines = [row(header), row(header.map(() => '---'))];
  for (const key of keys) {
    const c = first.get(key) as BackendsCase;
    lines.push(
      row([
        operationText(c),
        backendText(c),
        threadsText(c),
        ...perRuntime.map((cases) => mergedCell(cases.find((x) => keyOf(x) === key))),
      ]),
    );
  }
  return ['## Backends', '', peakNote(perRuntime.flat()), '', lines.join('\n'), ''];
}
