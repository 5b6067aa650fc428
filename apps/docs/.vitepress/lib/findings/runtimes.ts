/**
 * @module findings/runtimes — the guide's "Across runtimes" section: dispatch and training per runtime, and the largest differences between them.
 */
import type { ResultsFile } from '@weft/core/study';
import {
  type MergedCell,
  mergeStudy,
  studyOfResults,
  hasMetric,
  hasStrategy,
  metricOf,
  parameterOf,
} from '@weft/bench/report';
import type { ReferenceStudy } from '../reference';
import { casesOf, median, medianOf, rateOf, ratio, runLine, stat, type Stat } from '../stats';
import type { Bar, Source } from './chart';

/** Across runtimes: Weft's dispatch against the best alternative, and the 2-worker training speed-up, per runtime. */
export interface RuntimeFindings {
  readonly source: Omit<Source, 'run'> & { readonly runs: readonly string[] };
  readonly dispatch: readonly Bar[];
  readonly train: readonly Bar[];
  /** Per workload, the case whose median differs most between runtimes (slowest ÷ fastest), from the merged report. */
  readonly largest: readonly Bar[];
}

/** A merged cell's median as a {@link Stat}. */
const cellStat = (c: MergedCell): Stat =>
  stat(c.median ?? Number.NaN, c.unit ?? '', { n: c.n ?? 0, low: c.p10 ?? Number.NaN, high: c.p90 ?? Number.NaN });

export function runtimes(study: ReferenceStudy): RuntimeFindings {
  const dispatch: Bar[] = [];
  const train: Bar[] = [];
  for (const file of study.results) {
    const rates = casesOf(file, 'dispatch', (c) => hasMetric(c, 'tasksPerSecond'));
    const best = rates
      .filter((c) => hasMetric(c, 'ratioToBestPeer'))
      .sort((a, b) => metricOf(b, 'ratioToBestPeer') - metricOf(a, 'ratioToBestPeer'))[0];
    const peer = rates
      .filter((c) => !hasMetric(c, 'ratioToBestPeer'))
      .sort((a, b) => metricOf(b, 'tasksPerSecond') - metricOf(a, 'tasksPerSecond'))[0];
    if (best && peer) {
      const [weft, other] = [best, peer].map((c) => rateOf(c, 'tasksPerSecond', 'tasks/s')) as [Stat, Stat];
      dispatch.push({
        label: `${file.runtime.name} (${String(parameterOf(best, 'pool'))} ÷ ${String(parameterOf(peer, 'pool') ?? peer.strategy)})`,
        stat: ratio(weft, other),
        note: `${weft.text} against ${other.text}`,
      });
    }
    const cases = casesOf(file, 'train');
    const fastest = cases
      .filter((c) => !hasStrategy(c, 'main-thread') && hasMetric(c, 'speedup'))
      .sort((a, b) => metricOf(b, 'speedup') - metricOf(a, 'speedup'))[0];
    const main =
      fastest &&
      cases.find(
        (c) =>
          hasStrategy(c, 'main-thread') &&
          c.backend === fastest.backend &&
          parameterOf(c, 'batch') === parameterOf(fastest, 'batch') &&
          parameterOf(c, 'model') === parameterOf(fastest, 'model'),
      );
    if (fastest && main && median(fastest) > 0)
      train.push({
        label: `${file.runtime.name} (${String(parameterOf(fastest, 'pool') ?? fastest.strategy)}, ${String(parameterOf(fastest, 'exchange'))})`,
        stat: ratio(medianOf(main), medianOf(fastest)),
        note: `${String(parameterOf(fastest, 'workers'))} workers, batch ${String(parameterOf(fastest, 'batch'))}`,
      });
  }
  const merged = mergeStudy(studyOfResults(study.results as unknown as ResultsFile[]));
  const largest = merged.flatMap((t) => {
    const row = t.largest;
    if (!row?.spread) return [];
    const slow = row.cells[t.runtimes.indexOf(row.spread.slowest)];
    const fast = row.cells[t.runtimes.indexOf(row.spread.fastest)];
    return slow && fast
      ? [
          {
            label: `${t.workload}: ${row.strategy} ${row.parameters}`,
            stat: ratio(cellStat(slow), cellStat(fast)),
            note: `${row.spread.slowest} slowest, ${row.spread.fastest} fastest`,
          },
        ]
      : [];
  });
  return {
    source: { study: study.id, command: study.command, runs: study.results.map(runLine) },
    dispatch,
    train,
    largest,
  };
}
