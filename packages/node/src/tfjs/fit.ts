/** @module tfjs/fit — `fit` for Node: core's data-parallel `fitModel` with this package's part task and tfjs. */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { fitModel, type FitData, type FitHistory, type FitOptions, type TfjsLayers } from '@weft/core';
import type { TfjsBackendName } from './backend.js';
import { modelPartTask } from './model-part-ref.js';

/** Options of {@link fit}: core's `FitOptions`, with the part task set and the backend optional. */
export interface NodeFitOptions extends Omit<FitOptions, 'task' | 'backend'> {
  /**
   * The backend every part selects (default: the one selected in this thread, as Weft names it: `tensorflow` when
   * tfjs-node is active, else `cpu` or `wasm`). With `nodeProcessExecutor()` each child loads its own copy. A
   * backend without a kernel the model needs rejects with `UNSUPPORTED` (wasm has no convolution gradients: train a
   * CNN on `cpu` or `tensorflow`).
   */
  readonly backend?: TfjsBackendName;
}

/**
 * Trains a compiled tfjs model data-parallel on an executor, like `model.fit` (see `fitModel` in `@weft/core`):
 * the global batch is split over the executor's workers, each computes its shard's gradients by tfjs autodiff, and
 * the model's own optimiser applies their size-weighted mean once per batch. Resolves with a `model.fit`-like
 * history; the trained weights are in `model`. Build the model with `buildModel(tf, ref)` (or pass `definition`)
 * so workers can build it too. With tfjs-node, prefer `nodeProcessExecutor()`: one libtensorflow per process.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-node';
 * import { buildModel, defineModel } from '@weft/core';
 * import { nodeProcessExecutor } from '@weft/node';
 * import { fit } from '@weft/node/tfjs';
 * const model = await buildModel(tf, defineModel(new URL('./model.js', import.meta.url), 'createModel'));
 * await using pool = nodeProcessExecutor({ size: 2 });
 * const history = await fit(model, { x, y }, { executor: pool, epochs: 3, batchSize: 256 });
 * ```
 */
export async function fit(model: LayersModel, data: FitData, options: NodeFitOptions): Promise<FitHistory> {
  const [tfc, tfl] = await Promise.all([import('@tensorflow/tfjs-core'), import('@tensorflow/tfjs-layers')]);
  const tf = { ...tfc, ...tfl } as TfjsLayers;
  const current = tf.getBackend();
  const backend = options.backend ?? (current === 'tensorflow' || current === 'wasm' ? current : 'cpu');
  return fitModel(tf, model, data, { ...options, backend, task: modelPartTask });
}
