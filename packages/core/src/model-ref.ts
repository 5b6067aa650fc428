/**
 * @module model-ref — a model is defined by a module, like a task: a named export `(tf) => LayersModel` that builds
 * (and compiles) the architecture with the TensorFlow.js it is given, so the caller and every worker of any runtime
 * build the same model with their own tfjs.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { WeftError } from './errors.js';
import { defineTask, loadTask, taskLabel } from './task.js';

/** The TensorFlow.js a model factory receives: tfjs-core's ops and tfjs-layers' builders (`tf.sequential`, `tf.layers`). */
export type TfjsLayers = typeof tfc & typeof tfl;

/** A model factory: builds a fresh model with the given tfjs (its initial weights are replaced by the caller's). */
export type ModelFactory = (tf: TfjsLayers) => tfl.LayersModel | Promise<tfl.LayersModel>;

/** A reference to a model factory: the URL of the module that exports it and the export's name. */
export interface ModelRef {
  /** Absolute URL of the ES module (usually `import.meta.url` of the model module). */
  readonly module: string;
  /** Name of the exported factory. */
  readonly name: string;
}

/**
 * Names a model factory, so that workers can build the same architecture.
 *
 * @example
 * ```ts
 * // model.js
 * export function createModel(tf) {
 *   const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [784], units: 10, activation: 'softmax' })] });
 *   model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
 *   return model;
 * }
 * export const classifier = defineModel(import.meta.url, 'createModel');
 * ```
 */
export function defineModel(module: string | { readonly href: string }, name: string): ModelRef {
  const { module: href } = defineTask(module, name);
  return { module: href, name };
}

/** Models built by {@link buildModel}, with the reference that built them. */
const origins = new WeakMap<object, ModelRef>();

/**
 * Imports the model's module (once per thread), calls its factory with `tf` and returns the model. The model
 * remembers its reference, so `fit` needs no `definition` for it. Rejects with `TASK_NOT_FOUND` when the module or
 * export is missing, and `INVALID_ARGUMENT` when the factory returns something that is not a model.
 */
export async function buildModel(tf: TfjsLayers, ref: ModelRef): Promise<tfl.LayersModel> {
  const factory = (await loadTask(ref)) as unknown as ModelFactory;
  const model = await factory(tf);
  if (
    typeof model !== 'object' ||
    model === null ||
    typeof (model as { getWeights?: unknown }).getWeights !== 'function'
  ) {
    throw new WeftError(
      'INVALID_ARGUMENT',
      `model factory ${taskLabel(ref)} must return a tf.LayersModel (got ${model === null ? 'null' : typeof model})`,
    );
  }
  origins.set(model, ref);
  return model;
}

/** The reference a model was built from by {@link buildModel}, if any. */
export function modelOrigin(model: object): ModelRef | undefined {
  return origins.get(model);
}
