/**
 * @module workloads/fit-model-fit — the library alone: the MNIST MLP or CNN of `mnist-models.ts` trained by plain
 * tfjs-node `model.fit` (one process, libtensorflow's own threads), starting from the same weights as Weft's cases.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { useTfjsBackend } from '@weft/node/tfjs';
import type { FitContestant, FitSettings } from './fit-contestant.js';
import { freshModel, layersWeights } from './fit-weft-model.js';
import type { MnistModel } from './mnist-models.js';

/** Epochs of the throw-away model that warms up the backend and tfjs-layers before timing. */
const WARMUP_EPOCHS = 2;
/** Rows the throw-away model trains on. */
const WARMUP_ROWS = 2048;

/** The `model-fit` contestant of `model`: `model.fit` one epoch per turn, shuffled by tfjs, verbose off. */
export function modelFitContestant(settings: FitSettings, model: MnistModel): FitContestant {
  let trained: LayersModel | undefined;
  let xs: tf.Tensor | undefined;
  let ys: tf.Tensor | undefined;
  const fitEpoch = async (m: LayersModel, x: tf.Tensor, y: tf.Tensor, epochs: number): Promise<number> => {
    await tf.setBackend('tensorflow');
    const history = await m.fit(x, y, { epochs, batchSize: settings.batch, shuffle: true, verbose: 0 });
    return (history.history['loss'] as number[]).at(-1) as number;
  };
  return {
    strategy: 'model-fit',
    backend: 'tensorflow',
    parameters: { model, workers: 0, batch: settings.batch },
    label: `tfjs-node model.fit, ${model}`,
    async prepare() {
      await useTfjsBackend(tf, 'tensorflow');
      const { train } = settings;
      const shape = model === 'cnn' ? [train.rows, 28, 28, 1] : [train.rows, train.features];
      xs = tf.tensor(train.x, shape, 'float32');
      ys = tf.tensor2d(Float32Array.from(train.labels), [train.rows, 1], 'float32');
      const warmRows = Math.min(WARMUP_ROWS, train.rows);
      const warm = await freshModel(model, settings);
      const [wx, wy] = [tf.slice(xs, 0, warmRows), tf.slice(ys, 0, warmRows)];
      await fitEpoch(warm, wx, wy, WARMUP_EPOCHS);
      tf.dispose([wx, wy]);
      warm.dispose();
      trained = await freshModel(model, settings);
    },
    epoch: async () => ({ loss: await fitEpoch(trained as LayersModel, xs as tf.Tensor, ys as tf.Tensor, 1) }),
    weights: () => layersWeights(trained as LayersModel),
    close() {
      trained?.dispose();
      if (xs !== undefined && ys !== undefined) tf.dispose([xs, ys]);
      return Promise.resolve();
    },
  };
}
