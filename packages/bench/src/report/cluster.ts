/**
 * @module report/cluster — what going distributed costs, when the cluster pools ran (`--pools weft-cluster` in
 * `dispatch`, `--pools cluster` in `train`): the cluster's throughput and round trip beside Weft's threads and the task
 * duration from which two machines beat one, and its training speed beside the best local pool. Browser-safe.
 */
import type { CaseResult } from '@weft/core/study';
import { casesOfWorkload, hasStrategy, parameterOf, recordedMetric, type CaseOf } from '../model/vocabulary.js';
import { formatNumber } from './format.js';

/**
 * One sentence on the cluster's dispatch cases, or undefined when none ran. Each slot waits one round trip per task,
 * so k machines beat one when k / (T + cluster trip) > 1 / (T + local trip): for k = 2, from a task duration
 * T = cluster trip − 2 × local trip.
 */
export function clusterDispatchLine(cases: readonly CaseResult[]): string | undefined {
  const ok = casesOfWorkload(cases, 'dispatch').filter((c) => c.status === 'ok');
  const throughput = ok.find((c) => hasStrategy(c, 'weft-cluster-throughput'));
  const remote = ok.find((c) => hasStrategy(c, 'weft-cluster-latency'))?.summary;
  const local = ok.find((c) => hasStrategy(c, 'weft-latency'))?.summary;
  if (throughput === undefined || remote == null) return undefined;
  const rate = recordedMetric(throughput, 'tasksPerSecond');
  const versus =
    local == null
      ? ''
      : ` (Weft's threads ${formatNumber(local.median)} µs): 2 machines beat 1 from tasks of ~${formatNumber(Math.max(0, remote.median - 2 * local.median))} µs`;
  return `Cluster (Redis on loopback): ${rate === undefined ? '?' : formatNumber(rate)} tasks/s, round trip ${formatNumber(remote.median)} µs${versus}`;
}

type TrainCase = CaseOf<'train'>;

/** One sentence per backend and model that trained on the cluster: its best case against the best local pool's. */
export function clusterTrainLines(cases: readonly CaseResult[]): string[] {
  const parallel = casesOfWorkload(cases, 'train').filter(
    (c) => c.status === 'ok' && hasStrategy(c, 'data-parallel') && recordedMetric(c, 'samplesPerSecond') !== undefined,
  );
  const rate = (c: TrainCase) => recordedMetric(c, 'samplesPerSecond') as number;
  const fastest = (list: TrainCase[]) => list.sort((a, b) => rate(b) - rate(a))[0];
  const keys = [...new Set(parallel.map((c) => `${c.backend}, ${String(parameterOf(c, 'model') ?? 'mlp')}`))];
  return keys.flatMap((key) => {
    const group = parallel.filter((c) => `${c.backend}, ${String(parameterOf(c, 'model') ?? 'mlp')}` === key);
    const remote = fastest(group.filter((c) => parameterOf(c, 'pool') === 'cluster'));
    const local = fastest(group.filter((c) => parameterOf(c, 'pool') !== 'cluster'));
    if (remote === undefined || local === undefined) return [];
    const where = (c: TrainCase) =>
      `${String(parameterOf(c, 'workers'))} ${String(parameterOf(c, 'pool'))}, batch ${String(parameterOf(c, 'batch'))}`;
    return [
      `**${key}**: best cluster (${where(remote)}) ${formatNumber(rate(remote))} samples/s against best local pool ` +
        `(${where(local)}) ${formatNumber(rate(local))}: cluster ÷ local = **${formatNumber(rate(remote) / rate(local))}×**.`,
    ];
  });
}

/** The "What going distributed costs" section of one workload's cases (markdown lines), or none. */
export function clusterSection(cases: readonly CaseResult[]): string[] {
  const dispatch = clusterDispatchLine(cases);
  const lines = [...(dispatch === undefined ? [] : [`${dispatch}.`]), ...clusterTrainLines(cases)];
  return lines.length === 0 ? [] : ['#### What going distributed costs', '', ...lines.flatMap((l) => [l, ''])];
}
