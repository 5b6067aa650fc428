/**
 * @module findings/combining — the guide's "Combining them" section: where decoding pays, per source.
 */
import { type StrategyOf, hasStrategy, metricOf, parameterOf } from '@weft/bench/report';
import type { SlimResults } from '../reference';
import { casesOf, medianOf, stat, type CaseOf, type Stat } from '../stats';
import type { Bar, Source } from './chart';

/** Combining both: decoding on the loop, in workers, or loading on the loop and decoding in workers. */
export interface CombineFindings {
  readonly source: Source;
  readonly bySource: ReadonlyArray<{
    readonly source: string;
    readonly bars: readonly Bar[];
    readonly best: string;
    readonly bestRate: Stat;
    /** Loading on the loop and decoding in workers, as a multiple of decoding on the loop (shards/s ratio). */
    readonly workerDecode?: Stat;
  }>;
}

export function combine(file: SlimResults, source: Source): CombineFindings | undefined {
  const loads = casesOf(file, 'load', (c) => c.strategy.includes('decode'));
  if (loads.length === 0) return undefined;
  const sources = [...new Set(loads.map((c) => String(parameterOf(c, 'source'))))];
  return {
    source,
    bySource: sources.map((s) => {
      const cases = loads.filter((c) => parameterOf(c, 'source') === s);
      const bars = cases.map((c) => ({
        label: `${c.strategy} (concurrency ${String(parameterOf(c, 'concurrency'))}${parameterOf(c, 'threads') ? `, ${String(parameterOf(c, 'threads'))} threads` : ''})`,
        value: metricOf(c, 'shardsPerSecond'),
        note: medianOf(c).text,
      }));
      const best = [...cases].sort(
        (a, b) => metricOf(b, 'shardsPerSecond') - metricOf(a, 'shardsPerSecond'),
      )[0] as CaseOf<'load'>;
      const rateOf = (strategy: StrategyOf<'load'>) => {
        const found = cases.find((c) => hasStrategy(c, strategy));
        return found ? metricOf(found, 'shardsPerSecond') : Number.NaN;
      };
      const ratio = rateOf('event-loop-worker-decode') / rateOf('event-loop-decode');
      return {
        source: s,
        bars,
        best: best.strategy,
        bestRate: stat(metricOf(best, 'shardsPerSecond'), 'shards/s'),
        ...(Number.isFinite(ratio) ? { workerDecode: stat(ratio, '×') } : {}),
      };
    }),
  };
}
