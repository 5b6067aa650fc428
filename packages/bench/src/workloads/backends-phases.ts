/**
 * @module backends-phases — how the `backends` workload times one operation and turns the times into a case, in any
 * runtime: the three phases of tfjs's e2e benchmarks (the first run: kernel compilation, backend initialisation,
 * first allocation; warm-up runs; the steady state), GFLOP/s and the fraction of the fp32 peak, samples/s.
 */
import { platform } from '@weft/core/adapter';
import { okCase, summarize, unmeasuredCase, type CaseResult, type ParameterValue } from '@weft/core/study';
import {
  AVX2_FMA_FLOPS_PER_CYCLE,
  AVX512_FMA_FLOPS_PER_CYCLE,
  gflopsPerSecond,
  peakGflops,
  type PeakInputs,
} from './backends-flops.js';

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
    Object.assign(metrics, {
      gflops,
      gflopsP10: gflopsPerSecond(spec.flops, steady.p90),
      gflopsP90: gflopsPerSecond(spec.flops, steady.p10),
    });
    const peak = spec.peak?.inputs === undefined ? 0 : peakGflops(spec.peak.threads, spec.peak.inputs.clockMhz);
    if (peak > 0) Object.assign(metrics, { peakGflops: peak, peakFraction: gflops / peak });
  }
  if (spec.samplesPerRun !== undefined) {
    const rate = (ms: number) => (ms > 0 ? spec.samplesPerRun! / (ms / 1000) : 0);
    Object.assign(metrics, {
      samplesPerSecond: rate(steady.median),
      samplesPerSecondP10: rate(steady.p90),
      samplesPerSecondP90: rate(steady.p10),
    });
  }
  const parameters = spec.peak === undefined ? spec.parameters : { ...spec.parameters, threads: spec.peak.threads };
  return okCase({
    workload: BACKENDS_WORKLOAD,
    strategy: spec.strategy,
    backend: spec.backend,
    parameters,
    unit: 'ms',
    samples: phases.steadyMs,
    metrics,
  });
}

/**
 * The machine's theoretical fp32 peak as a case (one value, not measured), with the formula's inputs as parameters
 * and the single-core and all-core peaks as metrics (and the AVX-512 ones where the CPU reports `avx512f`);
 * `skipped` when the clock is unknown.
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
  if (!(inputs.clockMhz > 0))
    return unmeasuredCase(
      'skipped',
      identity,
      'the CPU clock is unknown here (no /proc/cpuinfo "cpu MHz", no os.cpus speed)',
    );
  const all = peakGflops(inputs.cores, inputs.clockMhz);
  const metrics: Record<string, number> = { singleCoreGflops: peakGflops(1, inputs.clockMhz), allCoreGflops: all };
  if (/\bavx512f\b/.test(inputs.simd ?? '')) {
    metrics['avx512SingleCoreGflops'] = peakGflops(1, inputs.clockMhz, AVX512_FMA_FLOPS_PER_CYCLE);
    metrics['avx512AllCoreGflops'] = peakGflops(inputs.cores, inputs.clockMhz, AVX512_FMA_FLOPS_PER_CYCLE);
  }
  return okCase({ ...identity, unit: 'GFLOP/s', samples: [all], metrics });
}
