/**
 * @module model/vocabulary — the study's names, typed: each workload's strategies, parameters and metrics, below
 * everything that produces or reads results. The workloads produce only these names (a case with another name fails
 * the study, see {@link registeredCases}); the report and the docs site read them through {@link isCaseOf},
 * {@link metricOf}, {@link parameterOf} and their kin, so renaming a metric here breaks every reader at compile time
 * instead of leaving a page empty. Browser-safe (constants and pure functions).
 */
import { unmeasuredCase, type CaseResult, type ParameterValue } from '@weft/core/study';

/** One workload's names. */
export interface WorkloadVocabulary {
  /** Every strategy of its cases (`all`: one case for the whole workload or a group that could not run). */
  readonly strategies: readonly string[];
  /** Every parameter key of its cases. */
  readonly parameters: readonly string[];
  /** Every metric key of its cases. */
  readonly metrics: readonly string[];
}

/** The metric every crashed case carries (crashed repeats ÷ repeats), whatever its workload. */
const CRASH_METRICS = ['crashRate'] as const;

/** The step of a data-parallel trainer taken apart (`STEP_PHASES` of `@weft/core`) and its overhead share. */
const STEP_METRICS = [
  'stepMs',
  'forwardMs',
  'backwardMs',
  'readbackMs',
  'partOtherMs',
  'prepareMs',
  'dispatchMs',
  'combineMs',
  'optimiserMs',
  'overheadShare',
] as const;

/** The pools `dispatch` measures in some runtime (Node, Deno, Bun: Weft, piscina, tinypool; a page: web workers). */
export const DISPATCH_POOLS = [
  'weft',
  'weft-web-workers',
  'raw-web-workers',
  'piscina',
  'tinypool',
  'weft-cluster',
] as const;

/** What each dispatch pool is measured for: tasks/s of a burst, and one task's round trip. */
const DISPATCH_KINDS = ['throughput', 'latency'] as const;

/** A dispatch strategy: a pool and what is measured, or the shared-memory floor's round trip. */
export type DispatchStrategy =
  `${(typeof DISPATCH_POOLS)[number]}-${(typeof DISPATCH_KINDS)[number]}` | 'atomics-latency' | 'all';

const DISPATCH_STRATEGIES: readonly DispatchStrategy[] = [
  ...DISPATCH_POOLS.flatMap((pool) => DISPATCH_KINDS.map((kind) => `${pool}-${kind}` as const)),
  'atomics-latency',
  'all',
];

/** Every workload's names. */
export const VOCABULARY = {
  load: {
    strategies: [
      'sequential',
      'event-loop',
      'event-loop-decode',
      'workers',
      'workers-decode',
      'event-loop-worker-decode',
      'all',
    ],
    parameters: ['source', 'shards', 'latencyMs', 'concurrency', 'threads'],
    metrics: ['shardsPerSecond', 'megabytesPerSecond', 'idealFraction'],
  },
  train: {
    strategies: ['main-thread', 'data-parallel', 'pytorch', 'all'],
    parameters: [
      'model',
      'backend',
      'batch',
      'epochs',
      'seed',
      'trainSize',
      'workers',
      'exchange',
      'pool',
      'beside',
      'threads',
    ],
    metrics: [
      'samplesPerSecond',
      'speedup',
      'efficiency',
      'testAccuracy',
      'trainLoss',
      'ratioToPytorch',
      'pytorchTestAccuracy',
      ...STEP_METRICS,
    ],
  },
  dispatch: {
    strategies: DISPATCH_STRATEGIES,
    parameters: ['pool', 'threads', 'tasks'],
    metrics: ['tasksPerSecond', 'ratioToBestPeer', 'ratioToFloor'],
  },
  transfer: {
    strategies: ['clone', 'transfer', 'shared', 'memcpy', 'all'],
    parameters: ['bytes'],
    metrics: ['gigabytesPerSecond'],
  },
  backends: {
    strategies: ['matMul', 'conv2d', 'mlp-train-step', 'cnn-train-step', 'theoretical-peak', 'all'],
    parameters: [
      'n',
      'input',
      'filter',
      'padding',
      'model',
      'batch',
      'threads',
      'simd',
      'reference',
      'version',
      'cores',
      'clockMhz',
      'clockSource',
      'flopsPerCycle',
      'formula',
    ],
    metrics: [
      'gflops',
      'gflopsP10',
      'gflopsP90',
      'peakFraction',
      'samplesPerSecond',
      'samplesPerSecondP10',
      'samplesPerSecondP90',
      'firstRunMs',
      'warmupMedianMs',
      'warmupP10Ms',
      'warmupP90Ms',
      'warmupRuns',
      'peakGflops',
      'singleCoreGflops',
      'allCoreGflops',
      'avx512SingleCoreGflops',
      'avx512AllCoreGflops',
    ],
  },
  oversubscription: {
    strategies: ['main-thread', 'data-parallel', 'all'],
    parameters: ['pool', 'workers', 'threads', 'threadsPerCore', 'batch', 'steps', 'libtensorflow'],
    metrics: [
      'samplesPerSecond',
      'samplesPerSecondP10',
      'samplesPerSecondP90',
      'speedupOverMain',
      'speedupOverBestMain',
      'trainLoss',
      'cores',
    ],
  },
  fit: {
    strategies: ['model-fit', 'weft-pipeline', 'weft-fit', 'pytorch', 'all'],
    parameters: ['model', 'batch', 'epochs', 'prefetch', 'workers', 'exchange', 'pool', 'libtensorflow', 'threads'],
    metrics: [
      'samplesPerSecond',
      'samplesPerSecondP10',
      'samplesPerSecondP90',
      'ratioToModelFit',
      'ratioToPytorch',
      'pytorchTestAccuracy',
      'testAccuracy',
      'trainLoss',
      ...STEP_METRICS,
    ],
  },
} as const satisfies Record<string, WorkloadVocabulary>;

/** A workload of the study, by name. */
export type StudyWorkload = keyof typeof VOCABULARY;

/** Every {@link StudyWorkload}, in report order. */
export const STUDY_WORKLOADS = Object.keys(VOCABULARY) as StudyWorkload[];

/** A strategy of workload `W`. */
export type StrategyOf<W extends StudyWorkload> = (typeof VOCABULARY)[W]['strategies'][number];

/** A parameter key of workload `W`. */
export type ParameterOf<W extends StudyWorkload> = (typeof VOCABULARY)[W]['parameters'][number];

/** A metric key of workload `W` (and `crashRate`, which every crashed case carries). */
export type MetricOf<W extends StudyWorkload> =
  (typeof VOCABULARY)[W]['metrics'][number] | (typeof CRASH_METRICS)[number];

/** The part of a case the readers below look at (a full `CaseResult` or the docs site's slim copy). */
export type NamedCase = Pick<CaseResult, 'workload' | 'strategy' | 'parameters' | 'metrics'>;

/**
 * A case of workload `W` (`C`: the case type, `CaseResult` by default): the readers below then accept only the names
 * `W` registers, so a renamed or misspelt name is a type error in every reader.
 */
export type CaseOf<W extends StudyWorkload, C extends NamedCase = CaseResult> = C & { readonly workload: W };

/** Whether `c` is a case of `workload` (narrows it to {@link CaseOf}). */
export function isCaseOf<W extends StudyWorkload, C extends NamedCase>(c: C, workload: W): c is CaseOf<W, C> {
  return c.workload === workload;
}

/** The cases of `workload` among `cases`, typed as such. */
export function casesOfWorkload<W extends StudyWorkload, C extends NamedCase>(
  cases: readonly C[],
  workload: W,
): CaseOf<W, C>[] {
  return cases.filter((c): c is CaseOf<W, C> => isCaseOf(c, workload));
}

/** Whether `c` has one of `strategies`. */
export function hasStrategy<W extends StudyWorkload>(
  c: CaseOf<W, NamedCase>,
  ...strategies: readonly StrategyOf<W>[]
): boolean {
  return (strategies as readonly string[]).includes(c.strategy);
}

/** Metric `name` of `c`, or NaN when the case lacks it (it then drops out of every comparison). */
export function metricOf<W extends StudyWorkload>(c: CaseOf<W, NamedCase>, name: MetricOf<W>): number {
  return c.metrics[name] ?? Number.NaN;
}

/** Metric `name` of `c`, or undefined when the case did not record it. */
export function recordedMetric<W extends StudyWorkload>(
  c: CaseOf<W, NamedCase>,
  name: MetricOf<W>,
): number | undefined {
  return c.metrics[name];
}

/** Whether `c` recorded metric `name`. */
export function hasMetric<W extends StudyWorkload>(c: CaseOf<W, NamedCase>, name: MetricOf<W>): boolean {
  return c.metrics[name] !== undefined;
}

/** Parameter `name` of `c`, or undefined when the case lacks it. */
export function parameterOf<W extends StudyWorkload>(
  c: CaseOf<W, NamedCase>,
  name: ParameterOf<W>,
): ParameterValue | undefined {
  return c.parameters[name];
}

/** Numeric parameter `name` of `c`, or NaN when it is absent or not a number. */
export function numberParameterOf<W extends StudyWorkload>(c: CaseOf<W, NamedCase>, name: ParameterOf<W>): number {
  const value = c.parameters[name];
  return typeof value === 'number' ? value : Number.NaN;
}

/**
 * What in `c` is not in the vocabulary: an unknown workload, or a strategy, parameter or metric its workload does
 * not register, one line each (empty when every name is known).
 */
export function vocabularyProblems(c: NamedCase): string[] {
  const words = (VOCABULARY as Record<string, WorkloadVocabulary>)[c.workload];
  if (words === undefined) return [`workload ${JSON.stringify(c.workload)} is not in the vocabulary`];
  const where = `${c.workload}/${c.strategy}`;
  const problems: string[] = [];
  if (!words.strategies.includes(c.strategy))
    problems.push(`${where}: strategy ${JSON.stringify(c.strategy)} is not registered`);
  for (const key of Object.keys(c.parameters))
    if (!words.parameters.includes(key)) problems.push(`${where}: parameter ${JSON.stringify(key)} is not registered`);
  for (const key of Object.keys(c.metrics))
    if (!words.metrics.includes(key) && !(CRASH_METRICS as readonly string[]).includes(key))
      problems.push(`${where}: metric ${JSON.stringify(key)} is not registered`);
  return problems;
}

/**
 * `cases`, each case whose names are not all registered replaced by a `failed` case listing them: a workload that
 * produces a name the readers do not know is a bug in Weft (register the name above), and the study says so.
 */
export function registeredCases(cases: readonly CaseResult[]): CaseResult[] {
  return cases.map((c) => {
    const problems = vocabularyProblems(c);
    if (problems.length === 0) return c;
    const { workload, strategy, parameters } = c;
    const reason = `unregistered names (add them to model/vocabulary.ts): ${problems.join('; ')}`;
    return unmeasuredCase(
      'failed',
      { workload, strategy, parameters, ...(c.backend ? { backend: c.backend } : {}) },
      reason,
    );
  });
}
