/**
 * @module findings/library — the guide's "Letting the library parallelise" section: backends against the fp32 peak, oversubscription, model.fit against Weft.
 */
import {
  type StudyWorkload,
  hasMetric,
  hasStrategy,
  metricOf,
  parameterOf,
  numberParameterOf,
} from '@weft/bench/report';
import { type ReferenceStudy, type SlimResults } from '../reference';
import { choice, type Choice } from '../runs';
import { casesOf, rateOf, ratio, runLine, scaled, stat, type CaseOf, type Stat } from '../stats';
import { point, type Bar, type Series, type Source } from './chart';

/** The library's own parallelism: backends against the fp32 peak, oversubscription, model.fit against Weft. */
export interface LibraryFindings {
  readonly backends?: {
    readonly source: Source;
    readonly bars: readonly Bar[];
    readonly peak?: Stat;
    readonly best?: { readonly backend: Choice; readonly gflops: Stat; readonly ofPeak?: Stat };
  };
  readonly oversubscription?: {
    readonly source: Source;
    readonly series: readonly Series[];
    /** Per backend, the oversubscription (workers × threads ÷ cores) at which training was fastest. */
    readonly best: ReadonlyArray<{
      readonly backend: string;
      readonly threadsPerCore: Choice;
      readonly rate: Stat;
      readonly over?: { readonly threadsPerCore: number; readonly rate: Stat; readonly ratio: Stat };
    }>;
  };
  readonly fit?: {
    readonly source: Source;
    readonly bars: readonly Bar[];
    readonly modelFit?: Stat;
    readonly best?: { readonly label: Choice; readonly ratio: Stat };
  };
}

/** The first runtime's results, across the studies, that hold `workload`, with where they came from. */
function firstWith(
  studies: readonly ReferenceStudy[],
  workload: StudyWorkload,
): { file: SlimResults; source: Source } | undefined {
  for (const s of studies) {
    const file = s.results.find((r) => casesOf(r, workload).length > 0);
    if (file) return { file, source: { study: s.id, command: s.command, run: runLine(file) } };
  }
  return undefined;
}

export function library(studies: readonly ReferenceStudy[]): LibraryFindings {
  const out: { -readonly [K in keyof LibraryFindings]: LibraryFindings[K] } = {};
  const b = firstWith(studies, 'backends');
  if (b) {
    const cases = casesOf(b.file, 'backends');
    const peakCase = cases.find((c) => hasStrategy(c, 'theoretical-peak'));
    const peak = peakCase && hasMetric(peakCase, 'allCoreGflops') ? metricOf(peakCase, 'allCoreGflops') : undefined;
    const byBackend = new Map<string, CaseOf<'backends'>>();
    for (const c of cases.filter((x) => hasMetric(x, 'gflops'))) {
      const seen = byBackend.get(c.backend);
      if (!seen || metricOf(c, 'gflops') > metricOf(seen, 'gflops')) byBackend.set(c.backend, c);
    }
    const gflops = (c: CaseOf<'backends'>) => rateOf(c, 'gflops', 'GFLOP/s');
    const bars = [...byBackend.values()].map((c) => ({
      label: `${c.backend}${parameterOf(c, 'reference') ? ' (non-JS reference)' : ''} (${c.strategy}, ${String(parameterOf(c, 'threads') ?? '?')} thread(s))`,
      stat: gflops(c),
    }));
    const js = [...byBackend.values()]
      .filter((c) => c.backend !== 'numpy')
      .sort((x, y) => metricOf(y, 'gflops') - metricOf(x, 'gflops'))[0];
    out.backends = {
      source: b.source,
      bars,
      ...(peak !== undefined
        ? {
            peak: stat(peak, 'GFLOP/s', {
              n: 1,
              low: peak,
              high: peak,
              spread: 'computed, not measured: cores × clock × fp32 operations per cycle',
            }),
          }
        : {}),
      ...(js
        ? {
            best: {
              backend: choice(js.backend),
              gflops: gflops(js),
              ...(peak ? { ofPeak: scaled(gflops(js), 100 / peak, '%') } : {}),
            },
          }
        : {}),
    };
  }
  const o = firstWith(studies, 'oversubscription');
  if (o) {
    const cases = casesOf(o.file, 'oversubscription', (c) => hasMetric(c, 'samplesPerSecond'));
    const rate = (c: CaseOf<'oversubscription'>) => rateOf(c, 'samplesPerSecond', 'samples/s');
    const keys = [...new Set(cases.map((c) => `${c.backend}|${String(parameterOf(c, 'workers'))}`))];
    const series = keys.map((k) => {
      const [backend, workers] = k.split('|');
      return {
        name: `${backend}, ${workers === '0' ? 'main thread' : `${workers} worker(s)`}`,
        points: cases
          .filter((c) => c.backend === backend && String(parameterOf(c, 'workers')) === workers)
          .map((c) => point(numberParameterOf(c, 'threadsPerCore'), rate(c))),
      };
    });
    const best = [...new Set(cases.map((c) => c.backend))].map((backend) => {
      const mine = cases.filter((c) => c.backend === backend);
      const top = [...mine].sort(
        (x, y) => metricOf(y, 'samplesPerSecond') - metricOf(x, 'samplesPerSecond'),
      )[0] as CaseOf<'oversubscription'>;
      const most = [...mine].sort(
        (x, y) => numberParameterOf(y, 'threadsPerCore') - numberParameterOf(x, 'threadsPerCore'),
      )[0] as CaseOf<'oversubscription'>;
      return {
        backend,
        threadsPerCore: choice(String(numberParameterOf(top, 'threadsPerCore'))),
        rate: rate(top),
        ...(most !== top && numberParameterOf(most, 'threadsPerCore') > numberParameterOf(top, 'threadsPerCore')
          ? {
              over: {
                threadsPerCore: numberParameterOf(most, 'threadsPerCore'),
                rate: rate(most),
                ratio: ratio(rate(most), rate(top)),
              },
            }
          : {}),
      };
    });
    out.oversubscription = { source: o.source, series, best };
  }
  const f = firstWith(studies, 'fit');
  if (f) {
    const cases = casesOf(f.file, 'fit', (c) => hasMetric(c, 'samplesPerSecond'));
    const rate = (c: CaseOf<'fit'>) => rateOf(c, 'samplesPerSecond', 'samples/s');
    const label = (c: CaseOf<'fit'>) =>
      `${c.strategy}, ${c.backend}, ${String(parameterOf(c, 'workers') ?? 0)} worker(s)`;
    const modelFit = cases.find((c) => hasStrategy(c, 'model-fit'));
    const top = cases
      .filter((c) => hasMetric(c, 'ratioToModelFit'))
      .sort((x, y) => metricOf(y, 'ratioToModelFit') - metricOf(x, 'ratioToModelFit'))[0];
    // Weft's configurations are compared with model.fit on the same backend.
    const fitOf = top && cases.find((c) => hasStrategy(c, 'model-fit') && c.backend === top.backend);
    out.fit = {
      source: f.source,
      bars: cases.map((c) => ({ label: label(c), stat: rate(c) })),
      ...(modelFit ? { modelFit: rate(fitOf ?? modelFit) } : {}),
      ...(top && fitOf ? { best: { label: choice(label(top)), ratio: ratio(rate(top), rate(fitOf)) } } : {}),
    };
  }
  return out;
}
