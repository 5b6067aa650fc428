/**
 * @module report/oversubscription — the `oversubscription` workload's tables: samples/s per N workers × T backend
 * threads, per runtime and merged across runtimes, per backend the best combination and how badly the worst one
 * loses (worst ÷ best samples/s, same run), and whether threads or processes win. Browser-safe (no Node imports).
 */
import { casesOfWorkload, hasMetric, metricOf, parameterOf, recordedMetric, type CaseOf } from '../model/vocabulary.js';
import type { CaseResult } from '@weft/core/study';

/** A case of `oversubscription`. */
type OversubscriptionCase = CaseOf<'oversubscription'>;
import type { MultiRuntimeStudy } from '../model/study.js';
import { formatNumber } from './format.js';
import { row } from './markdown-row.js';

const WORKLOAD = 'oversubscription';

/** The best and the worst measured combination of one backend in one run. */
export interface Extremes {
  readonly backend: string;
  readonly best: OversubscriptionCase;
  readonly worst: OversubscriptionCase;
  /** Worst ÷ best samples/s: 1 when every combination runs alike, near 0 when one collapses. */
  readonly ratio: number;
}

const rateOf = (c: OversubscriptionCase): number | undefined =>
  c.status === 'ok' ? recordedMetric(c, 'samplesPerSecond') : undefined;

/** What a pool's workers are called in the report. */
const POOL_NAMES: Readonly<Record<string, [string, string]>> = {
  'worker-threads': ['worker thread', 'worker threads'],
  'web-workers': ['web worker', 'web workers'],
  processes: ['process', 'processes'],
};

/** `main thread`, `2 worker threads` or `2 processes`: where a case's parts ran. */
export function workersText(c: OversubscriptionCase): string {
  const n = Number(parameterOf(c, 'workers'));
  if (n === 0) return 'main thread';
  const [one, many] = POOL_NAMES[String(parameterOf(c, 'pool'))] ?? ['worker', 'workers'];
  return `${n} ${n === 1 ? one : many}`;
}

/** `main thread × 2 threads` or `4 processes × 1 thread`: a case's combination of workers and backend threads. */
export function combinationText(c: OversubscriptionCase): string {
  const t = String(parameterOf(c, 'threads'));
  return `${workersText(c)} × ${t} thread${t === '1' ? '' : 's'}`;
}

/**
 * Per backend, when the run measured data-parallel cases on threads (worker threads or web workers) and on
 * processes: which kind wins, with the best case of each and the ratio (processes ÷ threads samples/s, same run).
 */
export function poolLines(all: readonly CaseResult[]): string[] {
  const cases = casesOfWorkload(all, 'oversubscription');
  const lines: string[] = [];
  for (const backend of new Set(cases.map((c) => c.backend))) {
    const measured = cases.filter(
      (c) =>
        c.workload === WORKLOAD &&
        c.backend === backend &&
        Number(parameterOf(c, 'workers')) > 0 &&
        rateOf(c) !== undefined,
    );
    const bestOf = (list: OversubscriptionCase[]) =>
      list.reduce<OversubscriptionCase | undefined>(
        (b, c) => (b === undefined || (rateOf(c) as number) > (rateOf(b) as number) ? c : b),
        undefined,
      );
    const processes = bestOf(measured.filter((c) => parameterOf(c, 'pool') === 'processes'));
    const threads = bestOf(measured.filter((c) => parameterOf(c, 'pool') !== 'processes'));
    if (processes === undefined || threads === undefined) continue;
    const ratio = (rateOf(processes) as number) / (rateOf(threads) as number);
    lines.push(
      `**${backend}**: ${ratio >= 1 ? 'processes' : 'threads'} win: best ${combinationText(processes)} ${formatNumber(rateOf(processes) as number)} samples/s ` +
        `against best ${combinationText(threads)} ${formatNumber(rateOf(threads) as number)}: processes ÷ threads = **${formatNumber(ratio)}×**.`,
    );
  }
  return lines;
}

/**
 * Per backend, among the run's measured `oversubscription` cases (the main-thread baselines included), the case
 * with the most samples/s, the one with the fewest, and their ratio. Backends with fewer than two measured cases are
 * left out (nothing to compare).
 */
export function oversubscriptionExtremes(all: readonly CaseResult[]): Extremes[] {
  const cases = casesOfWorkload(all, 'oversubscription');
  const byBackend = new Map<string, OversubscriptionCase[]>();
  for (const c of cases) {
    if (c.workload !== WORKLOAD || rateOf(c) === undefined) continue;
    byBackend.set(c.backend, [...(byBackend.get(c.backend) ?? []), c]);
  }
  return [...byBackend]
    .filter(([, list]) => list.length > 1)
    .map(([backend, list]) => {
      let best = list[0] as OversubscriptionCase;
      let worst = best;
      for (const c of list) {
        if ((rateOf(c) as number) > (rateOf(best) as number)) best = c;
        if ((rateOf(c) as number) < (rateOf(worst) as number)) worst = c;
      }
      return { backend, best, worst, ratio: (rateOf(worst) as number) / (rateOf(best) as number) };
    });
}

/** `41,200 samples/s (38,000–43,100)` (a crashed case: its completed rounds), or '' for a case that did not run. */
function rateText(c: OversubscriptionCase): string {
  const m = c.metrics;
  if ((c.status !== 'ok' && c.status !== 'crashed') || m['samplesPerSecond'] === undefined) return '';
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
export function oversubscriptionSection(all: readonly CaseResult[]): string[] {
  const cases = casesOfWorkload(all, 'oversubscription');
  const list = casesOfWorkload(cases, WORKLOAD);
  if (list.length === 0) return [];
  const header = [
    'backend',
    'workers N',
    'threads T',
    'threads per core',
    'samples/s (p10–p90)',
    'n',
    '× main thread, same T',
    'status',
  ];
  const lines = [row(header), row(header.map(() => '---'))];
  for (const c of list) {
    lines.push(
      row([
        c.backend,
        workersText(c),
        String(parameterOf(c, 'threads')),
        parameterOf(c, 'threadsPerCore') === undefined ? '' : formatNumber(Number(parameterOf(c, 'threadsPerCore'))),
        rateText(c),
        String(c.summary?.n ?? 0),
        !hasMetric(c, 'speedupOverMain') ? '' : `${formatNumber(metricOf(c, 'speedupOverMain'))}×`,
        c.status === 'ok' ? 'ok' : `${c.status}: ${c.reason ?? ''}`,
      ]),
    );
  }
  return [
    '#### Oversubscription',
    '',
    ...lines,
    '',
    ...[...extremesLines(oversubscriptionExtremes(list)), ...poolLines(list)].flatMap((l) => [l, '']),
  ];
}

/** The merged "Oversubscription" section: samples/s per N × T with a column per runtime, then best and worst per runtime. */
export function mergedOversubscriptionSection(study: MultiRuntimeStudy): string[] {
  const runs = study.outcomes.flatMap((o) =>
    o.status === 'ok' ? [{ runtime: o.runtime, cases: casesOfWorkload(o.results.cases, WORKLOAD) }] : [],
  );
  if (runs.every((r) => r.cases.length === 0)) return [];
  const key = (c: OversubscriptionCase): string =>
    `${c.backend}|${workersText(c)}|${String(parameterOf(c, 'threads'))}`;
  const keys = [...new Map(runs.flatMap((r) => r.cases.map((c) => [key(c), c] as const))).values()];
  const header = ['backend', 'workers N', 'threads T', ...runs.map((r) => `${r.runtime} samples/s (p10–p90)`)];
  const lines = [row(header), row(header.map(() => '---'))];
  for (const k of keys) {
    const cells = runs.map((r) => {
      const c = r.cases.find((x) => key(x) === key(k));
      if (c === undefined) return '—';
      if (c.status === 'crashed')
        return `${rateText(c)}${rateText(c) ? ', ' : ''}crashed in ${formatNumber((recordedMetric(c, 'crashRate') ?? 0) * 100)} % of rounds`;
      return c.status === 'ok' ? rateText(c) : c.status;
    });
    lines.push(row([k.backend, workersText(k), String(parameterOf(k, 'threads')), ...cells]));
  }
  const best = ['runtime', 'backend', 'best', 'worst', 'worst ÷ best'];
  const bestLines = [row(best), row(best.map(() => '---'))];
  for (const r of runs) {
    for (const e of oversubscriptionExtremes(r.cases)) {
      bestLines.push(
        row([
          r.runtime,
          e.backend,
          `${combinationText(e.best)}: ${formatNumber(rateOf(e.best) as number)}`,
          `${combinationText(e.worst)}: ${formatNumber(rateOf(e.worst) as number)}`,
          formatNumber(e.ratio),
        ]),
      );
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
