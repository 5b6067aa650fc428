/**
 * @module workloads/oversubscription-child — one case of the `oversubscription` workload, run as its own process
 * (the parent sets `TF_NUM_INTRAOP_THREADS`, which libtensorflow reads once per process): data-parallel training
 * steps of the MNIST MLP on N workers (or the main thread), timed, printed as one `WEFT_CHILD` line.
 *
 * Importing it runs it: only the parent starts it, as
 *  `<runtime> oversubscription-child.js '<OversubscriptionChildInput as JSON>'`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createDataParallelTrainer, inlineExecutor, isWeftError, type Executor } from '@weft/core';
import { platform } from '@weft/core/adapter';
import { createPrng } from '@weft/core/study';
import { useTfjsBackend } from '@weft/node/tfjs';
import { loadMnist } from '../data/mnist.js';
import { sliceRows } from '../data/mnist-shape.js';
import { printChildOutcome } from './runtime-child.js';
import { trainerPartTask } from './train-task.js';
import { poolOpener } from './pool-openers.js';
import type { TrainPool } from './train-pool.js';
import { TRAIN_LEARNING_RATE, trainModelSpec } from './mnist-models.js';

/** What the parent asks one child to measure. */
export interface OversubscriptionChildInput {
  readonly backend: 'tensorflow' | 'wasm';
  /** Worker count; 0 computes on the child's main thread (the baseline). */
  readonly workers: number;
  /** Backend threads: libtensorflow's intra-op threads (set by the parent in the environment) or wasm threads. */
  readonly threads: number;
  readonly batch: number;
  /** Training steps per timed sample. */
  readonly steps: number;
  /** Timed samples. */
  readonly samples: number;
  /** Untimed steps first (backend start-up in every worker, JIT). */
  readonly warmup: number;
  readonly seed: number;
  readonly trainSize: number;
  /** Where the workers run: `node:worker_threads`, Weft's Web Worker pool (Deno, Bun) or child processes. */
  readonly pool: TrainPool;
}

/** What one child reports. */
export type OversubscriptionChildOutput =
  | {
      readonly status: 'ok';
      readonly samples: readonly number[];
      readonly loss: number;
      readonly threadsReported?: number;
    }
  | { readonly status: 'skipped' | 'failed'; readonly reason: string };

/** Selects the backend on this thread; for wasm, asks for `threads` and reports how many it got. */
async function selectBackend(input: OversubscriptionChildInput): Promise<number | undefined> {
  if (input.backend === 'wasm') {
    await useTfjsBackend(tf, 'wasm', { wasmThreads: input.threads });
    const { getThreadsCount } = await import('@tensorflow/tfjs-backend-wasm');
    return getThreadsCount();
  }
  await useTfjsBackend(tf, 'tensorflow', { intraOpThreads: input.threads });
  return undefined;
}

/** Runs the case described by `input`. */
async function measureOversubscription(input: OversubscriptionChildInput): Promise<OversubscriptionChildOutput> {
  let threadsReported: number | undefined;
  // The main thread computes only in the baseline; with workers it runs Adam in plain JavaScript and stays off the backend.
  if (input.workers === 0) {
    threadsReported = await selectBackend(input);
    if (input.backend === 'wasm' && threadsReported !== input.threads) {
      return {
        status: 'skipped',
        reason: `wasm threads do not run here: tfjs-backend-wasm reports ${threadsReported} thread(s) after asking for ${input.threads}`,
      };
    }
  }
  const { train } = await loadMnist();
  const data = sliceRows(train, input.trainSize);
  const openPool = await poolOpener(input.pool);
  const executor: Executor = input.workers === 0 ? inlineExecutor() : openPool(input.workers);
  try {
    const trainer = createDataParallelTrainer({
      executor,
      task: trainerPartTask,
      spec: trainModelSpec(input.seed),
      backend: input.backend,
      parts: Math.max(1, input.workers),
      exchange: input.workers > 0 && executor.capabilities.sharedMemory ? 'shared' : 'copy',
      optimizer: { learningRate: TRAIN_LEARNING_RATE },
      data,
    });
    const order = Int32Array.from({ length: data.rows }, (_, i) => i);
    createPrng(input.seed).shuffle(order);
    let at = 0;
    const nextBatch = (): Int32Array => {
      if (at + input.batch > order.length) at = 0;
      at += input.batch;
      return order.subarray(at - input.batch, at);
    };
    for (let i = 0; i < input.warmup; i += 1) await trainer.step(nextBatch());
    const samples: number[] = [];
    let loss = Number.NaN;
    for (let s = 0; s < input.samples; s += 1) {
      const start = platform.now();
      for (let i = 0; i < input.steps; i += 1) loss = await trainer.step(nextBatch());
      samples.push(platform.now() - start);
    }
    return { status: 'ok', samples, loss, ...(threadsReported === undefined ? {} : { threadsReported }) };
  } finally {
    await executor.close();
  }
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv.at(-1) ?? '') as OversubscriptionChildInput;
  let output: OversubscriptionChildOutput;
  try {
    output = await measureOversubscription(input);
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    output = { status: isWeftError(error, 'UNSUPPORTED') ? 'skipped' : 'failed', reason };
  }
  await printChildOutcome(output);
  // Worker threads of a broken pool, or a backend's own threads, must not keep the process alive.
  process.exit(0);
}

await main();
