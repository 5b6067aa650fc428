/**
 * @module findings/event-loop — the guide's "The GIL and one event loop per isolate" section: training on the calling thread against workers, and decoding on the loop.
 */
import type { SlimResults } from '../reference';
import { hasMetric, hasStrategy, metricOf, parameterOf, numberParameterOf } from '@weft/bench/report';
import { casesOf, median, medianOf, stat, type CaseOf, type Stat } from '../stats';
import type { Bar, Source } from './chart';

const label = (c: CaseOf<'train'>): string =>
  hasStrategy(c, 'main-thread')
    ? 'main thread'
    : `${c.strategy}, ${String(parameterOf(c, 'workers'))} worker(s), ${String(parameterOf(c, 'exchange'))}`;

/** One event loop per isolate: training on the calling thread against workers, and CPU work on the loop. */
export interface IsolateFindings {
  readonly source: Source;
  readonly backend: string;
  readonly batch: number;
  readonly main: Stat;
  readonly oneWorker?: { readonly exchange: string; readonly median: Stat; readonly ratio: Stat };
  readonly best?: {
    readonly workers: number;
    readonly exchange: string;
    readonly speedup: Stat;
    readonly efficiency: Stat;
  };
  readonly accuracy?: { readonly same: boolean; readonly values: string };
  readonly bars: readonly Bar[];
  readonly decode?: {
    readonly source: string;
    readonly concurrency: number;
    readonly plain: Stat;
    readonly decoded: Stat;
    readonly ratio: Stat;
    readonly bars: readonly Bar[];
  };
}

export function isolate(file: SlimResults, source: Source): IsolateFindings | undefined {
  const train = casesOf(file, 'train');
  const main = train.find((c) => hasStrategy(c, 'main-thread'));
  if (main === undefined) return undefined;
  const parallel = train.filter(
    (c) => c !== main && c.backend === main.backend && parameterOf(c, 'batch') === parameterOf(main, 'batch'),
  );
  const ones = parallel.filter((c) => parameterOf(c, 'workers') === 1).sort((a, b) => median(a) - median(b));
  const one = ones[0];
  const best = [...parallel].sort((a, b) => metricOf(b, 'speedup') - metricOf(a, 'speedup'))[0];
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
  return {
    source,
    backend: main.backend,
    batch: numberParameterOf(main, 'batch'),
    main: medianOf(main),
    ...(one
      ? {
          oneWorker: {
            exchange: String(parameterOf(one, 'exchange')),
            median: medianOf(one),
            ratio: stat(median(one) / median(main), '×'),
          },
        }
      : {}),
    ...(best && hasMetric(best, 'speedup')
      ? {
          best: {
            workers: numberParameterOf(best, 'workers'),
            exchange: String(parameterOf(best, 'exchange')),
            speedup: stat(metricOf(best, 'speedup'), '×'),
            efficiency: stat(metricOf(best, 'efficiency') * 100, '%'),
          },
        }
      : {}),
    ...(accuracies.length > 1
      ? {
          accuracy: {
            same: new Set(accuracies).size === 1,
            values: [...new Set(accuracies)].map((a) => `${a} %`).join(', '),
          },
        }
      : {}),
    bars: [main, ...parallel].map((c) => ({
      label: label(c),
      value: metricOf(c, 'samplesPerSecond'),
      note: `${medianOf(c).text} per epoch`,
    })),
    ...(decoded && plain
      ? {
          decode: {
            source: 'file',
            concurrency: numberParameterOf(decoded, 'concurrency'),
            plain: stat(metricOf(plain, 'shardsPerSecond'), 'shards/s'),
            decoded: stat(metricOf(decoded, 'shardsPerSecond'), 'shards/s'),
            ratio: stat(metricOf(plain, 'shardsPerSecond') / metricOf(decoded, 'shardsPerSecond'), '×'),
            bars: [
              { label: 'read only', value: metricOf(plain, 'shardsPerSecond'), note: medianOf(plain).text },
              {
                label: 'read and decode on the loop',
                value: metricOf(decoded, 'shardsPerSecond'),
                note: medianOf(decoded).text,
              },
            ],
          },
        }
      : {}),
  };
}
