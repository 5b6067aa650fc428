/**
 * @module report/fit — the `fit` workload's "Weft vs model.fit" tables: samples/s with p10–p90, the ratios to plain
 * tfjs-node `model.fit` and to the faster PyTorch in the same run, and test accuracy, per runtime and merged across
 * runtimes. Browser-safe.
 */
import {
  casesOfWorkload,
  hasMetric,
  hasStrategy,
  metricOf,
  parameterOf,
  recordedMetric,
  type CaseOf,
} from '../model/vocabulary.js';
import type { CaseResult } from '@weft/core/study';

/** A case of `fit`. */
type FitCase = CaseOf<'fit'>;
import type { MultiRuntimeStudy } from '../model/study.js';
import { formatNumber } from './format.js';
import { row } from './markdown-row.js';

const WORKLOAD = 'fit';

/** The model a `fit` case trained (results from before `--model` trained the MLP). */
const modelOf = (c: FitCase): string => String(parameterOf(c, 'model') ?? 'mlp');

/** `tfjs-node model.fit, mlp`, `PyTorch, mlp, 2 threads`, `Weft pipeline, mlp, wasm, 2 worker-threads (prefetch 4)` or `Weft fit(), cnn, …`. */
export function fitConfigurationText(c: FitCase): string {
  if (hasStrategy(c, 'model-fit')) return `tfjs-node model.fit, ${modelOf(c)}`;
  if (hasStrategy(c, 'pytorch'))
    return `PyTorch, ${modelOf(c)}, ${String(parameterOf(c, 'threads'))} thread${parameterOf(c, 'threads') === 1 ? '' : 's'}`;
  const n = Number(parameterOf(c, 'workers'));
  const pool = parameterOf(c, 'pool') === undefined ? `worker${n === 1 ? '' : 's'}` : String(parameterOf(c, 'pool'));
  const where = n === 0 ? 'main thread' : `${n} ${pool}`;
  const how = hasStrategy(c, 'weft-fit') ? 'fit()' : 'pipeline';
  return `Weft ${how}, ${modelOf(c)}, ${c.backend}, ${where}${parameterOf(c, 'prefetch') === undefined ? '' : ` (prefetch ${String(parameterOf(c, 'prefetch'))})`}`;
}

const samplesText = (c: FitCase): string => {
  const m = c.metrics;
  if (c.status !== 'ok' || m['samplesPerSecond'] === undefined) return '';
  return `${formatNumber(m['samplesPerSecond'])} (${formatNumber(m['samplesPerSecondP10'] ?? 0)}–${formatNumber(m['samplesPerSecondP90'] ?? 0)})`;
};

/** The best Weft case of a run by samples/s, with its ratio to `model.fit`; undefined without one. */
export function bestWeftCase(all: readonly CaseResult[]): FitCase | undefined {
  const cases = casesOfWorkload(all, 'fit');
  let best: FitCase | undefined;
  for (const c of cases) {
    if (c.workload !== WORKLOAD || hasStrategy(c, 'model-fit') || hasStrategy(c, 'pytorch') || c.status !== 'ok')
      continue;
    if (
      best === undefined ||
      (recordedMetric(c, 'samplesPerSecond') ?? 0) > (recordedMetric(best, 'samplesPerSecond') ?? 0)
    )
      best = c;
  }
  return best;
}

const ratioText = (ratio: number | undefined): string => (ratio === undefined ? '' : `${formatNumber(ratio)}×`);

/** One sentence per model: its best Weft configuration and its ratios to the same model's `model.fit` and PyTorch. */
function verdictLines(cases: readonly FitCase[]): string[] {
  return [...new Set(cases.map(modelOf))].flatMap((model) => {
    const best = bestWeftCase(cases.filter((c) => modelOf(c) === model));
    const ratio = best === undefined ? undefined : recordedMetric(best, 'ratioToModelFit');
    if (best === undefined || ratio === undefined) return [];
    const torch = recordedMetric(best, 'ratioToPytorch');
    const versusTorch = torch === undefined ? '' : ` and **${formatNumber(torch)}×** the faster PyTorch's`;
    return [
      `Best Weft configuration for the ${model}: **${fitConfigurationText(best)}** at **${formatNumber(ratio)}×** model.fit's samples/s${versusTorch}.`,
    ];
  });
}

/** One runtime's "Weft vs model.fit" section (markdown lines), or none when the run has no `fit` cases. */
export function fitSection(all: readonly CaseResult[]): string[] {
  const cases = casesOfWorkload(all, 'fit');
  const list = casesOfWorkload(cases, WORKLOAD);
  if (list.length === 0) return [];
  const header = [
    'configuration',
    'backend',
    'samples/s (p10–p90)',
    'n epochs',
    '× model.fit',
    '× PyTorch',
    'test accuracy',
    'status',
  ];
  const lines = [row(header), row(header.map(() => '---'))];
  for (const c of list) {
    lines.push(
      row([
        fitConfigurationText(c),
        c.backend,
        samplesText(c),
        String(c.summary?.n ?? 0),
        ratioText(recordedMetric(c, 'ratioToModelFit')),
        ratioText(recordedMetric(c, 'ratioToPytorch')),
        !hasMetric(c, 'testAccuracy') ? '' : `${formatNumber(metricOf(c, 'testAccuracy'))} %`,
        c.status === 'ok' ? 'ok' : `${c.status}: ${c.reason ?? ''}`,
      ]),
    );
  }
  return ['#### Weft vs model.fit', '', ...lines, '', ...verdictLines(list).flatMap((l) => [l, ''])];
}

/** The merged "Weft vs model.fit" section: a column per runtime (samples/s, ratio, accuracy), then each runtime's verdict. */
export function mergedFitSection(study: MultiRuntimeStudy): string[] {
  const runs = study.outcomes.flatMap((o) =>
    o.status === 'ok' ? [{ runtime: o.runtime, cases: casesOfWorkload(o.results.cases, WORKLOAD) }] : [],
  );
  if (runs.every((r) => r.cases.length === 0)) return [];
  const configurations = [...new Set(runs.flatMap((r) => r.cases.map(fitConfigurationText)))];
  const header = ['configuration', ...runs.map((r) => `${r.runtime}: samples/s · × model.fit · × PyTorch · accuracy`)];
  const lines = [row(header), row(header.map(() => '---'))];
  for (const name of configurations) {
    const cells = runs.map((r) => {
      const c = r.cases.find((x) => fitConfigurationText(x) === name);
      if (c === undefined) return '—';
      if (c.status !== 'ok') return c.status;
      const ratios = [recordedMetric(c, 'ratioToModelFit'), recordedMetric(c, 'ratioToPytorch')].map(
        (r) => ratioText(r) || '—',
      );
      return `${formatNumber(recordedMetric(c, 'samplesPerSecond') ?? 0)} · ${ratios.join(' · ')} · ${formatNumber(recordedMetric(c, 'testAccuracy') ?? 0)} %`;
    });
    lines.push(row([name, ...cells]));
  }
  const verdicts = runs.flatMap((r) => verdictLines(r.cases).flatMap((line) => [`${r.runtime}: ${line}`, '']));
  return [
    '## Weft vs model.fit',
    '',
    'The MNIST MLP and CNN trained by plain tfjs-node `model.fit` (one process, libtensorflow threads) and by Weft (loader prefetch + ' +
      'parts on workers, processes or the main thread: the pipeline with hand-written gradients, or fit() with tfjs autodiff), ' +
      'and by PyTorch on the CPU (1 thread and every core; the same weights, batches and Adam), ' +
      'same seeded weights, epochs and batch size, epochs interleaved in one run.',
    '',
    ...lines,
    '',
    ...verdicts,
  ];
}
