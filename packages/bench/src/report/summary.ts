/**
 * @module report/summary — the terminal's answer at the end of `weft study`: one line per question of the study
 * (loading, training, dispatch, moving data, the library's own threads, oversubscription, Weft against model.fit and
 * PyTorch), each with its number and same-run ratio, from the first runtime that ran; a line per other runtime; the
 * targets met. At most about 30 lines of at most 100 columns; the full tables are in the report files. Browser-safe.
 */
import type { CaseResult } from '@weft/core/study';
import type { MultiRuntimeStudy } from '../model/study.js';
import {
  casesOfWorkload,
  hasMetric,
  hasStrategy,
  parameterOf,
  recordedMetric,
  type CaseOf,
  type MetricOf,
  type StudyWorkload,
} from '../model/vocabulary.js';
import { clusterDispatchLine } from './cluster.js';
import { formatNumber } from './format.js';
import { outcomeText } from './merged.js';
import { checkTargets } from './targets.js';

/** The widest line the summary prints. */
export const SUMMARY_COLUMNS = 100;

const ok = <W extends StudyWorkload>(cases: readonly CaseResult[], workload: W): CaseOf<W>[] =>
  casesOfWorkload(cases, workload).filter((c) => c.status === 'ok');
const metric = <W extends StudyWorkload>(c: CaseOf<W> | undefined, name: MetricOf<W>): number | undefined =>
  c === undefined ? undefined : recordedMetric(c, name);
const best = <W extends StudyWorkload>(cases: readonly CaseOf<W>[], name: MetricOf<W>): CaseOf<W> | undefined =>
  cases.filter((c) => hasMetric(c, name)).sort((a, b) => (b.metrics[name] as number) - (a.metrics[name] as number))[0];
const n = (value: number | undefined): string => (value === undefined ? '?' : formatNumber(value));
const ratio = (value: number | undefined): string => `${n(value)}×`;

/** I/O loading: the slowest source's best event-loop case against its best worker case. */
function loading(cases: readonly CaseResult[]): string | undefined {
  const load = ok(cases, 'load');
  const sources = [
    ...new Set(load.map((c) => `${String(parameterOf(c, 'source'))}|${String(parameterOf(c, 'latencyMs'))}`)),
  ];
  const source = sources.sort((a, b) => Number(b.split('|')[1]) - Number(a.split('|')[1]))[0];
  if (source === undefined) return undefined;
  const [name, latency] = source.split('|');
  const own = load.filter(
    (c) => `${String(parameterOf(c, 'source'))}|${String(parameterOf(c, 'latencyMs'))}` === source,
  );
  const loop = best(
    own.filter((c) => c.strategy.startsWith('event-loop')),
    'shardsPerSecond',
  );
  const workers = best(
    own.filter((c) => c.strategy.startsWith('workers')),
    'shardsPerSecond',
  );
  if (loop === undefined) return undefined;
  const ideal = metric(loop, 'idealFraction');
  const versus =
    workers === undefined
      ? ''
      : `; threads ${n(metric(workers, 'shardsPerSecond'))} (loop ${ratio((metric(loop, 'shardsPerSecond') as number) / (metric(workers, 'shardsPerSecond') as number))})`;
  return `I/O loading (${name}, ${latency} ms): event loop ×${String(parameterOf(loop, 'concurrency'))} ${n(metric(loop, 'shardsPerSecond'))} shards/s${ideal === undefined ? '' : `, ${n(ideal)} of ideal`}${versus}`;
}

/** CPU-bound training: the best speed-up over the main thread (MLP), and the fastest configuration against PyTorch. */
function training(cases: readonly CaseResult[]): string[] {
  const train = ok(cases, 'train').filter((c) => (parameterOf(c, 'model') ?? 'mlp') === 'mlp');
  const parallel = best(
    train.filter((c) => c.strategy.startsWith('data-parallel')),
    'speedup',
  );
  const lines: string[] = [];
  if (parallel !== undefined) {
    lines.push(
      `Training (MLP): ${String(parameterOf(parallel, 'workers'))} ${String(parameterOf(parallel, 'pool') ?? 'workers')} on ${parallel.backend}: ${ratio(metric(parallel, 'speedup'))} the main thread (best data-parallel case)`,
    );
  }
  const versus = best(
    train.filter((c) => hasMetric(c, 'ratioToPytorch')),
    'samplesPerSecond',
  );
  if (versus !== undefined) {
    const where = hasStrategy(versus, 'main-thread')
      ? 'main thread'
      : `${String(parameterOf(versus, 'workers'))} ${String(parameterOf(versus, 'pool'))}`;
    lines.push(
      `vs PyTorch: best Weft MLP (${versus.backend}, ${where}, batch ${String(parameterOf(versus, 'batch'))}) ${ratio(metric(versus, 'ratioToPytorch'))}; ` +
        `accuracy ${n(metric(versus, 'testAccuracy'))} vs ${n(metric(versus, 'pytorchTestAccuracy'))} %`,
    );
  }
  return lines;
}

/** One task: Weft's throughput against the best peer, and its round trip against the Atomics floor. */
function dispatch(cases: readonly CaseResult[]): string | undefined {
  const list = ok(cases, 'dispatch');
  const throughput = best(
    list.filter((c) => hasStrategy(c, 'weft-throughput')),
    'tasksPerSecond',
  );
  const latency = list.find((c) => hasStrategy(c, 'weft-latency'));
  if (throughput === undefined) return undefined;
  const peer = metric(throughput, 'ratioToBestPeer');
  const trip = latency?.summary
    ? `; round trip ${n(latency.summary.median)} µs (${ratio(metric(latency, 'ratioToFloor'))} the Atomics floor)`
    : '';
  return `One task: Weft ${n(metric(throughput, 'tasksPerSecond'))} tasks/s${peer === undefined ? '' : `, ${ratio(peer)} the best other pool`}${trip}`;
}

/** Moving data: 1 MiB by clone, transfer and shared memory. */
function moving(cases: readonly CaseResult[]): string | undefined {
  const mib = ok(cases, 'transfer').filter((c) => parameterOf(c, 'bytes') === 1 << 20 && c.summary !== null);
  if (mib.length === 0) return undefined;
  return `Moving 1 MiB: ${mib.map((c) => `${c.strategy} ${n(c.summary?.median)} ${c.unit}`).join(', ')}`;
}

/** The library's own threads: matMul 1024 per backend, GFLOP/s and share of the fp32 peak. */
function library(cases: readonly CaseResult[]): string | undefined {
  const matMul = ok(cases, 'backends').filter(
    (c) => hasStrategy(c, 'matMul') && parameterOf(c, 'n') === 1024 && hasMetric(c, 'gflops'),
  );
  const backends = [...new Set(matMul.map((c) => c.backend))];
  if (backends.length === 0) return undefined;
  const parts = backends.map((b) => {
    const c = best(
      matMul.filter((x) => x.backend === b),
      'gflops',
    );
    const peak = metric(c, 'peakFraction');
    return `${b} ${n(metric(c, 'gflops'))}${peak === undefined ? '' : ` (${formatNumber(peak * 100)} %)`}`;
  });
  return `Library threads, matMul 1024 GFLOP/s (of fp32 peak): ${parts.join(', ')}`;
}

/** Oversubscription: the fastest combination, and 2 processes × 1 thread against the best single process. */
function oversubscription(cases: readonly CaseResult[]): string | undefined {
  const list = ok(cases, 'oversubscription');
  const fastest = best(list, 'samplesPerSecond');
  if (fastest === undefined) return undefined;
  const crashed = cases.filter((c) => c.workload === 'oversubscription' && c.status === 'crashed').length;
  const where =
    parameterOf(fastest, 'workers') === 0
      ? 'main thread'
      : `${String(parameterOf(fastest, 'workers'))} ${String(parameterOf(fastest, 'pool') ?? 'workers')}`;
  const threads = Number(parameterOf(fastest, 'threads'));
  return (
    `Oversubscription: fastest ${fastest.backend} ${where} × ${threads} thread${threads === 1 ? '' : 's'}, ` +
    `${n(metric(fastest, 'samplesPerSecond'))} samples/s${crashed > 0 ? `; ${crashed} crashed upstream` : ''}`
  );
}

/** Weft against the library alone: the best `ratioToModelFit`, and its ratio to PyTorch. */
function againstLibrary(cases: readonly CaseResult[]): string | undefined {
  const top = best(
    ok(cases, 'fit').filter((c) => !hasStrategy(c, 'model-fit') && !hasStrategy(c, 'pytorch')),
    'ratioToModelFit',
  );
  if (top === undefined) return undefined;
  const torch = metric(top, 'ratioToPytorch');
  const how = hasStrategy(top, 'weft-fit') ? 'fit()' : 'pipeline';
  const where =
    parameterOf(top, 'workers') === 0
      ? 'main thread'
      : `${String(parameterOf(top, 'workers'))} ${String(parameterOf(top, 'pool') ?? 'workers')}`;
  return `Weft vs model.fit: best ${how} (${String(parameterOf(top, 'model') ?? 'mlp')}, ${top.backend}, ${where}) ${ratio(metric(top, 'ratioToModelFit'))} model.fit${torch === undefined ? '' : `, ${ratio(torch)} PyTorch`}`;
}

/** Cuts a line to {@link SUMMARY_COLUMNS}. */
const clip = (line: string): string =>
  line.length > SUMMARY_COLUMNS ? `${line.slice(0, SUMMARY_COLUMNS - 1)}…` : line;

/**
 * The study's summary lines: the answers from the first runtime that ran, a line per runtime (its outcome), and the
 * targets met. Each line at most {@link SUMMARY_COLUMNS} columns.
 */
export function studySummary(study: MultiRuntimeStudy): string[] {
  const first = study.outcomes.find((o) => o.status === 'ok');
  const lines: string[] = [`Weft study, profile ${study.profile}: ${study.workloads.join(', ')}`];
  for (const o of study.outcomes) lines.push(`  ${o.runtime}: ${outcomeText(o)}`);
  if (first?.status === 'ok') {
    const cases = first.results.cases;
    const answers = [
      loading(cases),
      ...training(cases),
      dispatch(cases),
      clusterDispatchLine(cases),
      moving(cases),
      library(cases),
      oversubscription(cases),
      againstLibrary(cases),
    ];
    lines.push(
      '',
      `Answers in ${first.runtime} ${first.results.runtime.version} (${first.results.host.cores} cores; medians and same-run ratios):`,
    );
    for (const answer of answers) if (answer !== undefined) lines.push(`  ${answer}`);
  }
  const { rows } = checkTargets(study);
  const verdicts = rows.flatMap((r) => r.cells.filter((c) => c.met !== undefined).map((c) => c.met));
  if (verdicts.length > 0)
    lines.push(
      '',
      `Targets: ${verdicts.filter(Boolean).length} of ${verdicts.length} met (the targets table in report.md)`,
    );
  return lines.map(clip);
}
