/**
 * @module workloads/fit-weft-model — Weft's `fit()` on a tfjs-layers model (the MLP or the CNN of `mnist-models.ts`)
 * for the `fit` comparison: the same loader of encoded MNIST shards as the `weft-pipeline` configuration, the
 * global batch split over the workers (or the main thread), tfjs autodiff in each part, the model's Adam once per
 * batch on the main thread.
 */
import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  WeftError,
  buildModel,
  initialWeights,
  inlineExecutor,
  memorySource,
  parameterShapes,
  type Executor,
  type ShardInfo,
  type TfjsLayers,
} from '@weft/core';
import { createPrng } from '@weft/core/study';
import { ensureTfjsBackend, fit } from '@weft/node/tfjs';
import { cnnUnsupportedReason } from './backends-ops.js';
import type { FitContestant, FitSettings } from './fit-contestant.js';
import { shardLoader, type WeftFitConfig } from './fit-weft.js';
import { MNIST_MODEL_REFS, type MnistModel } from './mnist-models.js';

/** tfjs-core and tfjs-layers together, as model factories receive them. */
const tf = { ...tfc, ...tfl } as TfjsLayers;

/** Untimed batches of the throw-away model that starts the backend in every worker. */
const WARMUP_BATCHES = 8;

/** Builds the model; the MLP starts from the spec's seeded weights, like every other MLP contestant. */
export async function freshModel(model: MnistModel, settings: FitSettings): Promise<tfl.LayersModel> {
  const built = await buildModel(tf, MNIST_MODEL_REFS[model]);
  if (model === 'mlp') {
    const weights = initialWeights(settings.spec);
    built.setWeights(
      parameterShapes(settings.spec).map((p) => tf.tensor(weights.subarray(p.offset, p.offset + p.size), [...p.shape])),
    );
  }
  return built;
}

/** The flat weights of a layers model, in `model.getWeights()` order. */
export function layersWeights(model: tfl.LayersModel): Float32Array {
  return Float32Array.from(model.getWeights().flatMap((w) => Array.from(w.dataSync())));
}

/** The `weft-fit` contestant for one model and configuration; `openPool` opens its worker pool. */
export function weftModelFitContestant(
  settings: FitSettings,
  model: MnistModel,
  config: WeftFitConfig,
  openPool: (size: number) => Executor,
): FitContestant {
  const { batch, train } = settings;
  const source = memorySource(settings.shards);
  const prng = createPrng(config.seed);
  let executor: Executor | undefined;
  let trained: tfl.LayersModel | undefined;
  let shards: ShardInfo[] = [];
  const where = config.workers === 0 ? 'main thread' : `${config.workers} ${config.pool}`;
  const options = () => ({ executor: executor as Executor, backend: config.backend, batchSize: batch, epochs: 1 });
  return {
    strategy: 'weft-fit',
    backend: config.backend,
    parameters: {
      model,
      workers: config.workers,
      batch,
      prefetch: config.prefetch,
      ...(config.workers === 0 ? {} : { pool: config.pool }),
    },
    label: `Weft fit(), ${model}, ${config.backend}, ${where}`,
    async prepare() {
      // The model's optimiser steps on this thread, on the same backend as the parts.
      await ensureTfjsBackend(config.backend);
      const unsupported = model === 'cnn' ? cnnUnsupportedReason(tf, config.backend) : undefined;
      if (unsupported !== undefined) throw new WeftError('UNSUPPORTED', unsupported);
      executor = config.workers === 0 ? inlineExecutor() : openPool(config.workers);
      shards = [...(await source.list())];
      const warm = await freshModel(model, settings);
      const rows = Math.min(batch * WARMUP_BATCHES, train.rows);
      await fit(
        warm,
        { x: train.x.subarray(0, rows * train.features), y: train.labels.subarray(0, rows) },
        { ...options(), shuffle: false },
      );
      warm.dispose();
      trained = await freshModel(model, settings);
    },
    async epoch() {
      await ensureTfjsBackend(config.backend);
      prng.shuffle(shards);
      const history = await fit(trained as tfl.LayersModel, shardLoader(source, shards, config.prefetch), options());
      return { loss: history.history['loss']?.[0] as number };
    },
    weights: () => layersWeights(trained as tfl.LayersModel),
    async close() {
      trained?.dispose();
      await executor?.close();
    },
  };
}
