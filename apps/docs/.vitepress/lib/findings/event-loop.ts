/**
 * @module findings/event-loop — the guide's "The GIL and one event loop per isolate" section: training on the calling thread against workers, and decoding on the loop.
 */
import type { SlimResults } from '../reference';
import { hasMetric, hasStrategy, metricOf, parameterOf, numberParameterOf } from '@weft/bench/report';
import { choice, verdict, type Choice, type Verdict } from '../runs';
import { casesOf, median, medianOf, rateOf, ratio, scaled, type CaseOf, type Stat } from '../stats';
import type { Bar, Source } from './chart';

const label = (c: CaseOf<'train'>): string =>
  hasStrategy(c, 'main-thread')
    ? 'main thread'
    : `${String(parameterOf(c, 'pool') ?? c.strategy)}, ${String(parameterOf(c, 'workers'))} worker(s), ${String(parameterOf(c, 'exchange'))}`;

/** One event loop per isolate: training on the calling thread against workers, and CPU work on the loop. */
export interface IsolateFindings {
  readonly source: Source;
  readonly backend: string;
  readonly batch: number;
  readonly main: Stat;
  readonly oneWorker?: {
    readonly exchange: string;
    readonly median: Stat;
    readonly ratio: Stat;
    /** Whether one worker takes less than 1.1× the main thread's time: the isolate boundary costs little. */
    readonly cheap: Verdict;
  };
  readonly best?: {
    readonly config: Choice;
    readonly workers: number;
    readonly exchange: string;
    readonly speedup: Stat;
    readonly efficiency: Stat;
    /** Whether the best split beats the main thread. */
    readonly pays: Verdict;
  };
  readonly accuracy?: { readonly same: Verdict; readonly values: string };
  readonly bars: readonly Bar[];
  readonly decode?: {
    readonly source: string;
    readonly concurrency: number;
    readonly plain: Stat;
    readonly decoded: Stat;
    readonly ratio: Stat;
    /** Whether decoding on the loop makes loading slower. */
    readonly slower: Verdict;
    readonly bars: readonly Bar[];
  };
}

export function isolate(file: SlimResults, source: Source): IsolateFindings | undefined {
  const train = casesOf(file, 'train');
  const main = train.find((c) => hasStrategy(c, 'main-thread'));
  if (main === undefined) return undefined;
  const parallel = train.filter(
    (c) =>
      c !== main &&
      !hasStrategy(c, 'pytorch') &&
      c.backend === main.backend &&
      parameterOf(c, 'batch') === parameterOf(main, 'batch'),
  );
  const one = parallel.filter((c) => parameterOf(c, 'workers') === 1).sort((a, b) => median(a) - median(b))[0];
  const best = [...parallel].sort((a, b) => median(a) - median(b))[0];
  const accuracies = [main, ...parallel]
    .filter((c) => hasMetric(c, 'testAccuracy'))
    .map((c) => metricOf(c, 'testAccuracy'));
  const loads = casesOf(file, 'load', (c) => parameterOf(c, 'source') === 'file');
  const decoded = loads.find((c) => hasStrategy(c, 'event-loop-decode'));
  const plain =
    decoded &&
    loads.find(
      (c) => hasStrategy(c, 'event-loop') && parameterOf(c, 'concurrency') === parameterOf(decoded, 'concurrency'),
    );
  const rate = (c: CaseOf<'load'>) => rateOf(c, 'shardsPerSecond', 'shards/s');
  const mainTime = medianOf(main);
  const oneRatio = one ? ratio(medianOf(one), mainTime) : undefined;
  const speedup = best ? ratio(mainTime, medianOf(best)) : undefined;
  const decodeRatio = decoded && plain ? ratio(rate(plain), rate(decoded)) : undefined;
  return {
    source,
    backend: main.backend,
    batch: numberParameterOf(main, 'batch'),
    main: mainTime,
    ...(one && oneRatio
      ? {
          oneWorker: {
            exchange: String(parameterOf(one, 'exchange')),
            median: medianOf(one),
            ratio: oneRatio,
            cheap: verdict(oneRatio.value < 1.1),
          },
        }
      : {}),
    ...(best && speedup
      ? {
          best: {
            config: choice(label(best)),
            workers: numberParameterOf(best, 'workers'),
            exchange: String(parameterOf(best, 'exchange')),
            speedup,
            efficiency: scaled(speedup, 100 / numberParameterOf(best, 'workers'), '%'),
            pays: verdict(speedup.value > 1),
          },
        }
      : {}),
    ...(accuracies.length > 1
      ? {
          accuracy: {
            same: verdict(new Set(accuracies).size === 1),
            values: [...new Set(accuracies)].map((a) => `${a} %`).join(', '),
          },
        }
      : {}),
    bars: [main, ...parallel].map((c) => ({ label: label(c), stat: rateOf(c, 'samplesPerSecond', 'samples/s') })),
    ...(decoded && plain && decodeRatio
      ? {
          decode: {
            source: 'file',
            concurrency: numberParameterOf(decoded, 'concurrency'),
            plain: rate(plain),
            decoded: rate(decoded),
            ratio: decodeRatio,
            slower: verdict(decodeRatio.value > 1),
            bars: [
              { label: 'read only', stat: rate(plain) },
              { label: 'read and decode on the loop', stat: rate(decoded) },
            ],
          },
        }
      : {}),
  };
}
