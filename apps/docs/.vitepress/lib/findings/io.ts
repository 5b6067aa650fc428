/**
 * @module findings/io — the guide's "Threads for I/O and async concurrency" section: concurrency on the event loop against worker threads, and the latency-bound ideal.
 */
import type { SlimResults } from '../reference';
import { hasMetric, hasStrategy, metricOf, parameterOf, numberParameterOf } from '@weft/bench/report';
import { verdict, type Verdict } from '../runs';
import { breakEven, casesOf, rateOf, ratio, stat, type CaseOf, type Stat } from '../stats';
import { point, type Series, type Source } from './chart';

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
  /** Whether the loop falls below 90 % of the latency-bound ideal at some measured concurrency. */
  readonly falls: Verdict;
  /** The lowest concurrency at which it does (a Stat so that the runs' answers can be compared). */
  readonly below90?: { readonly concurrency: Stat; readonly idealFraction: Stat };
  readonly workers?: {
    readonly threads: number;
    readonly concurrency: number;
    readonly rate: Stat;
    readonly loop?: Stat;
    readonly ratio?: Stat;
    /** Whether worker threads waiting on the same requests give the loop's rate within ±10 %. */
    readonly same?: Verdict;
  };
}

export function io(file: SlimResults, source: Source): IoFindings | undefined {
  const http = casesOf(file, 'load', (c) => parameterOf(c, 'source') === 'http');
  const loop = http
    .filter((c) => hasStrategy(c, 'event-loop'))
    .sort((a, b) => numberParameterOf(a, 'concurrency') - numberParameterOf(b, 'concurrency'));
  if (loop.length === 0) return undefined;
  const rate = (c: CaseOf<'load'>) => rateOf(c, 'shardsPerSecond', 'shards/s');
  const fraction = (c: CaseOf<'load'>) => rateOf(c, 'idealFraction', '%', 100);
  const seq = http.find((c) => hasStrategy(c, 'sequential'));
  const best = [...loop].sort(
    (a, b) => metricOf(b, 'shardsPerSecond') - metricOf(a, 'shardsPerSecond'),
  )[0] as CaseOf<'load'>;
  const below = loop.find((c) => metricOf(c, 'idealFraction') < 0.9);
  const workers = http.find((c) => hasStrategy(c, 'workers'));
  const sameLoop = workers && loop.find((c) => parameterOf(c, 'concurrency') === parameterOf(workers, 'concurrency'));
  const withIdeal = loop.filter((c) => hasMetric(c, 'idealFraction'));
  const workerRatio = workers && sameLoop ? ratio(rate(workers), rate(sameLoop)) : undefined;
  return {
    source,
    latencyMs: numberParameterOf(loop[0] as CaseOf<'load'>, 'latencyMs'),
    shards: numberParameterOf(loop[0] as CaseOf<'load'>, 'shards'),
    ...(seq ? { sequential: rate(seq) } : {}),
    series: [
      { name: 'event loop, measured', points: loop.map((c) => point(numberParameterOf(c, 'concurrency'), rate(c))) },
      ...(withIdeal.length
        ? [
            {
              name: 'latency-bound ideal',
              points: withIdeal.map((c) => ({
                x: numberParameterOf(c, 'concurrency'),
                y: metricOf(c, 'shardsPerSecond') / metricOf(c, 'idealFraction'),
              })),
            },
          ]
        : []),
    ],
    best: {
      concurrency: numberParameterOf(best, 'concurrency'),
      rate: rate(best),
      ...(seq ? { speedup: ratio(rate(best), rate(seq)) } : {}),
      ...(hasMetric(best, 'idealFraction') ? { idealFraction: fraction(best) } : {}),
    },
    falls: verdict(below !== undefined),
    ...(below
      ? {
          below90: {
            concurrency: breakEven(
              stat(numberParameterOf(below, 'concurrency'), '', {
                n: below.summary?.n ?? 0,
                low: numberParameterOf(below, 'concurrency'),
                high: numberParameterOf(below, 'concurrency'),
                spread: `the first measured concurrency under 90 %; n = ${below.summary?.n ?? 0} per concurrency`,
              }),
            ),
            idealFraction: fraction(below),
          },
        }
      : {}),
    ...(workers
      ? {
          workers: {
            threads: numberParameterOf(workers, 'threads'),
            concurrency: numberParameterOf(workers, 'concurrency'),
            rate: rate(workers),
            ...(sameLoop && workerRatio
              ? {
                  loop: rate(sameLoop),
                  ratio: workerRatio,
                  same: verdict(workerRatio.value > 0.9 && workerRatio.value < 1.1),
                }
              : {}),
          },
        }
      : {}),
  };
}
