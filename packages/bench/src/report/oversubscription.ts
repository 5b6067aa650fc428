/**
 * @module report/oversubscription — the `oversubscription` workload's tables: samples/s per N workers × T backend
 * threads, per runtime and merged across runtimes, and per backend the best combination and how badly the worst one
 * loses (worst ÷ best samples/s, same run). Browser-safe (no Node imports).
 */
import type { CaseResult } from '@weft/core';
import type { MultiRuntimeStudy } from '../runners/orchestrator.js';
import { formatNumber } from './format.js';
import { row } from './markdown.js';

const WORKLOAD = 'oversubscription';

/** The best and the worst measured combination of one backend in one run. */
export interface Extremes {
  readonly backend: string;
  readonly best: CaseResult;
  readonly worst: CaseResult;
  /** Worst ÷ best samples/s: 1 when every combination runs alike, near 0 when one collapses. */
  readonly ratio: number;
}

const rateOf = (c: CaseResult): number | undefined => (c.status === 'ok' ? c.metrics['samplesPerSecond'] : undefined);

/** `main × 2` or `4 workers × 1`: a case's combination of workers and backend threads. */
export function combinationText(c: CaseResult): string {
  const n = Number(c.parameters['workers']);
  const t = String(c.parameters['threads']);
  return `${n === 0 ? 'main thread' : `${n} worker${n === 1 ? '' : 's'}`} × ${t} thread${t === '1' ? '' : 's'}`;
}

/**
 * Per backend, among the run's measured `oversubscription` cases (the main-thread baselines included), the case
 * with the most samples/s, the one with the fewest, and their ratio. Backends with fewer than two measured cases are
 * left out (nothing to compare).
 */
export function oversubscriptionExtremes(cases: readonly CaseResult[]): Extremes[] {
  const byBackend = new Map<string, CaseResult[]>();
  for (const c of cases) {
    if (c.workload !== WORKLOAD || rateOf(c) === undefined) continue;
    byBackend.set(c.backend, [...(byBackend.get(c.backend) ?? []), c]);
  }
  return [...byBackend].filter(([, list]) => list.length > 1).map(([backend, list]) => {
    let best = list[0] as CaseResult;
    let worst = best;
    for (const c of list) {
      if ((rateOf(c) as number) > (rateOf(best) as number)) best = c;
      if ((rateOf(c) as number) < (rateOf(worst) as number)) worst = c;
    }
    return { backend, best, worst, ratio: (rateOf(worst) as number) / (rateOf(best) as number) };
  });
}

/** `41,200 samples/s (38,000–43,100)`, or '' for a case that did not run. */
function rateText(c: CaseResult): string {
  const m = c.metrics;
  if (c.status !== 'ok' || m['samplesPerSecond'] === undefined) return '';
  return `${formatNumber(m['samplesPerSecond'])} (${formatNumber(m['samplesPerSecondP10'] ?? 0)}–${formatNumber(m['samplesPerSecondP90'] ?? 0)})`;
}

/** One sentence per backend: the best combination, the worst, and worst ÷ best. */
export function extremesLines(extremes: readonly Extremes[]): string[] {
  return extremes.map(
    (e) =>
      `**${e.backend}**: best ${combinationText(e.best)} (${formatNumber(rateOf(e.best) as number)} samples/s), ` +
      `worst ${combinationText(e.worst)} (${formatNumber(rateOf(e.worst) as number)} samples/s): worst ÷ best = **${formatNumber(e.ratio)}**.`,
  );
}

/** One runtime's "Oversubscription" section (markdown lines), or none when the run has no such cases. */
export function oversubscriptionSection(cases: readonly CaseResult[]): string[] {
  const list = cases.filter((c) => c.workload === WORKLOAD);
  if (list.length === 0) return [];
  const header = ['backend', 'workers N', 'threads T', 'threads per core', 'samples/s (p10–p90)', 'n', '× main thread, same T', 'status'];
  const lines = [row(header), row(header.map(() => '---'))];
  for (const c of list) {
    const n = Number(c.parameters['workers']);
    lines.push(
      row([
        c.backend,
        n === 0 ? 'main' : String(n),
        String(c.parameters['threads']),
        c.parameters['threadsPerCore'] === undefined ? '' : formatNumber(Number(c.parameters['threadsPerCore'])),
        rateText(c),
        String(c.summary?.n ?? 0),
        c.metrics['speedupOverMain'] === undefined ? '' : `${formatNumber(c.metrics['speedupOverMain'])}×`,
        c.status === 'ok' ? 'ok' : `${c.status}: ${c.reason ?? ''}`,
      ]),
    );
  }
  return ['#### Oversubscription', '', ...lines, '', ...extremesLines(oversubscriptionExtremes(list)).flatMap((l) => [l, ''])];
}

/** The merged "Oversubscription" section: samples/s per N × T with a column per runtime, then best and worst per runtime. */
export function mergedOversubscriptionSection(study: MultiRuntimeStudy): string[] {
  const runs = study.outcomes.flatMap((o) => (o.status === 'ok' ? [{ runtime: o.runtime, cases: o.results.cases.filter((c) => c.workload === WORKLOAD) }] : []));
  if (runs.every((r) => r.cases.length === 0)) return [];
  const key = (c: CaseResult): string => `${c.backend}|${String(c.parameters['workers'])}|${String(c.parameters['threads'])}`;
  const keys = [...new Map(runs.flatMap((r) => r.cases.map((c) => [key(c), c] as const))).values()];
  const header = ['backend', 'workers N', 'threads T', ...runs.map((r) => `${r.runtime} samples/s (p10–p90)`)];
  const lines = [row(header), row(header.map(() => '---'))];
  for (const k of keys) {
    const n = Number(k.parameters['workers']);
    const cells = runs.map((r) => {
      const c = r.cases.find((x) => key(x) === key(k));
      if (c === undefined) return '—';
      return c.status === 'ok' ? rateText(c) : c.status;
    });
    lines.push(row([k.backend, n === 0 ? 'main' : String(n), String(k.parameters['threads']), ...cells]));
  }
  const best = ['runtime', 'backend', 'best', 'worst', 'worst ÷ best'];
  const bestLines = [row(best), row(best.map(() => '---'))];
  for (const r of runs) {
    for (const e of oversubscriptionExtremes(r.cases)) {
      bestLines.push(row([r.runtime, e.backend, `${combinationText(e.best)}: ${formatNumber(rateOf(e.best) as number)}`, `${combinationText(e.worst)}: ${formatNumber(rateOf(e.worst) as number)}`, formatNumber(e.ratio)]));
    }
  }
  return [
    '## Oversubscription',
    '',
    'Samples/s of data-parallel MNIST training on N workers (main: the main thread alone) with T backend threads per process ' +
      '(libtensorflow intra-op threads; wasm threads where they run). Skipped and failed combinations say why in the details per runtime.',
    '',
    ...lines,
    '',
    ...bestLines,
    '',
  ];
}
