/**
 * @module findings/io — the guide's "Threads for I/O and async concurrency" section: concurrency on the event loop against worker threads, and the latency-bound ideal.
 */
import type { SlimResults } from '../reference';
import { hasMetric, hasStrategy, metricOf, parameterOf, numberParameterOf } from '@weft/bench/report';
import { casesOf, stat, type CaseOf, type Stat } from '../stats';
import type { Series, Source } from './chart';

/** Threads for I/O against concurrency on the event loop. */
export interface IoFindings {
  readonly source: Source;
  readonly latencyMs: number;
  readonly shards: number;
  readonly sequential?: Stat;
  readonly series: readonly Series[];
  readonly best: {
    readonly concurrency: number;
    readonly rate: Stat;
    readonly speedup?: Stat;
    readonly idealFraction?: Stat;
  };
  /** The lowest concurrency at which the event loop falls below 90 % of the latency-bound ideal. */
  readonly below90?: { readonly concurrency: number; readonly idealFraction: Stat };
  readonly workers?: {
    readonly threads: number;
    readonly concurrency: number;
    readonly rate: Stat;
    readonly loop?: Stat;
    readonly ratio?: Stat;
  };
}

export function io(file: SlimResults, source: Source): IoFindings | undefined {
  const http = casesOf(file, 'load', (c) => parameterOf(c, 'source') === 'http');
  const loop = http
    .filter((c) => hasStrategy(c, 'event-loop'))
    .sort((a, b) => numberParameterOf(a, 'concurrency') - numberParameterOf(b, 'concurrency'));
  if (loop.length === 0) return undefined;
  const rate = (c: CaseOf<'load'>) => metricOf(c, 'shardsPerSecond');
  const seq = http.find((c) => hasStrategy(c, 'sequential'));
  const best = [...loop].sort((a, b) => rate(b) - rate(a))[0] as CaseOf<'load'>;
  const below = loop.find((c) => metricOf(c, 'idealFraction') < 0.9);
  const workers = http.find((c) => hasStrategy(c, 'workers'));
  const sameLoop = workers && loop.find((c) => parameterOf(c, 'concurrency') === parameterOf(workers, 'concurrency'));
  const withIdeal = loop.filter((c) => hasMetric(c, 'idealFraction'));
  return {
    source,
    latencyMs: numberParameterOf(loop[0] as CaseOf<'load'>, 'latencyMs'),
    shards: numberParameterOf(loop[0] as CaseOf<'load'>, 'shards'),
    ...(seq ? { sequential: stat(rate(seq), 'shards/s') } : {}),
    series: [
      {
        name: 'event loop, measured',
        points: loop.map((c) => ({ x: numberParameterOf(c, 'concurrency'), y: rate(c) })),
      },
      ...(withIdeal.length
        ? [
            {
              name: 'latency-bound ideal',
              points: withIdeal.map((c) => ({
                x: numberParameterOf(c, 'concurrency'),
                y: rate(c) / metricOf(c, 'idealFraction'),
              })),
            },
          ]
        : []),
    ],
    best: {
      concurrency: numberParameterOf(best, 'concurrency'),
      rate: stat(rate(best), 'shards/s'),
      ...(seq ? { speedup: stat(rate(best) / rate(seq), '×') } : {}),
      ...(hasMetric(best, 'idealFraction') ? { idealFraction: stat(metricOf(best, 'idealFraction') * 100, '%') } : {}),
    },
    ...(below
      ? {
          below90: {
            concurrency: numberParameterOf(below, 'concurrency'),
            idealFraction: stat(metricOf(below, 'idealFraction') * 100, '%'),
          },
        }
      : {}),
    ...(workers
      ? {
          workers: {
            threads: numberParameterOf(workers, 'threads'),
            concurrency: numberParameterOf(workers, 'concurrency'),
            rate: stat(rate(workers), 'shards/s'),
            ...(sameLoop
              ? { loop: stat(rate(sameLoop), 'shards/s'), ratio: stat(rate(workers) / rate(sameLoop), '×') }
              : {}),
          },
        }
      : {}),
  };
}
