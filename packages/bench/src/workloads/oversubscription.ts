/**
 * @module workloads/oversubscription — what happens when Weft's workers and a multi-threaded backend compete for
 * the same cores? N workers × T backend threads (libtensorflow's intra-op threads; wasm threads where they run),
 * each combination in its own child process of this runtime, since the thread count is read once per process.
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { crashedCase, okCase, unmeasuredCase, type CaseResult, type ParameterValue } from '@weft/core/study';
import type { TfjsBackendProbe } from '@weft/node/tfjs';
import { defineWorkload, everyProfile, type OptionSpec, type TypedContext, type Workload } from '../workload.js';
import type { OversubscriptionChildInput, OversubscriptionChildOutput } from './oversubscription-child.js';
import { poolsOption, resolvePools } from './pool-option.js';
import { NODE_TRAIN_POOLS } from './pool-openers.js';
import { runRuntimeChild } from './runtime-child.js';
import { probeBackend } from './tfjs-modules.js';
import { samplesPerSecond, type SamplesPerSecond } from './throughput.js';
import type { TrainPool } from './train-pool.js';

/** The backends the study oversubscribes: native tfjs-node, and wasm where its threads run. */
export type OversubscriptionBackend = 'tensorflow' | 'wasm';

/** Every {@link OversubscriptionBackend}. */
const OVERSUBSCRIPTION_BACKENDS: readonly OversubscriptionBackend[] = ['tensorflow', 'wasm'];

/** The options of `oversubscription`. */
const OVERSUBSCRIPTION_OPTIONS = [
  {
    name: 'backends',
    kind: 'string-list',
    description: 'backends whose threads compete with the workers',
    choices: OVERSUBSCRIPTION_BACKENDS,
    defaults: everyProfile('tensorflow,wasm'),
  },
  {
    name: 'workers',
    kind: 'int-list',
    description: 'worker counts N (the main-thread baseline always runs)',
    defaults: { smoke: '1', quick: '1,2,4', full: '1,2,4' },
  },
  {
    name: 'threads',
    kind: 'int-list',
    description: 'backend threads T per process (TF_NUM_INTRAOP_THREADS; wasm threads)',
    defaults: { smoke: '1,2', quick: '1,2,4', full: '1,2,4' },
  },
  {
    name: 'batch',
    kind: 'positive-int',
    description: 'global batch size',
    defaults: { smoke: '64', quick: '256', full: '512' },
  },
  {
    name: 'steps',
    kind: 'positive-int',
    description: 'training steps per timed sample',
    defaults: { smoke: '2', quick: '4', full: '8' },
  },
  {
    name: 'samples',
    kind: 'positive-int',
    description: 'timed samples per case and round',
    defaults: { smoke: '2', quick: '4', full: '8' },
  },
  {
    name: 'rounds',
    kind: 'positive-int',
    description: 'rounds over the grid (a fresh child per case and round)',
    defaults: { smoke: '1', quick: '2', full: '3' },
  },
  {
    name: 'child-timeout',
    kind: 'positive-int',
    description: 'seconds each child may run before it is killed (a failed case)',
    defaults: { smoke: '60', quick: '120', full: '300' },
  },
  {
    name: 'train-size',
    kind: 'positive-int',
    description: 'training digits the batches are drawn from (at most 8000)',
    defaults: { smoke: '1024', quick: '8000', full: '8000' },
  },
  {
    name: 'seed',
    kind: 'positive-int',
    description: 'seed of the weights and the batch order',
    defaults: everyProfile('1'),
  },
  poolsOption(true),
] as const satisfies readonly OptionSpec[];

/** The context `oversubscription` runs with. */
type OversubscriptionContext = TypedContext<typeof OVERSUBSCRIPTION_OPTIONS>;

/** How a backend probe answers: `probeBackend`'s result without the backend's name. */
export type BackendProbe = Omit<TfjsBackendProbe, 'name'>;

/** The libtensorflow version in a probe's version text (`tfjs-node 4.22.0, libtensorflow 2.21.0` → `2.21.0`). */
export function libtensorflowVersion(probe: BackendProbe | undefined): string | undefined {
  return /libtensorflow (\S+)/.exec(probe?.version ?? '')?.[1];
}

/** Options of {@link createOversubscriptionWorkload}. */
export interface OversubscriptionWorkloadOptions {
  /** The script each child runs (default: the built `oversubscription-child.js` beside this module). */
  readonly childScript?: string;
  /** Says whether the native backend can run here (default: `probeBackend('tensorflow')`). */
  readonly probe?: () => Promise<BackendProbe>;
}

/** Untimed steps in every child before its samples. */
const WARMUP_STEPS = 3;

/** One planned case: its identity, and the child input that measures it. */
interface Planned {
  readonly strategy: 'main-thread' | 'data-parallel';
  readonly input: OversubscriptionChildInput;
  readonly parameters: Record<string, ParameterValue>;
  readonly samples: number[];
  loss: number;
  outcome?: { readonly status: 'skipped' | 'failed'; readonly reason: string };
  /** Rounds whose child crashed natively, and the first crash's reason. */
  crashes: number;
  crashReason?: string;
}

function describeCase(p: Planned): string {
  const where = p.input.workers === 0 ? 'main thread' : `${p.input.workers} × ${p.input.pool}`;
  return `${p.input.backend}, ${where} × ${p.input.threads} thread${p.input.threads === 1 ? '' : 's'}`;
}

/** Every case of the grid: per backend and thread count, the main-thread baseline then each worker count. */
function plan(context: OversubscriptionContext, cores: number): Planned[] {
  const o = context.options;
  const common = {
    batch: o['batch'],
    steps: o['steps'],
    samples: o['samples'],
    warmup: WARMUP_STEPS,
    seed: o['seed'],
    trainSize: o['train-size'],
  };
  const pools = resolvePools(o['pools'], NODE_TRAIN_POOLS);
  const cases: Planned[] = [];
  for (const backend of o['backends']) {
    for (const threads of o['threads']) {
      // wasm threads are per thread of JavaScript: only the main-thread case can ask for them.
      const workerCounts = backend === 'wasm' ? [0] : [0, ...o['workers']];
      for (const workers of workerCounts) {
        for (const pool of workers === 0 ? [pools[0] as TrainPool] : pools) {
          cases.push({
            strategy: workers === 0 ? 'main-thread' : 'data-parallel',
            input: { backend, workers, threads, pool, ...common },
            parameters: {
              workers,
              threads,
              threadsPerCore: (Math.max(1, workers) * threads) / cores,
              batch: common.batch,
              steps: common.steps,
              ...(workers === 0 ? {} : { pool }),
            },
            samples: [],
            loss: Number.NaN,
            crashes: 0,
          });
        }
      }
    }
  }
  return cases;
}

/** A child killed by a native fault: a crash of the library under study, not of Weft. */
const NATIVE_CRASH = /killed by SIG(SEGV|ABRT|BUS|ILL)/;

/** An error raised by libtensorflow itself (its status code), as opposed to one from Weft or the child's script. */
const LIBTENSORFLOW_ERROR = /Invalid TF_Status/;

/** Whether the case loads tfjs-node in several worker threads of one process (reported to misbehave upstream). */
function sharesLibtensorflow(p: Planned): boolean {
  return p.input.backend === 'tensorflow' && p.input.workers > 0 && p.input.pool !== 'processes';
}

/**
 * Why a child's failure is a crash of the library under study, or `undefined` when it is a failure of the run: a
 * native fault in any case, or a libtensorflow error where several worker threads share one libtensorflow (tfjs
 * #8388: besides segfaults, such runs raise errors like `Invalid TF_Status: 5 … No attr named 'DstT'`). The reason
 * is one line, with the known upstream cause beside it where it applies.
 */
function upstreamCrash(p: Planned, reason: string): string | undefined {
  const native = NATIVE_CRASH.test(reason);
  if (!native && !(sharesLibtensorflow(p) && LIBTENSORFLOW_ERROR.test(reason))) return undefined;
  const line = reason.replace(/\s+/g, ' ').trim();
  return sharesLibtensorflow(p)
    ? `${line} (tfjs-node loaded in several worker threads is reported to crash upstream: tfjs #8388)`
    : line;
}

/**
 * Measures the planned cases in rounds (each round runs every case once, in its own child), then builds results. A
 * child that crashes (see {@link upstreamCrash}) is counted and the case runs again next round; any other failure
 * ends the case.
 */
async function measure(
  context: OversubscriptionContext,
  cases: Planned[],
  script: string,
  cores: number,
): Promise<CaseResult[]> {
  const rounds = context.options['rounds'];
  const timeoutMs = context.options['child-timeout'] * 1000;
  for (let round = 1; round <= rounds; round += 1) {
    for (const p of cases.filter((c) => c.outcome === undefined)) {
      context.progress(`oversubscription: ${describeCase(p)}, round ${round}/${rounds}`);
      const env: Record<string, string> =
        p.input.backend === 'tensorflow' ? { TF_NUM_INTRAOP_THREADS: String(p.input.threads) } : {};
      const outcome = await runRuntimeChild<OversubscriptionChildOutput>(script, p.input, {
        env: { ...env, TF_CPP_MIN_LOG_LEVEL: '2' },
        timeoutMs,
      });
      const failure = outcome.ok
        ? outcome.value.status === 'failed'
          ? outcome.value.reason
          : undefined
        : outcome.reason;
      const crash = failure === undefined ? undefined : upstreamCrash(p, failure);
      if (crash !== undefined) {
        p.crashes += 1;
        p.crashReason ??= crash;
      } else if (!outcome.ok) p.outcome = { status: 'failed', reason: outcome.reason };
      else if (outcome.value.status !== 'ok')
        p.outcome = { status: outcome.value.status, reason: outcome.value.reason };
      else {
        p.samples.push(...outcome.value.samples);
        p.loss = outcome.value.loss;
      }
    }
  }
  const rate = (p: Planned): SamplesPerSecond => samplesPerSecond(p.samples, p.input.batch * p.input.steps);
  return cases.map((p) => {
    const base = {
      workload: 'oversubscription',
      strategy: p.strategy,
      backend: p.input.backend,
      parameters: p.parameters,
      unit: 'ms',
    };
    if (p.outcome !== undefined) return unmeasuredCase(p.outcome.status, base, p.outcome.reason);
    if (p.crashes > 0) {
      const reason = `${p.crashReason as string}; crashed in ${p.crashes} of ${rounds} round${rounds === 1 ? '' : 's'}`;
      return crashedCase(
        {
          ...base,
          samples: p.samples,
          metrics: p.samples.length === 0 ? {} : { ...rate(p), trainLoss: p.loss, cores },
        },
        reason,
        p.crashes,
        rounds,
      );
    }
    const measured = (c: Planned) => c.outcome === undefined && c.crashes === 0;
    const main = cases.find(
      (c) => c.input.backend === p.input.backend && c.input.threads === p.input.threads && c.input.workers === 0,
    );
    const mainRate = main !== undefined && measured(main) ? rate(main).samplesPerSecond : undefined;
    const mains = cases.filter((c) => c.input.backend === p.input.backend && c.input.workers === 0 && measured(c));
    const bestMainRate = mains.length === 0 ? undefined : Math.max(...mains.map((c) => rate(c).samplesPerSecond));
    const own = rate(p);
    return okCase({
      ...base,
      samples: p.samples,
      metrics: {
        ...own,
        ...(mainRate === undefined || p.input.workers === 0
          ? {}
          : { speedupOverMain: own.samplesPerSecond / mainRate }),
        ...(bestMainRate === undefined || p.input.workers === 0
          ? {}
          : { speedupOverBestMain: own.samplesPerSecond / bestMainRate }),
        trainLoss: p.loss,
        cores,
      },
    });
  });
}

/**
 * Creates the `oversubscription` workload. For each backend thread count T (libtensorflow's intra-op threads, set
 * as `TF_NUM_INTRAOP_THREADS` in a child process of this runtime) it measures the main thread alone (the baseline)
 * and data-parallel training over N workers of each `--pools` pool (worker threads of one process, or child
 * processes each with its own libtensorflow of T threads), each worker loading the native backend, on batches of
 * MNIST. Samples are ms per `steps` training steps; metrics are samples/s, the speed-up over the same T's main
 * thread and over the fastest main thread of any T (the best single-process configuration), and the threads per
 * core. A child that crashes natively, or whose worker threads sharing one libtensorflow raise a libtensorflow
 * error (tfjs-node in several worker threads is reported to crash upstream, tfjs #8388), is counted and measured
 * again next round: a case with any crash is `crashed` (a measurement: its crash rate over the rounds, the reason,
 * and the samples of the rounds that completed). A child that fails otherwise
 * or runs past `--child-timeout` is a failed case with the reason. Without the native backend its cases
 * are skipped with the probe's reason; wasm cases are skipped where its threads do not run (Node, tfjs 4.22).
 */
export function createOversubscriptionWorkload(options: OversubscriptionWorkloadOptions = {}): Workload {
  const script = options.childScript ?? fileURLToPath(new URL('./oversubscription-child.js', import.meta.url));
  const probe = options.probe ?? (() => probeBackend('tensorflow'));
  return defineWorkload({
    name: 'oversubscription',
    question: 'What happens when workers and a multi-threaded backend compete for the cores?',
    options: OVERSUBSCRIPTION_OPTIONS,
    async run(context) {
      const cores = os.availableParallelism();
      const cases = plan(context, cores);
      const native = cases.some((c) => c.input.backend === 'tensorflow') ? await probe() : undefined;
      if (native !== undefined && native.status !== 'available') {
        const reason = `tensorflow backend ${native.status}: ${native.reason ?? 'no reason given'}`;
        for (const c of cases) if (c.input.backend === 'tensorflow') c.outcome = { status: 'skipped', reason };
      }
      const library = libtensorflowVersion(native);
      if (library !== undefined)
        for (const c of cases) if (c.input.backend === 'tensorflow') c.parameters['libtensorflow'] = library;
      return measure(context, cases, script, cores);
    },
  });
}

/** The `oversubscription` workload with the built child script. */
export const oversubscriptionWorkload: Workload = createOversubscriptionWorkload();
