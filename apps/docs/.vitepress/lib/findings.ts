/**
 * @module findings — the guide's claims, computed from the reference results: each section's numbers, chart series
 * and break-even points. A finding is `undefined` when the results lack the cases it needs; the page then says so
 * instead of showing a number that is not in the files.
 */
import type { ResultsFile } from '@weft/core/study';
import { formatBytes, mergeStudy, studyOfResults } from '@weft/bench/report';
import { resultsOf, type ReferenceStudy, type SlimCase, type SlimResults } from './reference';
import { casesOf, crossing, medianOf, metricOf, runLine, stat, type Stat } from './stats';

/** One bar of a chart. */
export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly note?: string;
}

/** One line of a chart. */
export interface Series {
  readonly name: string;
  readonly points: ReadonlyArray<{ x: number; y: number }>;
}

/** The run a section's numbers come from. */
export interface Source {
  readonly study: string;
  readonly command: string;
  readonly run: string;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);
const label = (c: SlimCase): string =>
  c.strategy === 'main-thread'
    ? 'main thread'
    : `${c.strategy}, ${String(c.parameters['workers'])} worker(s), ${String(c.parameters['exchange'])}`;

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

function isolate(file: SlimResults, source: Source): IsolateFindings | undefined {
  const train = casesOf(file, 'train');
  const main = train.find((c) => c.strategy === 'main-thread');
  if (main === undefined) return undefined;
  const parallel = train.filter(
    (c) => c !== main && c.backend === main.backend && c.parameters['batch'] === main.parameters['batch'],
  );
  const ones = parallel
    .filter((c) => c.parameters['workers'] === 1)
    .sort((a, b) => num(a.summary?.median) - num(b.summary?.median));
  const one = ones[0];
  const best = [...parallel].sort((a, b) => num(b.metrics['speedup']) - num(a.metrics['speedup']))[0];
  const accuracies = [main, ...parallel]
    .map((c) => c.metrics['testAccuracy'])
    .filter((a): a is number => a !== undefined);
  const loads = casesOf(file, 'load', (c) => c.parameters['source'] === 'file');
  const decoded = loads.find((c) => c.strategy === 'event-loop-decode');
  const plain =
    decoded &&
    loads.find((c) => c.strategy === 'event-loop' && c.parameters['concurrency'] === decoded.parameters['concurrency']);
  return {
    source,
    backend: main.backend,
    batch: num(main.parameters['batch']),
    main: medianOf(main),
    ...(one
      ? {
          oneWorker: {
            exchange: String(one.parameters['exchange']),
            median: medianOf(one),
            ratio: stat(num(one.summary?.median) / num(main.summary?.median), '×'),
          },
        }
      : {}),
    ...(best && best.metrics['speedup'] !== undefined
      ? {
          best: {
            workers: num(best.parameters['workers']),
            exchange: String(best.parameters['exchange']),
            speedup: stat(num(best.metrics['speedup']), '×'),
            efficiency: stat(num(best.metrics['efficiency']) * 100, '%'),
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
      value: num(c.metrics['samplesPerSecond']),
      note: `${medianOf(c).text} per epoch`,
    })),
    ...(decoded && plain
      ? {
          decode: {
            source: 'file',
            concurrency: num(decoded.parameters['concurrency']),
            plain: stat(num(plain.metrics['shardsPerSecond']), 'shards/s'),
            decoded: stat(num(decoded.metrics['shardsPerSecond']), 'shards/s'),
            ratio: stat(num(plain.metrics['shardsPerSecond']) / num(decoded.metrics['shardsPerSecond']), '×'),
            bars: [
              { label: 'read only', value: num(plain.metrics['shardsPerSecond']), note: medianOf(plain).text },
              {
                label: 'read and decode on the loop',
                value: num(decoded.metrics['shardsPerSecond']),
                note: medianOf(decoded).text,
              },
            ],
          },
        }
      : {}),
  };
}

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

function io(file: SlimResults, source: Source): IoFindings | undefined {
  const http = casesOf(file, 'load', (c) => c.parameters['source'] === 'http');
  const loop = http
    .filter((c) => c.strategy === 'event-loop')
    .sort((a, b) => num(a.parameters['concurrency']) - num(b.parameters['concurrency']));
  if (loop.length === 0) return undefined;
  const rate = (c: SlimCase) => num(c.metrics['shardsPerSecond']);
  const seq = http.find((c) => c.strategy === 'sequential');
  const best = [...loop].sort((a, b) => rate(b) - rate(a))[0] as SlimCase;
  const below = loop.find((c) => num(c.metrics['idealFraction']) < 0.9);
  const workers = http.find((c) => c.strategy === 'workers');
  const sameLoop = workers && loop.find((c) => c.parameters['concurrency'] === workers.parameters['concurrency']);
  const withIdeal = loop.filter((c) => c.metrics['idealFraction'] !== undefined);
  return {
    source,
    latencyMs: num(loop[0]?.parameters['latencyMs']),
    shards: num(loop[0]?.parameters['shards']),
    ...(seq ? { sequential: stat(rate(seq), 'shards/s') } : {}),
    series: [
      { name: 'event loop, measured', points: loop.map((c) => ({ x: num(c.parameters['concurrency']), y: rate(c) })) },
      ...(withIdeal.length
        ? [
            {
              name: 'latency-bound ideal',
              points: withIdeal.map((c) => ({
                x: num(c.parameters['concurrency']),
                y: rate(c) / num(c.metrics['idealFraction']),
              })),
            },
          ]
        : []),
    ],
    best: {
      concurrency: num(best.parameters['concurrency']),
      rate: stat(rate(best), 'shards/s'),
      ...(seq ? { speedup: stat(rate(best) / rate(seq), '×') } : {}),
      ...(best.metrics['idealFraction'] !== undefined
        ? { idealFraction: stat(num(best.metrics['idealFraction']) * 100, '%') }
        : {}),
    },
    ...(below
      ? {
          below90: {
            concurrency: num(below.parameters['concurrency']),
            idealFraction: stat(num(below.metrics['idealFraction']) * 100, '%'),
          },
        }
      : {}),
    ...(workers
      ? {
          workers: {
            threads: num(workers.parameters['threads']),
            concurrency: num(workers.parameters['concurrency']),
            rate: stat(rate(workers), 'shards/s'),
            ...(sameLoop
              ? { loop: stat(rate(sameLoop), 'shards/s'), ratio: stat(rate(workers) / rate(sameLoop), '×') }
              : {}),
          },
        }
      : {}),
  };
}

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

function pools(file: SlimResults, source: Source): PoolFindings {
  const dispatch = casesOf(file, 'dispatch');
  const throughput = dispatch
    .filter((c) => c.metrics['tasksPerSecond'] !== undefined)
    .map((c) => ({
      label: String(c.parameters['pool'] ?? c.strategy),
      value: num(c.metrics['tasksPerSecond']),
      note: `bursts of ${String(c.parameters['tasks'])} no-op tasks on ${String(c.parameters['threads'])} threads`,
    }));
  const latency = dispatch
    .filter((c) => c.strategy.endsWith('-latency'))
    .map((c) => ({
      label: c.strategy.replace(/-latency$/, ''),
      value: num(c.summary?.median),
      note: medianOf(c).detail ?? '',
    }));
  const weft = dispatch.find((c) => c.strategy === 'weft-throughput');
  const weftLatency = dispatch.find((c) => c.strategy === 'weft-latency');
  const floor = dispatch.find((c) => c.strategy === 'atomics-latency');
  const threads = weft ? num(weft.parameters['threads']) : undefined;
  const L = weftLatency ? num(weftLatency.summary?.median) : undefined;

  const train = casesOf(file, 'train');
  const main = train.find((c) => c.strategy === 'main-thread');
  const one = train
    .filter(
      (c) =>
        main &&
        c !== main &&
        c.parameters['workers'] === 1 &&
        c.backend === main.backend &&
        c.parameters['batch'] === main.parameters['batch'],
    )
    .sort((a, b) => num(a.summary?.median) - num(b.summary?.median))[0];
  let trainFinding: PoolFindings['train'];
  if (main && one) {
    const rows = num(main.parameters['trainSize']);
    const steps = Math.ceil(rows / num(main.parameters['batch']));
    const perSample = (num(main.summary?.median) * 1000) / rows;
    const perStep = ((num(one.summary?.median) - num(main.summary?.median)) * 1000) / steps;
    trainFinding = {
      perSample: stat(perSample, 'µs'),
      perStep: stat(perStep, 'µs'),
      steps,
      exchange: String(one.parameters['exchange']),
      ...(perStep > 0 ? { minShard: stat(Math.ceil(perStep / perSample), 'samples') } : {}),
    };
  }

  const moves = casesOf(file, 'transfer');
  const strategies = [...new Set(moves.map((c) => c.strategy))];
  const transfer = strategies.map((s) => ({
    name: s,
    points: moves
      .filter((c) => c.strategy === s)
      .map((c) => ({ x: num(c.parameters['bytes']), y: num(c.summary?.median) })),
  }));
  const at = (s: string, bytes: number) => moves.find((c) => c.strategy === s && c.parameters['bytes'] === bytes);
  const sizes = [...new Set(moves.map((c) => num(c.parameters['bytes'])))].sort((a, b) => a - b);
  const ratio = sizes.flatMap((bytes) => {
    const clone = at('clone', bytes);
    const cheaper = [at('transfer', bytes), at('shared', bytes)]
      .filter((c): c is SlimCase => c !== undefined)
      .map((c) => num(c.summary?.median));
    return clone && cheaper.length ? [{ x: bytes, y: num(clone.summary?.median) / Math.min(...cheaper) }] : [];
  });
  const doubles = crossing(ratio, 2);
  const largestBytes = sizes[sizes.length - 1];
  const pick = (s: string) => (largestBytes === undefined ? undefined : at(s, largestBytes));
  const med = (c: SlimCase | undefined) => (c ? medianOf(c) : undefined);
  return {
    source,
    throughput,
    latency,
    ...(threads !== undefined ? { threads } : {}),
    ...(weft
      ? {
          weftRate: stat(num(weft.metrics['tasksPerSecond']), 'tasks/s'),
          perTask: stat(1e6 / num(weft.metrics['tasksPerSecond']), 'µs'),
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

function combine(file: SlimResults, source: Source): CombineFindings | undefined {
  const loads = casesOf(file, 'load', (c) => c.strategy.includes('decode'));
  if (loads.length === 0) return undefined;
  const sources = [...new Set(loads.map((c) => String(c.parameters['source'])))];
  return {
    source,
    bySource: sources.map((s) => {
      const cases = loads.filter((c) => c.parameters['source'] === s);
      const bars = cases.map((c) => ({
        label: `${c.strategy} (concurrency ${String(c.parameters['concurrency'])}${c.parameters['threads'] ? `, ${String(c.parameters['threads'])} threads` : ''})`,
        value: num(c.metrics['shardsPerSecond']),
        note: medianOf(c).text,
      }));
      const best = [...cases].sort(
        (a, b) => num(b.metrics['shardsPerSecond']) - num(a.metrics['shardsPerSecond']),
      )[0] as SlimCase;
      const rateOf = (strategy: string) => num(cases.find((c) => c.strategy === strategy)?.metrics['shardsPerSecond']);
      const ratio = rateOf('event-loop-worker-decode') / rateOf('event-loop-decode');
      return {
        source: s,
        bars,
        best: best.strategy,
        bestRate: stat(num(best.metrics['shardsPerSecond']), 'shards/s'),
        ...(Number.isFinite(ratio) ? { workerDecode: stat(ratio, '×') } : {}),
      };
    }),
  };
}

/** Across runtimes: Weft's dispatch against the best alternative, and the 2-worker training speed-up, per runtime. */
export interface RuntimeFindings {
  readonly source: Omit<Source, 'run'> & { readonly runs: readonly string[] };
  readonly dispatch: readonly Bar[];
  readonly train: readonly Bar[];
  /** Per workload, the case whose median differs most between runtimes (slowest ÷ fastest), from the merged report. */
  readonly largest: readonly Bar[];
}

function runtimes(study: ReferenceStudy): RuntimeFindings {
  const dispatch: Bar[] = [];
  const train: Bar[] = [];
  for (const file of study.results) {
    const best = casesOf(file, 'dispatch', (c) => c.metrics['ratioToBestPeer'] !== undefined).sort(
      (a, b) => num(b.metrics['ratioToBestPeer']) - num(a.metrics['ratioToBestPeer']),
    )[0];
    if (best)
      dispatch.push({
        label: `${file.runtime.name} (${String(best.parameters['pool'])})`,
        value: num(best.metrics['ratioToBestPeer']),
        note: `${metricOf(best, 'tasksPerSecond', 'tasks/s')?.text ?? ''}`,
      });
    const fastest = casesOf(
      file,
      'train',
      (c) => c.strategy !== 'main-thread' && c.metrics['speedup'] !== undefined,
    ).sort((a, b) => num(b.metrics['speedup']) - num(a.metrics['speedup']))[0];
    if (fastest)
      train.push({
        label: `${file.runtime.name} (${fastest.strategy}, ${String(fastest.parameters['exchange'])})`,
        value: num(fastest.metrics['speedup']),
        note: `${String(fastest.parameters['workers'])} workers, batch ${String(fastest.parameters['batch'])}`,
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

/** The library's own parallelism: backends against the fp32 peak, oversubscription, model.fit against Weft. */
export interface LibraryFindings {
  readonly backends?: {
    readonly source: Source;
    readonly bars: readonly Bar[];
    readonly peak?: Stat;
    readonly best?: { readonly backend: string; readonly gflops: Stat; readonly ofPeak?: Stat };
  };
  readonly oversubscription?: {
    readonly source: Source;
    readonly series: readonly Series[];
    /** Per backend, the oversubscription (workers × threads ÷ cores) at which training was fastest. */
    readonly best: ReadonlyArray<{
      readonly backend: string;
      readonly threadsPerCore: number;
      readonly rate: Stat;
      readonly over?: { readonly threadsPerCore: number; readonly rate: Stat; readonly ratio: Stat };
    }>;
  };
  readonly fit?: {
    readonly source: Source;
    readonly bars: readonly Bar[];
    readonly modelFit?: Stat;
    readonly best?: { readonly label: string; readonly ratio: Stat };
  };
}

/** The first runtime's results, across the studies, that hold `workload`, with where they came from. */
function firstWith(
  studies: readonly ReferenceStudy[],
  workload: string,
): { file: SlimResults; source: Source } | undefined {
  for (const s of studies) {
    const file = s.results.find((r) => casesOf(r, workload).length > 0);
    if (file) return { file, source: { study: s.id, command: s.command, run: runLine(file) } };
  }
  return undefined;
}

function library(studies: readonly ReferenceStudy[]): LibraryFindings {
  const out: { -readonly [K in keyof LibraryFindings]: LibraryFindings[K] } = {};
  const b = firstWith(studies, 'backends');
  if (b) {
    const cases = casesOf(b.file, 'backends');
    const peakCase = cases.find((c) => c.strategy === 'theoretical-peak');
    const peak = peakCase?.metrics['allCoreGflops'];
    const byBackend = new Map<string, SlimCase>();
    for (const c of cases.filter((x) => x.metrics['gflops'] !== undefined)) {
      const seen = byBackend.get(c.backend);
      if (!seen || num(c.metrics['gflops']) > num(seen.metrics['gflops'])) byBackend.set(c.backend, c);
    }
    const bars = [...byBackend.values()].map((c) => ({
      label: `${c.backend}${c.parameters['reference'] ? ' (non-JS reference)' : ''} (${c.strategy}, ${String(c.parameters['threads'] ?? '?')} thread(s))`,
      value: num(c.metrics['gflops']),
      note: medianOf(c).text,
    }));
    const js = [...byBackend.values()]
      .filter((c) => c.backend !== 'numpy')
      .sort((x, y) => num(y.metrics['gflops']) - num(x.metrics['gflops']))[0];
    out.backends = {
      source: b.source,
      bars,
      ...(peak !== undefined ? { peak: stat(peak, 'GFLOP/s') } : {}),
      ...(js
        ? {
            best: {
              backend: js.backend,
              gflops: stat(num(js.metrics['gflops']), 'GFLOP/s'),
              ...(peak ? { ofPeak: stat((num(js.metrics['gflops']) / peak) * 100, '%') } : {}),
            },
          }
        : {}),
    };
  }
  const o = firstWith(studies, 'oversubscription');
  if (o) {
    const cases = casesOf(o.file, 'oversubscription', (c) => c.metrics['samplesPerSecond'] !== undefined);
    const keys = [...new Set(cases.map((c) => `${c.backend}|${String(c.parameters['workers'])}`))];
    const series = keys.map((k) => {
      const [backend, workers] = k.split('|');
      return {
        name: `${backend}, ${workers === '0' ? 'main thread' : `${workers} worker(s)`}`,
        points: cases
          .filter((c) => c.backend === backend && String(c.parameters['workers']) === workers)
          .map((c) => ({ x: num(c.parameters['threadsPerCore']), y: num(c.metrics['samplesPerSecond']) })),
      };
    });
    const best = [...new Set(cases.map((c) => c.backend))].map((backend) => {
      const mine = cases.filter((c) => c.backend === backend);
      const top = [...mine].sort(
        (x, y) => num(y.metrics['samplesPerSecond']) - num(x.metrics['samplesPerSecond']),
      )[0] as SlimCase;
      const most = [...mine].sort(
        (x, y) => num(y.parameters['threadsPerCore']) - num(x.parameters['threadsPerCore']),
      )[0] as SlimCase;
      return {
        backend,
        threadsPerCore: num(top.parameters['threadsPerCore']),
        rate: stat(num(top.metrics['samplesPerSecond']), 'samples/s'),
        ...(most !== top && num(most.parameters['threadsPerCore']) > num(top.parameters['threadsPerCore'])
          ? {
              over: {
                threadsPerCore: num(most.parameters['threadsPerCore']),
                rate: stat(num(most.metrics['samplesPerSecond']), 'samples/s'),
                ratio: stat(num(most.metrics['samplesPerSecond']) / num(top.metrics['samplesPerSecond']), '×'),
              },
            }
          : {}),
      };
    });
    out.oversubscription = { source: o.source, series, best };
  }
  const f = firstWith(studies, 'fit');
  if (f) {
    const cases = casesOf(f.file, 'fit', (c) => c.metrics['samplesPerSecond'] !== undefined);
    const label = (c: SlimCase) => `${c.strategy}, ${c.backend}, ${String(c.parameters['workers'] ?? 0)} worker(s)`;
    const modelFit = cases.find((c) => c.strategy === 'model-fit');
    const top = cases
      .filter((c) => c.metrics['ratioToModelFit'] !== undefined)
      .sort((x, y) => num(y.metrics['ratioToModelFit']) - num(x.metrics['ratioToModelFit']))[0];
    out.fit = {
      source: f.source,
      bars: cases.map((c) => ({ label: label(c), value: num(c.metrics['samplesPerSecond']), note: medianOf(c).text })),
      ...(modelFit ? { modelFit: stat(num(modelFit.metrics['samplesPerSecond']), 'samples/s') } : {}),
      ...(top ? { best: { label: label(top), ratio: stat(num(top.metrics['ratioToModelFit']), '×') } } : {}),
    };
  }
  return out;
}

/** Every section's findings. */
export interface Findings {
  readonly isolate?: IsolateFindings;
  readonly io?: IoFindings;
  readonly pools?: PoolFindings;
  readonly combine?: CombineFindings;
  readonly runtimes?: RuntimeFindings;
  /** The workloads of "let the library parallelise", by name, with the studies that hold them. */
  readonly library: ReadonlyArray<{ readonly workload: string; readonly studies: readonly string[] }>;
  /** The library workloads' headline numbers, where the reference data holds them. */
  readonly libraryFindings: LibraryFindings;
}

/** The workloads that measure the library's own parallelism. */
export const LIBRARY_WORKLOADS = ['backends', 'oversubscription', 'fit'] as const;

/**
 * Computes the findings: Node's numbers from the first study that ran Node with the most samples (the first listed
 * in `studies.json` that has Node), the comparison across runtimes from the study with the most runtimes.
 */
export function findings(studies: readonly ReferenceStudy[]): Findings {
  const nodeStudy = studies.find((s) => resultsOf(s, 'node') !== undefined);
  const node = resultsOf(nodeStudy, 'node');
  const source: Source | undefined =
    nodeStudy && node ? { study: nodeStudy.id, command: nodeStudy.command, run: runLine(node) } : undefined;
  const wide = [...studies].sort((a, b) => b.results.length - a.results.length)[0];
  const i = node && source ? isolate(node, source) : undefined;
  const o = node && source ? io(node, source) : undefined;
  const c = node && source ? combine(node, source) : undefined;
  return {
    ...(i ? { isolate: i } : {}),
    ...(o ? { io: o } : {}),
    ...(node && source ? { pools: pools(node, source) } : {}),
    ...(c ? { combine: c } : {}),
    ...(wide && wide.results.length > 1 ? { runtimes: runtimes(wide) } : {}),
    library: LIBRARY_WORKLOADS.map((workload) => ({
      workload,
      studies: studies
        .filter((s) => s.results.some((r) => r.cases.some((x) => x.workload === workload)))
        .map((s) => s.id),
    })),
    libraryFindings: library(studies),
  };
}
