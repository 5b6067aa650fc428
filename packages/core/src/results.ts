/**
 * @module results — the versioned JSON every runtime writes for a run of the study, and its validation.
 */
import { WeftError } from './errors.js';
import type { RuntimeName } from './platform.js';
import { summarize, type Summary } from './stats.js';

/** Version of {@link ResultsFile}; bumped on any incompatible change. */
export const RESULTS_SCHEMA_VERSION = 1;

/** The machine a run happened on. */
export interface HostInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryBytes: number;
  readonly os: string;
  readonly arch: string;
}

/**
 * How a case ended: measured; deliberately not run (with why); broken (with the error: Weft failed, or the input);
 * or `crashed`: the configuration under study crashed natively in a library (tfjs-node loaded in several worker
 * threads, say) in some or all of its repeats. A crash is a measurement, not a failure of the study: the case keeps
 * the samples of the repeats that completed, the reason, and `metrics.crashRate` (crashed repeats ÷ repeats).
 */
export type CaseStatus = 'ok' | 'skipped' | 'failed' | 'crashed';

/** A parameter value recorded with a case. */
export type ParameterValue = string | number | boolean;

/** One measured configuration: a workload, a strategy, a backend and parameters. */
export interface CaseResult {
  readonly workload: string;
  readonly strategy: string;
  /** tfjs backend, or `'none'` for workloads without one. */
  readonly backend: string;
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  /** Unit of {@link samples}, e.g. `ms` or `us`. */
  readonly unit: string;
  /** Raw samples, one per measured repetition (after warm-up). Empty unless status is `ok` or `crashed`. */
  readonly samples: readonly number[];
  /** Statistics of {@link samples}; null when there are none. */
  readonly summary: Summary | null;
  /** Derived numbers (throughput, speed-up, accuracy, …), keyed by a name that includes the unit. */
  readonly metrics: Readonly<Record<string, number>>;
  readonly status: CaseStatus;
  /** Why the case was skipped, failed or crashed. */
  readonly reason?: string;
}

/** A results file: one run of one or more workloads in one runtime. */
export interface ResultsFile {
  readonly schema: 'weft-results';
  readonly schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  readonly runId: string;
  /** ISO 8601 time the run started. */
  readonly createdAt: string;
  readonly host: HostInfo;
  readonly runtime: { readonly name: RuntimeName; readonly version: string };
  /** Extra versions that matter for the numbers (tfjs, piscina, …). */
  readonly versions: Readonly<Record<string, string>>;
  /** The command-line profile or settings the run used. */
  readonly profile: string;
  readonly cases: readonly CaseResult[];
}

/** Input of {@link okCase}: a case's identity, samples and metrics. */
export interface CaseInput {
  readonly workload: string;
  readonly strategy: string;
  readonly backend?: string;
  readonly parameters?: Readonly<Record<string, ParameterValue>>;
  readonly unit: string;
  readonly samples: readonly number[];
  readonly metrics?: Readonly<Record<string, number>>;
}

/** A case's identity with the defaults filled in: backend `none`, no parameters. */
function identityOf(
  input: Pick<CaseInput, 'workload' | 'strategy' | 'backend' | 'parameters'>,
): Pick<CaseResult, 'workload' | 'strategy' | 'backend' | 'parameters'> {
  return {
    workload: input.workload,
    strategy: input.strategy,
    backend: input.backend ?? 'none',
    parameters: input.parameters ?? {},
  };
}

/** A measured case, with its summary computed from the samples. */
export function okCase(input: CaseInput): CaseResult {
  return {
    ...identityOf(input),
    unit: input.unit,
    samples: [...input.samples],
    summary: summarize(input.samples),
    metrics: input.metrics ?? {},
    status: 'ok',
  };
}

/** A case that did not produce numbers: skipped on purpose or failed, with the reason. */
export function unmeasuredCase(
  status: 'skipped' | 'failed',
  identity: Omit<CaseInput, 'samples' | 'metrics' | 'unit'> & { readonly unit?: string },
  reason: string,
): CaseResult {
  return {
    ...identityOf(identity),
    unit: identity.unit ?? '',
    samples: [],
    summary: null,
    metrics: {},
    status,
    reason,
  };
}

/**
 * A case whose configuration crashed natively in `crashes` of its `repeats` (see {@link CaseStatus}): the samples of
 * the repeats that completed (and their summary), `metrics.crashRate`, and the reason.
 */
export function crashedCase(
  input: Omit<CaseInput, 'samples'> & { readonly samples?: readonly number[] },
  reason: string,
  crashes: number,
  repeats: number,
): CaseResult {
  const samples = [...(input.samples ?? [])];
  return {
    ...identityOf(input),
    unit: input.unit,
    samples,
    summary: samples.length === 0 ? null : summarize(samples),
    metrics: { ...input.metrics, crashRate: crashes / repeats },
    status: 'crashed',
    reason,
  };
}

type Check = (value: unknown, path: string) => void;

const fail = (path: string, expected: string): never => {
  throw new WeftError('INVALID_RESULTS', `${path} should be ${expected}`);
};
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str: Check = (v, p) => (typeof v === 'string' ? undefined : fail(p, 'a string'));
const num: Check = (v, p) => (typeof v === 'number' && Number.isFinite(v) ? undefined : fail(p, 'a finite number'));
const record =
  (each: Check): Check =>
  (v, p) => {
    if (!isRecord(v)) fail(p, 'an object');
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) each(x, `${p}.${k}`);
  };
const object =
  (shape: Record<string, Check>, optional: readonly string[] = []): Check =>
  (v, p) => {
    if (!isRecord(v)) return fail(p, 'an object');
    for (const [k, check] of Object.entries(shape)) {
      if (v[k] === undefined && optional.includes(k)) continue;
      check(v[k], `${p}.${k}`);
    }
  };
const paramValue: Check = (v, p) =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))
    ? undefined
    : fail(p, 'a string, finite number or boolean');
const oneOf =
  (...values: readonly unknown[]): Check =>
  (v, p) =>
    values.includes(v) ? undefined : fail(p, `one of ${values.map((x) => JSON.stringify(x)).join(', ')}`);

const summaryShape = object(
  Object.fromEntries(['n', 'min', 'max', 'mean', 'median', 'p10', 'p90', 'p99', 'stdev'].map((k) => [k, num])),
);

const caseShape: Check = (v, p) => {
  object(
    {
      workload: str,
      strategy: str,
      backend: str,
      parameters: record(paramValue),
      unit: str,
      samples: (x, q) =>
        Array.isArray(x) ? x.forEach((s, i) => num(s, `${q}[${i}]`)) : fail(q, 'an array of numbers'),
      summary: (x, q) => (x === null ? undefined : summaryShape(x, q)),
      metrics: record(num),
      status: oneOf('ok', 'skipped', 'failed', 'crashed'),
      reason: str,
    },
    ['reason'],
  )(v, p);
  const c = v as CaseResult;
  if (c.status === 'ok' && (c.samples.length === 0 || c.summary === null)) fail(p, 'ok with samples and a summary');
  if (c.status !== 'ok' && typeof c.reason !== 'string') fail(`${p}.reason`, `a string when status is ${c.status}`);
  if ((c.status === 'skipped' || c.status === 'failed') && c.samples.length > 0)
    fail(`${p}.samples`, `empty when status is ${c.status}`);
  if (c.status === 'crashed' && c.metrics['crashRate'] === undefined)
    fail(`${p}.metrics.crashRate`, 'a number when status is crashed');
};

const fileShape = object({
  schema: oneOf('weft-results'),
  schemaVersion: oneOf(RESULTS_SCHEMA_VERSION),
  runId: str,
  createdAt: (v, p) =>
    typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? undefined : fail(p, 'an ISO 8601 time'),
  host: object({ cpuModel: str, cores: num, memoryBytes: num, os: str, arch: str }),
  runtime: object({ name: oneOf('node', 'deno', 'bun', 'chromium', 'unknown'), version: str }),
  versions: record(str),
  profile: str,
  cases: (v, p) => (Array.isArray(v) ? v.forEach((c, i) => caseShape(c, `${p}[${i}]`)) : fail(p, 'an array of cases')),
});

/**
 * Checks that `data` is a {@link ResultsFile} of this schema version and returns it typed.
 * Throws `INVALID_RESULTS` naming the first wrong field (e.g. `results.cases[3].status should be one of …`).
 */
export function validateResults(data: unknown): ResultsFile {
  fileShape(data, 'results');
  return data as ResultsFile;
}
