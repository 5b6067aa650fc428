/**
 * @module findings/combining — the guide's "Combining them" section: where decoding pays, per source.
 */
import { type StrategyOf, hasStrategy, metricOf, parameterOf } from '@weft/bench/report';
import type { SlimResults } from '../reference';
import { choice, verdict, type Choice, type Verdict } from '../runs';
import { casesOf, rateOf, ratio, type CaseOf, type Stat } from '../stats';
import type { Bar, Source } from './chart';

/** Combining both: decoding on the loop, in workers, or loading on the loop and decoding in workers. */
export interface CombineFindings {
  readonly source: Source;
  readonly bySource: ReadonlyArray<{
    readonly source: string;
    readonly bars: readonly Bar[];
    /** The fastest strategy for this source, and its rate. */
    readonly best: Choice;
    readonly bestRate: Stat;
    /** Loading on the loop and decoding in workers, as a multiple of decoding on the loop (shards/s ratio). */
    readonly workerDecode?: Stat;
    /** Whether that multiple is above 1: moving the decode off the loop pays. */
    readonly workerDecodePays?: Verdict;
  }>;
}

export function combine(file: SlimResults, source: Source): CombineFindings | undefined {
  const loads = casesOf(file, 'load', (c) => c.strategy.includes('decode'));
  if (loads.length === 0) return undefined;
  const sources = [...new Set(loads.map((c) => String(parameterOf(c, 'source'))))];
  const rate = (c: CaseOf<'load'>) => rateOf(c, 'shardsPerSecond', 'shards/s');
  return {
    source,
    bySource: sources.map((s) => {
      const cases = loads.filter((c) => parameterOf(c, 'source') === s);
      const bars = cases.map((c) => ({
        label: `${c.strategy} (concurrency ${String(parameterOf(c, 'concurrency'))}${parameterOf(c, 'threads') ? `, ${String(parameterOf(c, 'threads'))} threads` : ''})`,
        stat: rate(c),
      }));
      const best = [...cases].sort(
        (a, b) => metricOf(b, 'shardsPerSecond') - metricOf(a, 'shardsPerSecond'),
      )[0] as CaseOf<'load'>;
      const find = (strategy: StrategyOf<'load'>) => cases.find((c) => hasStrategy(c, strategy));
      const inWorkers = find('event-loop-worker-decode');
      const onLoop = find('event-loop-decode');
      const workerDecode = inWorkers && onLoop ? ratio(rate(inWorkers), rate(onLoop)) : undefined;
      return {
        source: s,
        bars,
        best: choice(best.strategy),
        bestRate: rate(best),
        ...(workerDecode ? { workerDecode, workerDecodePays: verdict(workerDecode.value > 1) } : {}),
      };
    }),
  };
}
