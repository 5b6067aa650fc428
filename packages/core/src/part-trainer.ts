/**
 * @module part-trainer — the engine under every data-parallel trainer: splits a global batch over N part tasks on an
 * executor, moves weights and gradients by copy, transfer or shared memory, combines the parts' gradients, losses
 * and metrics weighted by shard size (so N parts compute the full-batch values), then hands the gradient to the
 * trainer's optimiser. What a part computes (which model, which loss) travels in the trainer's `payload`.
 */
import { WeftError } from './errors.js';
import type { Executor } from './executor.js';
import { platform, type AbortSignalLike } from './platform.js';
import { createTimingTotals, type PartTimings, type StepTimings } from './step-timings.js';
import type { TaskRef, TransferItem } from './task.js';

/** Per-row targets: one class index per row (`Int32Array`), or `width` values per row (`Float32Array`). */
export type Targets = Int32Array | Float32Array;

/** Rows and their targets: `x` holds `rows × features` values row-major, `labels` `rows × width` targets. */
export interface TrainingRows<L extends Targets = Targets> {
  readonly x: Float32Array;
  readonly labels: L;
  readonly rows: number;
  readonly features: number;
}

/** How gradients and weights move between the trainer and its parts. */
export type Exchange = 'copy' | 'transfer' | 'shared';

/** Every {@link Exchange}, in the order the study reports them. */
export const EXCHANGES: readonly Exchange[] = ['copy', 'transfer', 'shared'];

/**
 * The rows a part works on: either sent with the task (`rows`), or picked by index from a dataset that lives in
 * `SharedArrayBuffer`s (`indices`; the dataset is shared with the worker, not copied, so only the indices travel).
 */
export type RowsOf<L extends Targets> =
  | { readonly kind: 'rows'; readonly x: Float32Array; readonly labels: L }
  | { readonly kind: 'indices'; readonly x: Float32Array; readonly labels: L; readonly indices: Int32Array };

/** What every part task receives besides the trainer's payload. */
export interface PartExchange<L extends Targets = Targets> {
  readonly exchange: Exchange;
  /** Current weights: the part's own copy (`copy`, `transfer`) or a view on the shared weights (`shared`). */
  readonly weights: Float32Array;
  /** `shared` only: this part's gradient slot, a view on shared memory that the part writes in place. */
  readonly gradients?: Float32Array;
  readonly rows: RowsOf<L>;
}

/** What a part task answers. */
export interface PartOutput {
  /** Mean loss over the part's rows. */
  readonly loss: number;
  /** How many rows the part used. */
  readonly rows: number;
  /** Mean gradient over the part's rows (absent with `shared`, where it is in the slot, and when evaluating). */
  readonly gradients?: Float32Array;
  /** Means of the trainer's metrics over the part's rows, in the trainer's order (absent when it has none). */
  readonly metrics?: readonly number[];
  /** What the part measured of its own work (absent where the part does not time itself). */
  readonly timings?: PartTimings;
}

/** A batch's combined values: mean loss and mean metrics over all its rows. */
export interface BatchResult {
  readonly loss: number;
  readonly metrics: readonly number[];
}

/** Options of {@link createPartTrainer}. */
export interface PartTrainerOptions<P, L extends Targets> {
  readonly executor: Executor;
  readonly task: TaskRef<P & PartExchange<L>, PartOutput>;
  /** What every part input carries besides the exchange (the model, the backend, …). */
  readonly payload: P;
  /** The training set that `step(indices)` picks rows from; shared with the parts when the executor shares memory. */
  readonly data?: TrainingRows<L>;
  /** Values per row of `x`. */
  readonly features: number;
  /** How many parts each global batch is split over. */
  readonly parts: number;
  readonly exchange: Exchange;
  /** Starting weights; copied, never modified. */
  readonly weights: Float32Array;
  /** How many leading weights have gradients (the trainable ones); the rest only travel to the parts. */
  readonly gradientCount: number;
  /** Applies one combined gradient to `weights` in place (the optimiser step). */
  readonly apply: (weights: Float32Array, gradients: Float32Array) => void | Promise<void>;
  /** Time limit of each part task, in ms. */
  readonly timeoutMs?: number;
}

/** A part trainer (see {@link createPartTrainer}). */
export interface PartTrainer<P, L extends Targets> {
  readonly parts: number;
  readonly exchange: Exchange;
  /** `indices` when parts pick their rows from a shared dataset, `rows` when rows are sent with each task. */
  readonly dataPath: 'indices' | 'rows';
  /** Optimiser steps applied so far. */
  readonly steps: number;
  /** The live weights (a view the trainer keeps updating; copy it to keep a snapshot). */
  readonly current: Float32Array;
  /** One optimiser step on the rows of `data` at `indices`. */
  step(indices: Int32Array, signal?: AbortSignalLike): Promise<BatchResult>;
  /** One optimiser step on rows given with the call (`x`: `rows × features`, `labels`: `rows × width`). */
  stepRows(x: Float32Array, labels: L, signal?: AbortSignalLike): Promise<BatchResult>;
  /** Loss and metrics of the current weights on the given rows, computed by the parts with `extra` in their input. */
  measureRows(x: Float32Array, labels: L, extra: Partial<P>, signal?: AbortSignalLike): Promise<BatchResult>;
  /**
   * Where the training steps' time went so far: per-step means over every completed step (failed ones are not
   * counted); the kernel and read-back phases come from parts that time themselves. Undefined before the first step.
   */
  stepTimings(): StepTimings | undefined;
}

/** Sizes of `parts` near-equal slices of `total` (the first `total % parts` get one more); empty slices dropped. */
export function splitSizes(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  const extra = total % parts;
  const sizes: number[] = [];
  for (let i = 0; i < parts; i += 1) {
    const n = base + (i < extra ? 1 : 0);
    if (n > 0) sizes.push(n);
  }
  return sizes;
}

/** A buffer {@link gatherRows} may reuse for the rows it copies, kept by the caller between calls (grown as needed). */
export interface RowScratch {
  x?: Float32Array;
}

/**
 * The rows a part works on as plain arrays: `rows` itself when they were sent, else copies of the rows at its
 * indices (`features` values and `labels.length / rows` targets per row). With `scratch`, the copied rows land in
 * the caller's reused buffer (a view on it is returned: valid until the next call with the same scratch), which
 * spares a fresh allocation of the batch per step.
 */
export function gatherRows<L extends Targets>(
  rows: RowsOf<L>,
  features: number,
  scratch?: RowScratch,
): { x: Float32Array; labels: L } {
  if (rows.kind === 'rows') return rows;
  const { indices } = rows;
  const width = rows.labels.length / (rows.x.length / features);
  const size = indices.length * features;
  let x: Float32Array;
  if (scratch === undefined) x = new Float32Array(size);
  else {
    if (scratch.x === undefined || scratch.x.length < size) scratch.x = new Float32Array(size);
    x = scratch.x.subarray(0, size);
  }
  const labels = new (rows.labels.constructor as new (n: number) => L)(indices.length * width);
  indices.forEach((row, i) => {
    x.set(rows.x.subarray(row * features, (row + 1) * features), i * features);
    labels.set(rows.labels.subarray(row * width, (row + 1) * width), i * width);
  });
  return { x, labels };
}

/** A copy of `array` in a `SharedArrayBuffer`. */
function shared<T extends Float32Array | Int32Array>(array: T): T {
  const copy = new (array.constructor as new (buffer: SharedArrayBuffer) => T)(new SharedArrayBuffer(array.byteLength));
  copy.set(array);
  return copy;
}

/** Checks that `x` and `labels` hold whole rows of `features` values and equally many rows of targets. */
function checkRows(x: Float32Array, labels: Targets, features: number): { rows: number; width: number } {
  if (features <= 0 || x.length % features !== 0) {
    throw new WeftError(
      'INVALID_ARGUMENT',
      `x has ${x.length} values, not a whole number of rows of ${features} features`,
    );
  }
  const rows = x.length / features;
  if (rows === 0) throw new WeftError('INVALID_ARGUMENT', 'a training step needs at least one row');
  if (labels.length % rows !== 0 || labels.length === 0) {
    throw new WeftError(
      'INVALID_ARGUMENT',
      `x holds ${rows} rows of ${features} features but there are ${labels.length} targets: give the same number of targets per row`,
    );
  }
  return { rows, width: labels.length / rows };
}

/**
 * Creates the engine of a data-parallel trainer. Each step splits the global batch into `parts` shards, runs one
 * part task per shard, sums the parts' mean gradients, losses and metrics weighted by shard size, and calls
 * `apply` once with the combined gradient. A failed part rejects the step with its error and changes nothing:
 * `apply` is not called, and with the `shared` exchange the next step gets fresh gradient slots, so no part of the
 * failed step can write into a later one.
 */
export function createPartTrainer<P, L extends Targets>(options: PartTrainerOptions<P, L>): PartTrainer<P, L> {
  const { executor, task, payload, data, features, parts, exchange, gradientCount, apply, timeoutMs } = options;
  if (!EXCHANGES.includes(exchange)) {
    throw new WeftError(
      'INVALID_ARGUMENT',
      `exchange must be one of ${EXCHANGES.join(', ')} (got ${JSON.stringify(exchange)})`,
    );
  }
  const sharesMemory = executor.capabilities.sharedMemory;
  if (exchange === 'shared' && !sharesMemory) {
    throw new WeftError(
      'UNSUPPORTED',
      `exchange "shared" needs an executor that shares memory (${executor.capabilities.kind} in ${executor.capabilities.runtime} does not): use "copy" or "transfer"`,
    );
  }
  const weights = exchange === 'shared' ? shared(options.weights) : options.weights.slice();
  const newSlots = () => new Float32Array(new SharedArrayBuffer(parts * gradientCount * 4));
  let slots = exchange === 'shared' ? newSlots() : undefined;
  const dataset = data !== undefined && sharesMemory ? { x: shared(data.x), labels: shared(data.labels) } : undefined;
  const gradients = new Float32Array(gradientCount);
  let steps = 0;
  const totals = createTimingTotals();

  const rowsFor = (indices: Int32Array): RowsOf<L> => {
    if (dataset) return { kind: 'indices', x: dataset.x, labels: dataset.labels, indices };
    const source = data as TrainingRows<L>;
    return { kind: 'rows', ...gatherRows({ kind: 'indices', x: source.x, labels: source.labels, indices }, features) };
  };

  const inputFor = (rows: RowsOf<L>, part: number, extra: Partial<P> | undefined): P & PartExchange<L> => {
    const base = extra === undefined ? payload : { ...payload, ...extra };
    if (exchange === 'shared') {
      const slot =
        extra === undefined
          ? (slots as Float32Array).subarray(part * gradientCount, (part + 1) * gradientCount)
          : undefined;
      return { ...base, exchange, weights, ...(slot === undefined ? {} : { gradients: slot }), rows };
    }
    return { ...base, exchange, weights: exchange === 'transfer' ? weights.slice() : weights, rows };
  };

  const transferOf = (input: PartExchange<L>): readonly TransferItem[] => {
    const list: TransferItem[] = [input.weights.buffer];
    if (input.rows.kind === 'rows') list.push(input.rows.x.buffer, input.rows.labels.buffer);
    else list.push(input.rows.indices.buffer);
    return list;
  };

  /** Writes Σ wₖ·gₖ into `gradients` in one pass over the values (one part: a plain copy). */
  function combine(shares: ReadonlyArray<{ readonly w: number; readonly g: Float32Array }>): void {
    if (shares.length === 1) {
      gradients.set((shares[0] as { g: Float32Array }).g);
      return;
    }
    if (shares.length === 2) {
      const [{ w: w0, g: g0 }, { w: w1, g: g1 }] = shares as [
        { w: number; g: Float32Array },
        { w: number; g: Float32Array },
      ];
      for (let j = 0; j < gradientCount; j += 1) gradients[j] = w0 * g0[j]! + w1 * g1[j]!;
      return;
    }
    gradients.fill(0);
    for (const { w, g } of shares) for (let j = 0; j < gradientCount; j += 1) gradients[j] = gradients[j]! + w * g[j]!;
  }

  /**
   * Runs one part per input and combines their answers; with `train`, also the gradients, then applies them and
   * records the step's phases (`startedAt`: when the step began preparing its inputs).
   */
  async function runParts(
    sizes: readonly number[],
    inputs: ReadonlyArray<P & PartExchange<L>>,
    train: boolean,
    signal: AbortSignalLike | undefined,
    startedAt: number,
  ): Promise<BatchResult> {
    const dispatchedAt = platform.now();
    let outputs: PartOutput[];
    try {
      outputs = await executor.map(task, inputs, {
        ...(exchange === 'transfer' ? { transfer: transferOf } : {}),
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
        ...(signal === undefined ? {} : { signal }),
      });
    } catch (error) {
      if (train && slots !== undefined) slots = newSlots();
      throw error;
    }
    const answeredAt = platform.now();
    const total = sizes.reduce((sum, n) => sum + n, 0);
    let loss = 0;
    const metrics: number[] = [];
    const shares: Array<{ readonly w: number; readonly g: Float32Array }> = [];
    outputs.forEach((out, part) => {
      const n = sizes[part] as number;
      if (out.rows !== n)
        throw new WeftError('TASK_FAILED', `trainer part ${part} used ${out.rows} rows; it was given ${n}`);
      const w = n / total;
      loss += w * out.loss;
      (out.metrics ?? []).forEach((value, i) => (metrics[i] = (metrics[i] ?? 0) + w * value));
      if (!train) return;
      const g =
        exchange === 'shared'
          ? (slots as Float32Array).subarray(part * gradientCount, (part + 1) * gradientCount)
          : out.gradients;
      if (g === undefined || g.length !== gradientCount) {
        throw new WeftError('TASK_FAILED', `trainer part ${part} returned no gradients of length ${gradientCount}`);
      }
      shares.push({ w, g });
    });
    if (train) {
      combine(shares);
      const combinedAt = platform.now();
      await apply(weights, gradients);
      steps += 1;
      const appliedAt = platform.now();
      const slowest = outputs.reduce<PartTimings | undefined>(
        (a, o) => (o.timings !== undefined && (a === undefined || o.timings.totalMs > a.totalMs) ? o.timings : a),
        undefined,
      );
      const part = slowest ?? { forwardMs: 0, backwardMs: 0, readbackMs: 0, totalMs: 0 };
      totals.add({
        stepMs: appliedAt - startedAt,
        prepareMs: dispatchedAt - startedAt,
        forwardMs: part.forwardMs,
        backwardMs: part.backwardMs,
        readbackMs: part.readbackMs,
        partOtherMs: Math.max(0, part.totalMs - part.forwardMs - part.backwardMs - part.readbackMs),
        dispatchMs: Math.max(0, answeredAt - dispatchedAt - part.totalMs),
        combineMs: combinedAt - answeredAt,
        optimiserMs: appliedAt - combinedAt,
      });
    }
    return { loss, metrics };
  }

  /** Splits rows given with the call into one input per part. */
  const rowInputs = (
    x: Float32Array,
    labels: L,
    extra: Partial<P> | undefined,
  ): { sizes: number[]; inputs: Array<P & PartExchange<L>> } => {
    const { rows, width: w } = checkRows(x, labels, features);
    const sizes = splitSizes(rows, parts);
    let at = 0;
    const inputs = sizes.map((n, part) => {
      const slice: RowsOf<L> = {
        kind: 'rows',
        x: x.slice(at * features, (at + n) * features),
        labels: labels.slice(at * w, (at + n) * w) as L,
      };
      at += n;
      return inputFor(slice, part, extra);
    });
    return { sizes, inputs };
  };

  return {
    parts,
    exchange,
    dataPath: dataset ? 'indices' : 'rows',
    get steps() {
      return steps;
    },
    current: weights,
    async step(indices, signal) {
      const startedAt = platform.now();
      if (data === undefined)
        throw new WeftError('INVALID_ARGUMENT', 'step(indices) needs the trainer to hold training data: use stepRows');
      if (indices.length === 0) throw new WeftError('INVALID_ARGUMENT', 'a training step needs at least one row');
      const sizes = splitSizes(indices.length, parts);
      let at = 0;
      const inputs = sizes.map((n, part) => {
        const input = inputFor(rowsFor(indices.slice(at, at + n)), part, undefined);
        at += n;
        return input;
      });
      return runParts(sizes, inputs, true, signal, startedAt);
    },
    async stepRows(x, labels, signal) {
      const startedAt = platform.now();
      const { sizes, inputs } = rowInputs(x, labels, undefined);
      return runParts(sizes, inputs, true, signal, startedAt);
    },
    async measureRows(x, labels, extra, signal) {
      const startedAt = platform.now();
      const { sizes, inputs } = rowInputs(x, labels, extra);
      return runParts(sizes, inputs, false, signal, startedAt);
    },
    stepTimings: () => totals.mean(),
  };
}
