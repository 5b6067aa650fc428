/**
 * @module step-timings — where a data-parallel training step's wall time goes: the slowest part's kernels and
 * read-backs as the part measured them, and the coordinator's own phases (preparing the inputs, dispatching and
 * waiting, combining, the optimiser), as per-step means.
 */

/**
 * What one part measured of its own work, in ms on its own clock. Kernel times are exact on the synchronous
 * backends (cpu, wasm, tensorflow); on asynchronous ones (webgl, webgpu) the kernels finish inside the read-back.
 */
export interface PartTimings {
  /** Forward kernels, loss included (and the upload of the weights and rows into the backend). */
  forwardMs: number;
  /** Backward kernels (the gradients). */
  backwardMs: number;
  /** Reading values back from the backend into JavaScript arrays. */
  readbackMs: number;
  /** The whole part task, from its first line to its answer (rows gathered, tensors made, the rest). */
  totalMs: number;
}

/** A step's wall time taken apart, in ms: every field a per-step mean over the steps measured. */
export interface StepTimings {
  /** How many steps the means are over. */
  readonly steps: number;
  /** The whole step on the coordinator. */
  readonly stepMs: number;
  /** The slowest part's forward kernels. */
  readonly forwardMs: number;
  /** The slowest part's backward kernels. */
  readonly backwardMs: number;
  /** The slowest part's read-backs. */
  readonly readbackMs: number;
  /** The slowest part's time outside kernels and read-backs (gathering rows, making tensors). */
  readonly partOtherMs: number;
  /** Preparing the parts' inputs on the coordinator (picking or slicing rows, copying weights out). */
  readonly prepareMs: number;
  /**
   * From dispatch until the last part answered, less the slowest part's own time: messaging, cloning weights, rows
   * and gradients, queueing, and waiting for a worker.
   */
  readonly dispatchMs: number;
  /** Summing the parts' gradients, losses and metrics. */
  readonly combineMs: number;
  /** The optimiser step. */
  readonly optimiserMs: number;
}

/** The phases a step records (every {@link StepTimings} field but `steps`). */
export type StepPhase = Exclude<keyof StepTimings, 'steps'>;

/** Every {@link StepPhase}, step first, then in the order a step runs through them. */
export const STEP_PHASES: readonly StepPhase[] = [
  'stepMs',
  'prepareMs',
  'forwardMs',
  'backwardMs',
  'readbackMs',
  'partOtherMs',
  'dispatchMs',
  'combineMs',
  'optimiserMs',
];

/** Sums of step phases, read back as per-step means. */
export interface TimingTotals {
  /** Adds one step's phases. */
  add(step: Readonly<Record<StepPhase, number>>): void;
  /** Per-step means of every step added so far, or undefined before the first. */
  mean(): StepTimings | undefined;
}

/** Creates empty {@link TimingTotals}. */
export function createTimingTotals(): TimingTotals {
  const sums = Object.fromEntries(STEP_PHASES.map((p) => [p, 0])) as Record<StepPhase, number>;
  let steps = 0;
  return {
    add(step) {
      for (const p of STEP_PHASES) sums[p] += step[p];
      steps += 1;
    },
    mean() {
      if (steps === 0) return undefined;
      return {
        steps,
        ...(Object.fromEntries(STEP_PHASES.map((p) => [p, sums[p] / steps])) as Record<StepPhase, number>),
      };
    },
  };
}

/** Weft's own share of a step: everything that is not a kernel (forward or backward), as a fraction of the step. */
export function overheadShare(t: StepTimings): number {
  return t.stepMs > 0 ? Math.max(0, 1 - (t.forwardMs + t.backwardMs) / t.stepMs) : 0;
}

/** The timings as flat metrics for a results case: every phase by its name, and `overheadShare`. */
export function stepMetrics(t: StepTimings): Record<StepPhase | 'overheadShare', number> {
  return {
    ...(Object.fromEntries(STEP_PHASES.map((p) => [p, t[p]])) as Record<StepPhase, number>),
    overheadShare: overheadShare(t),
  };
}
