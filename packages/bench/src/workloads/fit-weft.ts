/**
 * @module workloads/fit-weft — Weft's training configuration for the `fit` comparison: a loader prefetching and
 * decoding MNIST shards (one global batch each) on the event loop while the trainer parts of the previous batch
 * run on a worker pool (or on the main thread), gradients combined and Adam applied by the data-parallel trainer.
 */
import {
  createDataParallelTrainer,
  createLoader,
  inlineExecutor,
  memorySource,
  type DataParallelTrainer,
  type Executor,
  type LabelledData,
  type Loader,
  type ShardInfo,
  type Source,
} from '@weft/core';
import { createPrng } from '@weft/core/study';
import { MNIST_FEATURES } from '../data/mnist-shape.js';
import { decodeShard, encodeShard } from '../data/shard-codec.js';
import type { FitContestant, FitSettings } from './fit-contestant.js';
import { ensureTfjsBackend } from '@weft/node/tfjs';
import { trainerPartTask } from './train-task.js';
import type { TrainPool } from './train-pool.js';

/** Untimed steps on a throw-away trainer first: each starts the backend in the workers and lets the JIT settle. */
const WARMUP_STEPS = 8;

/** A Weft configuration: its backend and where the parts run (0 workers: the main thread). */
export interface WeftFitConfig {
  readonly backend: 'cpu' | 'wasm' | 'tensorflow';
  readonly workers: number;
  /** Most shards the loader keeps ahead of the trainer. */
  readonly prefetch: number;
  /** Seed of the shard order of each epoch. */
  readonly seed: number;
  /** Which pool the workers are (recorded with the case). */
  readonly pool: TrainPool;
}

/** The training set as encoded shards of `batch` digits each (the last may be smaller), as a store would hold them. */
export function encodeBatches(train: LabelledData, batch: number): Array<{ name: string; bytes: Uint8Array }> {
  const shards: Array<{ name: string; bytes: Uint8Array }> = [];
  const total = Math.ceil(train.rows / batch);
  for (let index = 0; index < total; index += 1) {
    const [start, end] = [index * batch, Math.min((index + 1) * batch, train.rows)];
    const pixels = new Uint8Array((end - start) * train.features);
    const values = train.x.subarray(start * train.features, end * train.features);
    for (let i = 0; i < values.length; i += 1) pixels[i] = Math.round((values[i] as number) * 255);
    const labels = Uint8Array.from(train.labels.subarray(start, end));
    shards.push({
      name: `batch-${String(index).padStart(5, '0')}`,
      bytes: encodeShard({ pixels, labels, index, total }),
    });
  }
  return shards;
}

/** Decodes every shard of {@link encodeBatches}, in order, back into one labelled set (pixels as k/255). */
export function decodeBatches(shards: ReadonlyArray<{ readonly bytes: Uint8Array }>): LabelledData {
  const parts = shards.map((s) => decodeShard(s.bytes));
  const rows = parts.reduce((sum, p) => sum + p.labels.length, 0);
  const features = MNIST_FEATURES;
  const x = new Float32Array(rows * features);
  const labels = new Int32Array(rows);
  let at = 0;
  for (const p of parts) {
    x.set(p.images, at * features);
    labels.set(p.labels, at);
    at += p.labels.length;
  }
  return { x, labels, rows, features };
}

/**
 * One pass over `shards` in their current order, as both Weft configurations read them: at most two read at once,
 * `prefetch` ahead of the trainer, each decoded on the event loop into its digits (`x`) and labels (`y`).
 */
export function shardLoader(
  source: Source,
  shards: readonly ShardInfo[],
  prefetch: number,
): Loader<{ x: Float32Array; y: Int32Array }> {
  return createLoader({
    source,
    shards,
    concurrency: Math.min(2, prefetch),
    prefetch,
    decode: (bytes) => {
      const { images, labels } = decodeShard(bytes);
      return { x: images, y: Int32Array.from(labels) };
    },
  });
}

/** The `weft-pipeline` contestant for one configuration; `openPool` opens its worker pool. */
export function weftFitContestant(
  settings: FitSettings,
  config: WeftFitConfig,
  openPool: (size: number) => Executor,
): FitContestant {
  const { spec, batch, train } = settings;
  const source = memorySource(settings.shards);
  const prng = createPrng(config.seed);
  let executor: Executor | undefined;
  let trainer: DataParallelTrainer | undefined;
  let shards: ShardInfo[] = [];
  const where = config.workers === 0 ? 'main thread' : `${config.workers} ${config.pool}`;
  // Shared memory where the pool has it (threads), copies across processes.
  const exchange = config.workers === 0 ? 'none' : config.pool === 'processes' ? 'copy' : 'shared';
  const newTrainer = (): DataParallelTrainer =>
    createDataParallelTrainer({
      executor: executor as Executor,
      task: trainerPartTask,
      spec,
      backend: config.backend,
      parts: Math.max(1, config.workers),
      exchange: exchange === 'none' ? 'copy' : exchange,
      optimizer: { learningRate: settings.learningRate },
      data: train,
    });
  return {
    strategy: 'weft-pipeline',
    backend: config.backend,
    parameters: {
      model: 'mlp',
      workers: config.workers,
      batch,
      prefetch: config.prefetch,
      exchange,
      ...(config.workers === 0 ? {} : { pool: config.pool }),
    },
    label: `Weft ${config.backend}, ${where}`,
    async prepare() {
      executor = config.workers === 0 ? inlineExecutor() : openPool(config.workers);
      if (config.workers === 0) await ensureTfjsBackend(config.backend);
      shards = [...(await source.list())];
      const warm = newTrainer();
      const rows = Int32Array.from({ length: Math.min(batch, train.rows) }, (_, r) => r);
      for (let i = 0; i < WARMUP_STEPS; i += 1) await warm.step(rows);
      trainer = newTrainer();
    },
    async epoch() {
      const t = trainer as DataParallelTrainer;
      prng.shuffle(shards);
      let lossSum = 0;
      let rows = 0;
      for await (const { data } of shardLoader(source, shards, config.prefetch)) {
        lossSum += (await t.stepRows(data.x, data.y)) * data.y.length;
        rows += data.y.length;
      }
      return { loss: lossSum / rows };
    },
    weights: () => (trainer as DataParallelTrainer).weights(),
    stepTimings: () => trainer?.stepTimings(),
    async close() {
      await executor?.close();
    },
  };
}
