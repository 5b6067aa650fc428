/**
 * @module backends-measure — how the `backends` workload measures one tfjs backend, in any runtime (Node, Deno, Bun
 * and the browser page share it; each selects its backend and brings `tf`, the digits and tfjs-layers): the plan
 * from the options, every operation prepared, timed in three phases and turned into a case; a case that cannot run
 * is skipped with the reason, one that breaks or hangs is failed.
 */
import { isWeftError, type LabelledData, type ModelSpec, type Tfjs } from '@weft/core';
import { unmeasuredCase, type CaseResult } from '@weft/core/study';
import { conv2dFlops, matMulFlops, type Conv2dShape } from './backends-flops.js';
import {
  cnnUnsupportedReason,
  prepareCnnStep,
  prepareConv2d,
  prepareMatMul,
  prepareMlpStep,
  rowsOf,
  type PreparedOp,
  type TfjsLayers,
} from './backends-ops.js';
import {
  BACKENDS_WORKLOAD,
  backendCase,
  measurePhases,
  type BackendCaseSpec,
  type BackendOp,
  type PeakBasis,
  type PhasePlan,
} from './backends-phases.js';

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

/** The options {@link backendPlan} reads, as the `backends` workload parses them. */
export interface BackendPlanOptions {
  readonly sizes: readonly number[];
  readonly 'conv-batch': number;
  readonly batch: number;
  readonly ops: readonly BackendOp[];
  readonly warmup: number;
  readonly samples: number;
  readonly 'budget-ms': number;
  readonly 'case-timeout-s': number;
  readonly seed: number;
}

/** The plan every backend shares, from the workload's options. */
export function backendPlan(options: BackendPlanOptions): BackendPlan {
  return {
    sizes: options.sizes,
    conv: conv2dShape(options['conv-batch']),
    batch: options.batch,
    ops: options.ops,
    phases: { warmup: options.warmup, samples: options.samples, budgetMs: options['budget-ms'] },
    caseTimeoutMs: options['case-timeout-s'] * 1000,
    seed: options.seed,
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

/** Why the CNN cannot train on this backend, or undefined when it can. */
function cnnUnsupported(env: BackendEnvironment): string | undefined {
  if (typeof env.layers === 'string') return env.layers;
  return cnnUnsupportedReason(env.tf, env.backend);
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
  return error instanceof Error
    ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message.split('\n')[0]}`
    : String(error);
}

/** The case specs of one backend, each with how to prepare it (undefined: skipped, with the reason). */
function casesOf(
  env: BackendEnvironment,
  plan: BackendPlan,
): Array<{ spec: BackendCaseSpec; prepare: (() => PreparedOp) | string }> {
  const { tf, backend } = env;
  const out: Array<{ spec: BackendCaseSpec; prepare: (() => PreparedOp) | string }> = [];
  const digits = rowsOf(env.digits, plan.batch);
  for (const op of plan.ops) {
    if (op === 'matMul') {
      for (const n of plan.sizes) {
        out.push({
          spec: { strategy: op, backend, parameters: { n }, flops: matMulFlops(n), peak: env.peak },
          prepare: () => prepareMatMul(tf, n, plan.seed),
        });
      }
    } else if (op === 'conv2d') {
      const c = plan.conv;
      const parameters = {
        batch: c.batch,
        input: `${c.height}×${c.width}×${c.inChannels}`,
        filter: `${c.filterSize}×${c.filterSize}×${c.outChannels}`,
        padding: 'same',
      };
      out.push({
        spec: { strategy: op, backend, parameters, flops: conv2dFlops(c), peak: env.peak },
        prepare: () => prepareConv2d(tf, c, plan.seed),
      });
    } else if (op === 'mlp-train-step') {
      const parameters = { model: `mlp ${env.mlp.layers.join('-')}`, batch: digits.rows, threads: env.peak.threads };
      out.push({
        spec: { strategy: op, backend, parameters, samplesPerRun: digits.rows },
        prepare: () => prepareMlpStep(tf, env.mlp, digits),
      });
    } else {
      const parameters = { model: 'cnn c8-p2-c16-p2-d10', batch: digits.rows, threads: env.peak.threads };
      const why = cnnUnsupported(env);
      out.push({
        spec: { strategy: op, backend, parameters, samplesPerRun: digits.rows },
        prepare: why ?? (() => prepareCnnStep(tf, env.layers as TfjsLayers, digits, plan.seed)),
      });
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
    const spec =
      env.version === undefined ? bare : { ...bare, parameters: { ...bare.parameters, version: env.version } };
    const identity = {
      workload: BACKENDS_WORKLOAD,
      strategy: spec.strategy,
      backend: spec.backend,
      parameters: spec.parameters,
      unit: 'ms',
    };
    if (typeof prepare === 'string') {
      results.push(unmeasuredCase('skipped', identity, prepare));
      continue;
    }
    env.progress(`backends: ${spec.backend} ${spec.strategy} ${Object.values(bare.parameters).join(' ')}`);
    let op: PreparedOp | undefined;
    try {
      op = prepare();
      const phases = await within(
        measurePhases(() => (op as PreparedOp).run(), plan.phases),
        plan.caseTimeoutMs,
        `${spec.backend} ${spec.strategy}`,
      );
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
