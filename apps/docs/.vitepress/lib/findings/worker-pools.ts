/**
 * @module findings/worker-pools — the guide's "Process pools and worker pools" section: what one task and one move cost, and the break-even points that follow.
 */
import { formatBytes, hasMetric, hasStrategy, metricOf, parameterOf, numberParameterOf } from '@weft/bench/report';
import type { SlimResults } from '../reference';
import { casesOf, crossing, median, medianOf, stat, type CaseOf, type Stat } from '../stats';
import type { Bar, Series, Source } from './chart';

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
    readonly minShard?: Stat;
    readonly exchange: string;
  };
  readonly transfer: readonly Series[];
  /** The payload above which a structured clone costs at least twice a transfer or a shared buffer. */
  readonly cloneDoubles?: { readonly bytes: number; readonly text: string; readonly between: string };
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
      value: metricOf(c, 'tasksPerSecond'),
      note: `bursts of ${String(parameterOf(c, 'tasks'))} no-op tasks on ${String(parameterOf(c, 'threads'))} threads`,
    }));
  const latency = dispatch
    .filter((c) => c.strategy.endsWith('-latency'))
    .map((c) => ({
      label: c.strategy.replace(/-latency$/, ''),
      value: median(c),
      note: medianOf(c).detail ?? '',
    }));
  const weft = dispatch.find((c) => hasStrategy(c, 'weft-throughput'));
  const weftLatency = dispatch.find((c) => hasStrategy(c, 'weft-latency'));
  const floor = dispatch.find((c) => hasStrategy(c, 'atomics-latency'));
  const threads = weft ? numberParameterOf(weft, 'threads') : undefined;
  const L = weftLatency ? median(weftLatency) : undefined;

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
    const perSample = (median(main) * 1000) / rows;
    const perStep = ((median(one) - median(main)) * 1000) / steps;
    trainFinding = {
      perSample: stat(perSample, 'µs'),
      perStep: stat(perStep, 'µs'),
      steps,
      exchange: String(parameterOf(one, 'exchange')),
      ...(perStep > 0 ? { minShard: stat(Math.ceil(perStep / perSample), 'samples') } : {}),
    };
  }

  const moves = casesOf(file, 'transfer');
  const strategies = [...new Set(moves.map((c) => c.strategy))];
  const transfer = strategies.map((s) => ({
    name: s,
    points: moves.filter((c) => c.strategy === s).map((c) => ({ x: numberParameterOf(c, 'bytes'), y: median(c) })),
  }));
  const at = (s: string, bytes: number) => moves.find((c) => c.strategy === s && parameterOf(c, 'bytes') === bytes);
  const sizes = [...new Set(moves.map((c) => numberParameterOf(c, 'bytes')))].sort((a, b) => a - b);
  const ratio = sizes.flatMap((bytes) => {
    const clone = at('clone', bytes);
    const cheaper = [at('transfer', bytes), at('shared', bytes)]
      .filter((c): c is CaseOf<'transfer'> => c !== undefined)
      .map((c) => median(c));
    return clone && cheaper.length ? [{ x: bytes, y: median(clone) / Math.min(...cheaper) }] : [];
  });
  const doubles = crossing(ratio, 2);
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
          weftRate: stat(metricOf(weft, 'tasksPerSecond'), 'tasks/s'),
          perTask: stat(1e6 / metricOf(weft, 'tasksPerSecond'), 'µs'),
        }
      : {}),
    ...(weftLatency ? { roundTrip: medianOf(weftLatency) } : {}),
    ...(floor ? { floor: medianOf(floor) } : {}),
    ...(L !== undefined && threads !== undefined && threads > 1
      ? { forkJoinBreakEven: stat((L * threads) / (threads - 1), 'µs'), forkJoin90: stat(9 * threads * L, 'µs') }
      : {}),
    ...(trainFinding ? { train: trainFinding } : {}),
    transfer,
    ...(doubles
      ? {
          cloneDoubles: {
            bytes: doubles.x,
            text: formatBytes(Math.round(doubles.x / 1024) * 1024),
            between: `${formatBytes(doubles.between[0])} and ${formatBytes(doubles.between[1])}`,
          },
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

const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>);
