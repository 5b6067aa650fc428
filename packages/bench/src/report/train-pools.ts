/**
 * @module report/train-pools — the `train` workload's answer to "threads or processes?": per model and backend, the
 * fastest data-parallel case on threads (worker threads or web workers) against the fastest on processes, and their
 * ratio (same run). Browser-safe (no Node imports).
 */
import type { CaseResult } from '@weft/core/study';
import { hasMetric, hasStrategy, isCaseOf, metricOf, parameterOf, type CaseOf } from '../model/vocabulary.js';

/** A case of `train`. */
type TrainCase = CaseOf<'train'>;
import { formatNumber } from './format.js';

const rateOf = (c: TrainCase): number => metricOf(c, 'samplesPerSecond');

/** `2 worker-threads, shared`: where a case's parts ran and how they exchanged. */
function whereText(c: TrainCase): string {
  return `${String(parameterOf(c, 'workers'))} ${String(parameterOf(c, 'pool'))}, ${String(parameterOf(c, 'exchange'))}`;
}

/** The fastest of `cases`, or undefined when there is none. */
function fastest(cases: readonly TrainCase[]): TrainCase | undefined {
  return cases.reduce<TrainCase | undefined>(
    (best, c) => (best === undefined || rateOf(c) > rateOf(best) ? c : best),
    undefined,
  );
}

/** One sentence per model and backend that ran on both threads and processes: which wins, best against best. */
export function trainPoolLines(cases: readonly CaseResult[]): string[] {
  const measured = cases.filter(
    (c): c is TrainCase =>
      isCaseOf(c, 'train') &&
      c.status === 'ok' &&
      !hasStrategy(c, 'main-thread') &&
      !hasStrategy(c, 'pytorch') &&
      hasMetric(c, 'samplesPerSecond'),
  );
  const groups = new Map<string, TrainCase[]>();
  for (const c of measured) {
    const key = `${c.backend}, ${String(parameterOf(c, 'model') ?? 'mlp')}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups].flatMap(([key, list]) => {
    const processes = fastest(list.filter((c) => parameterOf(c, 'pool') === 'processes'));
    const threads = fastest(list.filter((c) => !['processes', 'cluster'].includes(String(parameterOf(c, 'pool')))));
    if (processes === undefined || threads === undefined) return [];
    const ratio = rateOf(processes) / rateOf(threads);
    return [
      `**${key}**: ${ratio >= 1 ? 'processes' : 'threads'} win: best ${whereText(processes)} ${formatNumber(rateOf(processes))} samples/s against ` +
        `best ${whereText(threads)} ${formatNumber(rateOf(threads))}: processes ÷ threads = **${formatNumber(ratio)}×**.`,
    ];
  });
}

/** The "Threads or processes" section of one runtime's `train` cases (markdown lines), or none without both. */
export function trainPoolsSection(cases: readonly CaseResult[]): string[] {
  const lines = trainPoolLines(cases);
  return lines.length === 0 ? [] : ['#### Threads or processes', '', ...lines.flatMap((l) => [l, ''])];
}
