/**
 * @module findings/runtimes — the guide's "Across runtimes" section: dispatch and training per runtime, and the largest differences between them.
 */
import type { ResultsFile } from '@weft/core/study';
import { mergeStudy, studyOfResults, hasMetric, hasStrategy, metricOf, parameterOf } from '@weft/bench/report';
import type { ReferenceStudy } from '../reference';
import { casesOf, metricStat, runLine } from '../stats';
import type { Bar, Source } from './chart';

/** Across runtimes: Weft's dispatch against the best alternative, and the 2-worker training speed-up, per runtime. */
export interface RuntimeFindings {
  readonly source: Omit<Source, 'run'> & { readonly runs: readonly string[] };
  readonly dispatch: readonly Bar[];
  readonly train: readonly Bar[];
  /** Per workload, the case whose median differs most between runtimes (slowest ÷ fastest), from the merged report. */
  readonly largest: readonly Bar[];
}

export function runtimes(study: ReferenceStudy): RuntimeFindings {
  const dispatch: Bar[] = [];
  const train: Bar[] = [];
  for (const file of study.results) {
    const best = casesOf(file, 'dispatch', (c) => hasMetric(c, 'ratioToBestPeer')).sort(
      (a, b) => metricOf(b, 'ratioToBestPeer') - metricOf(a, 'ratioToBestPeer'),
    )[0];
    if (best)
      dispatch.push({
        label: `${file.runtime.name} (${String(parameterOf(best, 'pool'))})`,
        value: metricOf(best, 'ratioToBestPeer'),
        note: `${metricStat(best, 'tasksPerSecond', 'tasks/s')?.text ?? ''}`,
      });
    const fastest = casesOf(file, 'train', (c) => !hasStrategy(c, 'main-thread') && hasMetric(c, 'speedup')).sort(
      (a, b) => metricOf(b, 'speedup') - metricOf(a, 'speedup'),
    )[0];
    if (fastest)
      train.push({
        label: `${file.runtime.name} (${String(parameterOf(fastest, 'pool') ?? fastest.strategy)}, ${String(parameterOf(fastest, 'exchange'))})`,
        value: metricOf(fastest, 'speedup'),
        note: `${String(parameterOf(fastest, 'workers'))} workers, batch ${String(parameterOf(fastest, 'batch'))}`,
      });
  }
  const merged = mergeStudy(studyOfResults(study.results as unknown as ResultsFile[]));
  const largest = merged.flatMap((t) =>
    t.largest?.spread
      ? [
          {
            label: `${t.workload}: ${t.largest.strategy} ${t.largest.parameters}`,
            value: t.largest.spread.ratio,
            note: `${t.largest.spread.slowest} slowest, ${t.largest.spread.fastest} fastest`,
          },
        ]
      : [],
  );
  return {
    source: { study: study.id, command: study.command, runs: study.results.map(runLine) },
    dispatch,
    train,
    largest,
  };
}
