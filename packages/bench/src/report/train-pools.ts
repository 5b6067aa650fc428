/**
 * @module report/train-pools — the `train` workload's answer to "threads or processes?": per model and backend, the
 * fastest data-parallel case on threads (worker threads or web workers) against the fastest on processes, and their
 * ratio (same run). Browser-safe (no Node imports).
 */
import type { CaseResult } from '@weft/core/study';
import { formatNumber } from './format.js';

const rateOf = (c: CaseResult): number => c.metrics['samplesPerSecond'] as number;

/** `2 worker-threads, shared`: where a case's parts ran and how they exchanged. */
function whereText(c: CaseResult): string {
  return `${String(c.parameters['workers'])} ${String(c.parameters['pool'])}, ${String(c.parameters['exchange'])}`;
}

/** The fastest of `cases`, or undefined when there is none. */
function fastest(cases: readonly CaseResult[]): CaseResult | undefined {
  return cases.reduce<CaseResult | undefined>(
    (best, c) => (best === undefined || rateOf(c) > rateOf(best) ? c : best),
    undefined,
  );
}

/** One sentence per model and backend that ran on both threads and processes: which wins, best against best. */
export function trainPoolLines(cases: readonly CaseResult[]): string[] {
  const measured = cases.filter(
    (c) =>
      c.workload === 'train' &&
      c.status === 'ok' &&
      c.strategy !== 'main-thread' &&
      c.strategy !== 'pytorch' &&
      c.metrics['samplesPerSecond'] !== undefined,
  );
  const groups = new Map<string, CaseResult[]>();
  for (const c of measured) {
    const key = `${c.backend}, ${String(c.parameters['model'] ?? 'mlp')}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups].flatMap(([key, list]) => {
    const processes = fastest(list.filter((c) => c.strategy === 'data-parallel-processes'));
    const threads = fastest(list.filter((c) => c.strategy !== 'data-parallel-processes'));
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
