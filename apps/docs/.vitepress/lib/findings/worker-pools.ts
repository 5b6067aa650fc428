/**
 * @module findings/worker-pools — the guide's "Process pools and worker pools" section: what one task and one move cost, and the break-even points that follow.
 */
import { formatBytes, hasMetric, hasStrategy, parameterOf, numberParameterOf } from '@weft/bench/report';
import type { SlimResults } from '../reference';
import { verdict, type Verdict } from '../runs';
import {
  breakEven,
  casesOf,
  crossing,
  difference,
  median,
  medianOf,
  optional,
  rateOf,
  ratio,
  scaled,
  stat,
  type CaseOf,
  type Stat,
} from '../stats';
import { point, type Bar, type Series, type Source } from './chart';

/** Worker pools: what one task costs, what moving data costs, and the break-even points that follow. */
export interface PoolFindings {
  readonly source: Source;
  readonly throughput: readonly Bar[];
  readonly latency: readonly Bar[];
  readonly threads?: number;
  readonly weftRate?: Stat;
  readonly perTask?: Stat;
  readonly roundTrip?: Stat;
  readonly floor?: Stat;
  /** A job split over N workers and awaited gains only above this cost: L·N/(N−1). */
  readonly forkJoinBreakEven?: Stat;
  /** … and is 90 % efficient above 9·N·L. */
  readonly forkJoin90?: Stat;
  readonly train?: {
    readonly perSample: Stat;
    readonly perStep: Stat;
    readonly steps: number;
    /** Whether one worker's extra time per step is above the noise: its p10–p90 range lies above 0. */
    readonly overheadResolved: Verdict;
    readonly minShard?: Stat;
    readonly exchange: string;
  };
  readonly transfer: readonly Series[];
  /** Whether a structured clone costs at least twice a transfer or a shared buffer at some measured size. */
  readonly cloneDoublesSomewhere: Verdict;
  /** The payload above which it does (interpolated between the two measured sizes around it). */
  readonly cloneDoubles?: Stat;
  readonly largest?: {
    readonly bytes: string;
    readonly clone?: Stat;
    readonly transfer?: Stat;
    readonly shared?: Stat;
    readonly memcpy?: Stat;
  };
}

export function pools(file: SlimResults, source: Source): PoolFindings {
  const dispatch = casesOf(file, 'dispatch');
  const throughput = dispatch
    .filter((c) => hasMetric(c, 'tasksPerSecond'))
    .map((c) => ({
      label: String(parameterOf(c, 'pool') ?? c.strategy),
      stat: rateOf(c, 'tasksPerSecond', 'tasks/s'),
      note: `bursts of ${String(parameterOf(c, 'tasks'))} no-op tasks on ${String(parameterOf(c, 'threads'))} threads`,
    }));
  const latency = dispatch
    .filter((c) => c.strategy.endsWith('-latency'))
    .map((c) => ({ label: c.strategy.replace(/-latency$/, ''), stat: medianOf(c) }));
  const weft = dispatch.find((c) => hasStrategy(c, 'weft-throughput'));
  const weftLatency = dispatch.find((c) => hasStrategy(c, 'weft-latency'));
  const floor = dispatch.find((c) => hasStrategy(c, 'atomics-latency'));
  const threads = weft ? numberParameterOf(weft, 'threads') : undefined;
  const roundTrip = weftLatency ? medianOf(weftLatency) : undefined;

  const train = casesOf(file, 'train');
  const main = train.find((c) => hasStrategy(c, 'main-thread'));
  const one = train
    .filter(
      (c) =>
        main &&
        c !== main &&
        parameterOf(c, 'workers') === 1 &&
        c.backend === main.backend &&
        parameterOf(c, 'batch') === parameterOf(main, 'batch'),
    )
    .sort((a, b) => median(a) - median(b))[0];
  let trainFinding: PoolFindings['train'];
  if (main && one) {
    const rows = numberParameterOf(main, 'trainSize');
    const steps = Math.ceil(rows / numberParameterOf(main, 'batch'));
    const perSample = scaled(medianOf(main), 1000 / rows, 'µs');
    const perStep = scaled(difference(medianOf(one), medianOf(main), 'ms'), 1000 / steps, 'µs');
    const resolved = perStep.low > 0;
    trainFinding = {
      perSample,
      perStep,
      steps,
      overheadResolved: verdict(resolved),
      exchange: String(parameterOf(one, 'exchange')),
      ...(resolved ? { minShard: breakEven(ratio(perStep, perSample, 'samples')) } : {}),
    };
  }

  const moves = casesOf(file, 'transfer');
  const strategies = [...new Set(moves.map((c) => c.strategy))];
  const transfer = strategies.map((s) => ({
    name: s,
    points: moves.filter((c) => c.strategy === s).map((c) => point(numberParameterOf(c, 'bytes'), medianOf(c))),
  }));
  const at = (s: string, bytes: number) => moves.find((c) => c.strategy === s && parameterOf(c, 'bytes') === bytes);
  const sizes = [...new Set(moves.map((c) => numberParameterOf(c, 'bytes')))].sort((a, b) => a - b);
  const ratios = sizes.flatMap((bytes) => {
    const clone = at('clone', bytes);
    const cheaper = [at('transfer', bytes), at('shared', bytes)].filter(
      (c): c is CaseOf<'transfer'> => c !== undefined,
    );
    return clone && cheaper.length
      ? [
          {
            x: bytes,
            y: median(clone) / Math.min(...cheaper.map(median)),
            n: Math.min(...[clone, ...cheaper].map((c) => c.summary?.n ?? 0)),
          },
        ]
      : [];
  });
  const doubles = crossing(ratios, 2);
  const largestBytes = sizes[sizes.length - 1];
  const pick = (s: string) => (largestBytes === undefined ? undefined : at(s, largestBytes));
  const med = (c: CaseOf<'transfer'> | undefined) => (c ? medianOf(c) : undefined);
  return {
    source,
    throughput,
    latency,
    ...(threads !== undefined ? { threads } : {}),
    ...(weft
      ? {
          weftRate: rateOf(weft, 'tasksPerSecond', 'tasks/s'),
          perTask: scaled(medianOf(weft), 1000 / numberParameterOf(weft, 'tasks'), 'µs'),
        }
      : {}),
    ...(roundTrip ? { roundTrip } : {}),
    ...(floor ? { floor: medianOf(floor) } : {}),
    ...(roundTrip && threads !== undefined && threads > 1
      ? {
          forkJoinBreakEven: breakEven(scaled(roundTrip, threads / (threads - 1), 'µs')),
          forkJoin90: breakEven(scaled(roundTrip, 9 * threads, 'µs')),
        }
      : {}),
    ...(trainFinding ? { train: trainFinding } : {}),
    transfer,
    cloneDoublesSomewhere: verdict(doubles !== undefined),
    ...(doubles
      ? {
          cloneDoubles: breakEven(
            stat(doubles.x, '', {
              n: Math.min(...ratios.map((r) => r.n)),
              low: doubles.between[0],
              high: doubles.between[1],
              bytes: true,
              spread: `n = ${Math.min(...ratios.map((r) => r.n))} per size, interpolated between the measured ${formatBytes(doubles.between[0])} and ${formatBytes(doubles.between[1])}`,
            }),
          ),
        }
      : {}),
    ...(largestBytes !== undefined
      ? {
          largest: {
            bytes: formatBytes(largestBytes),
            ...optional('clone', med(pick('clone'))),
            ...optional('transfer', med(pick('transfer'))),
            ...optional('shared', med(pick('shared'))),
            ...optional('memcpy', med(pick('memcpy'))),
          },
        }
      : {}),
  };
}
