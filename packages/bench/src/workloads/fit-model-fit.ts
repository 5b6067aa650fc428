/**
 * @module workloads/fit-model-fit — the library alone: the MNIST MLP built as a `tf.sequential` and trained by plain
 * tfjs-node `model.fit` (one process, libtensorflow's own threads), starting from Weft's seeded weights.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initialWeights, parameterCount, parameterShapes, type ModelSpec } from '@weft/core';
import { useTfjsBackend } from '@weft/node/tfjs';
import type { FitContestant, FitSettings } from './fit-contestant.js';

type TfjsNode = typeof import('@tensorflow/tfjs-node');
type Sequential = ReturnType<TfjsNode['sequential']>;

/** Epochs of the throw-away model that warms up the backend and tfjs-layers before timing. */
const WARMUP_EPOCHS = 2;
/** Rows the throw-away model trains on. */
const WARMUP_ROWS = 2048;

/**
 * Builds the spec's MLP with tfjs-layers (dense layers with the spec's activation, softmax last, which with sparse
 * categorical cross-entropy is the same loss as Weft's log-softmax on logits), sets Weft's seeded initial weights
 * and compiles it with Adam (same learning rate, betas and epsilon as `@weft/core`'s Adam).
 */
export function buildSequential(tfn: TfjsNode, spec: ModelSpec, learningRate: number): Sequential {
  const model = tfn.sequential();
  const layers = spec.layers;
  for (let i = 1; i < layers.length; i += 1) {
    const last = i === layers.length - 1;
    model.add(
      tfn.layers.dense({
        units: layers[i] as number,
        activation: last ? 'softmax' : spec.activation,
        ...(i === 1 ? { inputShape: [layers[0] as number] } : {}),
      }),
    );
  }
  const weights = initialWeights(spec);
  model.setWeights(parameterShapes(spec).map((p) => tfn.tensor(weights.subarray(p.offset, p.offset + p.size), [...p.shape], 'float32')));
  model.compile({ optimizer: tfn.train.adam(learningRate, 0.9, 0.999, 1e-8), loss: 'sparseCategoricalCrossentropy' });
  return model;
}

/** The model's weights as one flat array in `@weft/core`'s order (dense kernels are `[in, out]` in both). */
export function flatWeights(model: Sequential, spec: ModelSpec): Float32Array {
  const flat = new Float32Array(parameterCount(spec));
  let at = 0;
  for (const tensor of model.getWeights()) {
    flat.set(tensor.dataSync() as Float32Array, at);
    at += tensor.size;
  }
  return flat;
}

/** The `model-fit` contestant: `model.fit` one epoch per turn, shuffled by tfjs, verbose off. */
export function modelFitContestant(settings: FitSettings): FitContestant {
  let tfn: TfjsNode | undefined;
  let model: Sequential | undefined;
  let xs: tf.Tensor2D | undefined;
  let ys: tf.Tensor2D | undefined;
  const fitEpoch = async (m: Sequential, x: tf.Tensor2D, y: tf.Tensor2D, epochs: number): Promise<number> => {
    await tf.setBackend('tensorflow');
    const history = await m.fit(x, y, { epochs, batchSize: settings.batch, shuffle: true, verbose: 0 });
    return (history.history['loss'] as number[]).at(-1) as number;
  };
  return {
    strategy: 'model-fit',
    backend: 'tensorflow',
    parameters: { workers: 0, batch: settings.batch },
    label: 'tfjs-node model.fit',
    async prepare() {
      await useTfjsBackend(tf, 'tensorflow');
      tfn = (await import('@tensorflow/tfjs-node')) as TfjsNode;
      const { train, spec } = settings;
      xs = tfn.tensor2d(train.x, [train.rows, train.features], 'float32');
      ys = tfn.tensor2d(Float32Array.from(train.labels), [train.rows, 1], 'float32');
      const warmRows = Math.min(WARMUP_ROWS, train.rows);
      const warm = buildSequential(tfn, spec, settings.learningRate);
      const [wx, wy] = [xs.slice(0, warmRows), ys.slice(0, warmRows)];
      await fitEpoch(warm, wx, wy, WARMUP_EPOCHS);
      tfn.dispose([wx, wy]);
      warm.dispose();
      model = buildSequential(tfn, spec, settings.learningRate);
    },
    epoch: () => fitEpoch(model as Sequential, xs as tf.Tensor2D, ys as tf.Tensor2D, 1),
    weights: () => flatWeights(model as Sequential, settings.spec),
    close() {
      model?.dispose();
      if (xs !== undefined && ys !== undefined) tf.dispose([xs, ys]);
      return Promise.resolve();
    },
  };
}
