/**
 * @module backends-measure — how the `backends` workload measures one tfjs backend, in any runtime (Node, Deno, Bun
 * and the browser page share it; each selects its backend and brings `tf`, the digits and tfjs-layers).
 *
 * Every case is timed in the three phases of tfjs's e2e benchmarks: the first run (kernel compilation, backend
 * initialisation, first allocation), warm-up runs, and the steady state. Every timed run reads its result back to
 * JavaScript (`data()`, `dataSync()` or the loss of `trainOnBatch`), so no backend is credited for work it has only
 * queued.
 */
import type * as tfl from '@tensorflow/tfjs-layers';
import {
  computeGradients,
  createAdam,
  initialWeights,
  isWeftError,
  okCase,
  platform,
  summarize,
  unmeasuredCase,
  type CaseResult,
  type LabelledData,
  type ModelSpec,
  type ParameterValue,
  type Tfjs,
} from '@weft/core';
import type { WorkloadContext } from '../workload.js';
import {
  AVX2_FMA_FLOPS_PER_CYCLE,
  conv2dFlops,
  gflopsPerSecond,
  matMulFlops,
  peakGflops,
  type Conv2dShape,
  type PeakInputs,
} from './backends-flops.js';

/** The tfjs-layers API the CNN case uses (`import * as tfl from '@tensorflow/tfjs-layers'`). */
export type TfjsLayers = typeof tfl;

/** The workload's name, as written in every case. */
export const BACKENDS_WORKLOAD = 'backends';

/** The measured operations: matMul n×n, one conv2d, one training step of the MLP and of the small CNN. */
export type BackendOp = 'matMul' | 'conv2d' | 'mlp-train-step' | 'cnn-train-step';

/** Every {@link BackendOp}, in the order they run. */
export const BACKEND_OPS: readonly BackendOp[] = ['matMul', 'conv2d', 'mlp-train-step', 'cnn-train-step'];

/** How many runs each phase gets. */
export interface PhasePlan {
  /** Warm-up runs after the first at most; the warm-up stops early (after at least one) once it took `budgetMs`. */
  readonly warmup: number;
  /** Steady-state runs at most. */
  readonly samples: number;
  /**
   * The steady state stops early once it has {@link MIN_STEADY_SAMPLES} runs and took longer than this; the warm-up
   * likewise after one run. Slow cases (the `cpu` backend at n = 1024) then cost a few runs, not minutes.
   */
  readonly budgetMs: number;
}

/** The steady state's fewest runs, whatever the time budget. */
export const MIN_STEADY_SAMPLES = 3;

/** The three phases' durations in ms. */
export interface Phases {
  readonly firstMs: number;
  readonly warmupMs: readonly number[];
  readonly steadyMs: readonly number[];
}

/** Runs `step` once (first run), up to `plan.warmup` times (warm-up), then up to `plan.samples` times (steady state). */
export async function measurePhases(step: () => unknown, plan: PhasePlan): Promise<Phases> {
  const time = async (): Promise<number> => {
    const start = platform.now();
    await step();
    return platform.now() - start;
  };
  const firstMs = await time();
  const warmupMs: number[] = [];
  const warming = platform.now();
  while (warmupMs.length < plan.warmup) {
    warmupMs.push(await time());
    if (platform.now() - warming > plan.budgetMs) break;
  }
  const steadyMs: number[] = [];
  const started = platform.now();
  while (steadyMs.length < plan.samples) {
    steadyMs.push(await time());
    if (steadyMs.length >= MIN_STEADY_SAMPLES && platform.now() - started > plan.budgetMs) break;
  }
  return { firstMs, warmupMs, steadyMs };
}

/** The peak a case is compared with: one core for single-threaded backends, all cores for multi-threaded ones. */
export interface PeakBasis {
  /** Threads the backend computes with (1 for `cpu` and single-threaded `wasm`). */
  readonly threads: number;
  /** The CPU's peak inputs; undefined where the backend computes on a GPU (no CPU peak applies). */
  readonly inputs?: PeakInputs;
}

/** What a case needs besides its phases. */
export interface BackendCaseSpec {
  readonly strategy: BackendOp;
  readonly backend: string;
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  /** Floating-point operations per run (matMul, conv2d): adds GFLOP/s and the fraction of the peak. */
  readonly flops?: number;
  /** Training samples per run (training steps): adds samples/s. */
  readonly samplesPerRun?: number;
  readonly peak?: PeakBasis;
}

/**
 * The case of one operation on one backend: samples are the steady-state ms per run (readback included); metrics
 * carry the first run, the warm-up's median, p10 and p90 and count, and the throughput at the steady state's
 * median, p10 and p90 (GFLOP/s and its fraction of the peak, or samples/s).
 */
export function backendCase(spec: BackendCaseSpec, phases: Phases): CaseResult {
  const steady = summarize(phases.steadyMs);
  const metrics: Record<string, number> = { firstRunMs: phases.firstMs, warmupRuns: phases.warmupMs.length };
  if (phases.warmupMs.length > 0) {
    const warm = summarize(phases.warmupMs);
    Object.assign(metrics, { warmupMedianMs: warm.median, warmupP10Ms: warm.p10, warmupP90Ms: warm.p90 });
  }
  if (spec.flops !== undefined) {
    // The slowest runs (p90 ms) give the low end of the throughput, the fastest (p10 ms) its high end.
    const gflops = gflopsPerSecond(spec.flops, steady.median);
    Object.assign(metrics, { gflops, gflopsP10: gflopsPerSecond(spec.flops, steady.p90), gflopsP90: gflopsPerSecond(spec.flops, steady.p10) });
    const peak = spec.peak?.inputs === undefined ? 0 : peakGflops(spec.peak.threads, spec.peak.inputs.clockMhz);
    if (peak > 0) Object.assign(metrics, { peakGflops: peak, peakFraction: gflops / peak });
  }
  if (spec.samplesPerRun !== undefined) {
    const rate = (ms: number) => (ms > 0 ? spec.samplesPerRun! / (ms / 1000) : 0);
    Object.assign(metrics, { samplesPerSecond: rate(steady.median), samplesPerSecondP10: rate(steady.p90), samplesPerSecondP90: rate(steady.p10) });
  }
  const parameters = spec.peak === undefined ? spec.parameters : { ...spec.parameters, threads: spec.peak.threads };
  return okCase({ workload: BACKENDS_WORKLOAD, strategy: spec.strategy, backend: spec.backend, parameters, unit: 'ms', samples: phases.steadyMs, metrics });
}

/**
 * The machine's theoretical fp32 peak as a case (one value, not measured), with the formula's inputs as parameters
 * and the single-core and all-core peaks as metrics; `skipped` when the clock is unknown.
 */
export function peakCase(inputs: PeakInputs): CaseResult {
  const identity = {
    workload: BACKENDS_WORKLOAD,
    strategy: 'theoretical-peak',
    parameters: {
      cores: inputs.cores,
      clockMhz: Math.round(inputs.clockMhz),
      clockSource: inputs.clockSource,
      flopsPerCycle: AVX2_FMA_FLOPS_PER_CYCLE,
      formula: 'cores × GHz × 32',
      ...(inputs.simd === undefined ? {} : { simd: inputs.simd }),
    },
  };
  if (!(inputs.clockMhz > 0)) return unmeasuredCase('skipped', identity, 'the CPU clock is unknown here (no /proc/cpuinfo "cpu MHz", no os.cpus speed)');
  const all = peakGflops(inputs.cores, inputs.clockMhz);
  return okCase({ ...identity, unit: 'GFLOP/s', samples: [all], metrics: { singleCoreGflops: peakGflops(1, inputs.clockMhz), allCoreGflops: all } });
}

/** One operation ready to run: `run` computes and reads back once; `dispose` frees what `prepare` made. */
export interface PreparedOp {
  run(): unknown;
  dispose(): void;
}

/** The settings every case of one backend shares. */
export interface BackendPlan {
  /** matMul sizes n (n×n by n×n). */
  readonly sizes: readonly number[];
  readonly conv: Conv2dShape;
  /** Rows per training step. */
  readonly batch: number;
  readonly ops: readonly BackendOp[];
  readonly phases: PhasePlan;
  /** A case that has not finished after this long is `failed` (a hang never stops the run). */
  readonly caseTimeoutMs: number;
  readonly seed: number;
}

/** The conv2d every runtime measures: batch × 28×28×32 → 3×3×64 filters, stride 1, `same` padding. */
export function conv2dShape(batch: number): Conv2dShape {
  return { batch, height: 28, width: 28, inChannels: 32, filterSize: 3, outChannels: 64 };
}

/** The plan every backend shares, from the workload's options. */
export function backendPlan(options: WorkloadContext['options']): BackendPlan {
  return {
    sizes: options['sizes'] as readonly number[],
    conv: conv2dShape(options['conv-batch'] as number),
    batch: options['batch'] as number,
    ops: options['ops'] as readonly BackendOp[],
    phases: { warmup: options['warmup'] as number, samples: options['samples'] as number, budgetMs: options['budget-ms'] as number },
    caseTimeoutMs: (options['case-timeout-s'] as number) * 1000,
    seed: options['seed'] as number,
  };
}

/** What the runtime brings: the selected backend's tfjs, the digits, the MLP spec, tfjs-layers and the peak basis. */
export interface BackendEnvironment {
  readonly tf: Tfjs;
  readonly backend: string;
  /** A batch of MNIST digits (at least `plan.batch` rows, 784 features scaled to [0, 1]). */
  readonly digits: LabelledData;
  readonly mlp: ModelSpec;
  /** tfjs-layers with gradients registered, or why it is unavailable here. */
  readonly layers: TfjsLayers | string;
  readonly peak: PeakBasis;
  /** The backend's own version (`tfjs-node 4.22.0, libtensorflow 2.21.0`), recorded with every case it measures. */
  readonly version?: string;
  progress(message: string): void;
}

/** Kernels a CNN training step needs beyond the forward pass; a backend without one cannot train the CNN. */
export const CNN_GRADIENT_KERNELS: readonly string[] = ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad'];

function rowsOf(digits: LabelledData, batch: number): LabelledData {
  const rows = Math.min(batch, digits.rows);
  return { x: digits.x.subarray(0, rows * digits.features), labels: digits.labels.subarray(0, rows), rows, features: digits.features };
}

function prepareMatMul(tf: Tfjs, n: number, seed: number): PreparedOp {
  const a = tf.randomUniform([n, n], -1, 1, 'float32', seed);
  const b = tf.randomUniform([n, n], -1, 1, 'float32', seed + 1);
  return {
    async run() {
      const c = tf.matMul(a, b);
      await c.data();
      c.dispose();
    },
    dispose: () => tf.dispose([a, b]),
  };
}

function prepareConv2d(tf: Tfjs, s: Conv2dShape, seed: number): PreparedOp {
  const x = tf.randomUniform([s.batch, s.height, s.width, s.inChannels], -1, 1, 'float32', seed);
  const filter = tf.randomUniform([s.filterSize, s.filterSize, s.inChannels, s.outChannels], -1, 1, 'float32', seed + 1);
  return {
    async run() {
      const y = tf.conv2d(x as import('@tensorflow/tfjs-core').Tensor4D, filter as import('@tensorflow/tfjs-core').Tensor4D, 1, 'same');
      await y.data();
      y.dispose();
    },
    dispose: () => tf.dispose([x, filter]),
  };
}

/** One data-parallel trainer step on one thread: Weft's gradients of the MLP (read back), then Adam in JavaScript. */
function prepareMlpStep(tf: Tfjs, spec: ModelSpec, digits: LabelledData): PreparedOp {
  const weights = initialWeights(spec);
  const gradients = new Float32Array(weights.length);
  const adam = createAdam(weights.length, { learningRate: 1e-3 });
  return {
    run() {
      computeGradients(tf, spec, weights, digits.x, digits.labels, gradients);
      adam.step(weights, gradients);
    },
    dispose: () => undefined,
  };
}

/** The small CNN: conv 3×3×8 → max-pool 2 → conv 3×3×16 → max-pool 2 → dense 10 (softmax), on 28×28×1 digits. */
export function buildCnn(tf: Tfjs, layers: TfjsLayers, seed: number): import('@tensorflow/tfjs-layers').LayersModel {
  const init = (offset: number) => layers.initializers.glorotUniform({ seed: seed + offset });
  const model = layers.sequential({
    layers: [
      layers.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, activation: 'relu', kernelInitializer: init(0) }),
      layers.layers.maxPooling2d({ poolSize: 2 }),
      layers.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu', kernelInitializer: init(1) }),
      layers.layers.maxPooling2d({ poolSize: 2 }),
      layers.layers.flatten(),
      layers.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: init(2) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  return model;
}

/** One `trainOnBatch` step of the small CNN (the digits uploaded each step, the loss read back). */
function prepareCnnStep(tf: Tfjs, layers: TfjsLayers, digits: LabelledData, seed: number): PreparedOp {
  const model = buildCnn(tf, layers, seed);
  return {
    async run() {
      const xs = tf.tensor4d(digits.x, [digits.rows, 28, 28, 1], 'float32');
      const ys = tf.oneHot(tf.tensor1d(digits.labels, 'int32'), 10);
      try {
        await model.trainOnBatch(xs, ys);
      } finally {
        tf.dispose([xs, ys]);
      }
    },
    dispose: () => model.dispose(),
  };
}

/** Why the CNN cannot train on this backend, or undefined when it can. */
function cnnUnsupported(env: BackendEnvironment): string | undefined {
  if (typeof env.layers === 'string') return env.layers;
  const missing = CNN_GRADIENT_KERNELS.filter((k) => env.tf.getKernel(k, env.tf.getBackend()) === undefined);
  if (missing.length > 0) return `the ${env.backend} backend has no ${missing.join(', ')} kernel (tfjs ${env.tf.version_core}): it cannot train a CNN`;
  return undefined;
}

/** Rejects with `TIMEOUT`-like text when `promise` has not settled after `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Why a case did not run or broke, as a one-line reason. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message.split('\n')[0]}` : String(error);
}

/** The case specs of one backend, each with how to prepare it (undefined: skipped, with the reason). */
function casesOf(env: BackendEnvironment, plan: BackendPlan): Array<{ spec: BackendCaseSpec; prepare: (() => PreparedOp) | string }> {
  const { tf, backend } = env;
  const out: Array<{ spec: BackendCaseSpec; prepare: (() => PreparedOp) | string }> = [];
  const digits = rowsOf(env.digits, plan.batch);
  for (const op of plan.ops) {
    if (op === 'matMul') {
      for (const n of plan.sizes) {
        out.push({ spec: { strategy: op, backend, parameters: { n }, flops: matMulFlops(n), peak: env.peak }, prepare: () => prepareMatMul(tf, n, plan.seed) });
      }
    } else if (op === 'conv2d') {
      const c = plan.conv;
      const parameters = { batch: c.batch, input: `${c.height}×${c.width}×${c.inChannels}`, filter: `${c.filterSize}×${c.filterSize}×${c.outChannels}`, padding: 'same' };
      out.push({ spec: { strategy: op, backend, parameters, flops: conv2dFlops(c), peak: env.peak }, prepare: () => prepareConv2d(tf, c, plan.seed) });
    } else if (op === 'mlp-train-step') {
      const parameters = { model: `mlp ${env.mlp.layers.join('-')}`, batch: digits.rows, threads: env.peak.threads };
      out.push({ spec: { strategy: op, backend, parameters, samplesPerRun: digits.rows }, prepare: () => prepareMlpStep(tf, env.mlp, digits) });
    } else {
      const parameters = { model: 'cnn c8-p2-c16-p2-d10', batch: digits.rows, threads: env.peak.threads };
      const why = cnnUnsupported(env);
      out.push({ spec: { strategy: op, backend, parameters, samplesPerRun: digits.rows }, prepare: why ?? (() => prepareCnnStep(tf, env.layers as TfjsLayers, digits, plan.seed)) });
    }
  }
  return out;
}

/**
 * Measures every operation of `plan` on the backend `env.tf` has selected. A case that cannot run here is
 * `skipped` with the reason; one that throws or outlives `plan.caseTimeoutMs` is `failed`; the rest still run.
 */
export async function measureBackend(env: BackendEnvironment, plan: BackendPlan): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const { spec: bare, prepare } of casesOf(env, plan)) {
    const spec = env.version === undefined ? bare : { ...bare, parameters: { ...bare.parameters, version: env.version } };
    const identity = { workload: BACKENDS_WORKLOAD, strategy: spec.strategy, backend: spec.backend, parameters: spec.parameters, unit: 'ms' };
    if (typeof prepare === 'string') {
      results.push(unmeasuredCase('skipped', identity, prepare));
      continue;
    }
    env.progress(`backends: ${spec.backend} ${spec.strategy} ${Object.values(bare.parameters).join(' ')}`);
    let op: PreparedOp | undefined;
    try {
      op = prepare();
      const phases = await within(measurePhases(() => (op as PreparedOp).run(), plan.phases), plan.caseTimeoutMs, `${spec.backend} ${spec.strategy}`);
      results.push(backendCase(spec, phases));
    } catch (error) {
      results.push(unmeasuredCase(isWeftError(error, 'UNSUPPORTED') ? 'skipped' : 'failed', identity, reasonOf(error)));
    } finally {
      try {
        op?.dispose();
      } catch {
        // A backend that broke may not free its tensors; the next case starts from fresh ones.
      }
    }
  }
  return results;
}
