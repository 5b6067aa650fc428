/** @module model — a serialisable model spec and its weights as one flat `Float32Array`, identical in every runtime. */
import { WeftError } from './errors.js';
import { createPrng } from './prng.js';

/** Activation of the hidden layers of an MLP (the output layer is always linear logits). */
export type Activation = 'relu' | 'tanh' | 'sigmoid';

/**
 * A multi-layer perceptron: `layers[0]` inputs, `layers[layers.length - 1]` classes, dense layers in between.
 * Plain data, so it crosses threads by structured clone.
 */
export interface MlpSpec {
  readonly kind: 'mlp';
  /** Layer widths, input first, classes last; at least two entries. */
  readonly layers: readonly number[];
  readonly activation: Activation;
  /** Seed of the weight initialisation. */
  readonly seed: number;
}

/** Every model Weft knows how to train. Only MLPs so far. */
export type ModelSpec = MlpSpec;

/** One parameter tensor of a model: its name, shape, and where it sits in the flat weights. */
export interface ParameterShape {
  /** `w0`, `b0`, `w1`, … */
  readonly name: string;
  /** `[in, out]` for a kernel, `[out]` for a bias. */
  readonly shape: readonly number[];
  /** Index of its first value in the flat weights. */
  readonly offset: number;
  /** Number of values. */
  readonly size: number;
}

const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'sigmoid'];

/** Throws `INVALID_ARGUMENT` saying what is wrong with `spec`; returns it otherwise. */
export function checkModelSpec(spec: ModelSpec): ModelSpec {
  if (spec.kind !== 'mlp')
    throw new WeftError('INVALID_ARGUMENT', `model kind must be "mlp" (got ${JSON.stringify(spec.kind)})`);
  if (
    !Array.isArray(spec.layers) ||
    spec.layers.length < 2 ||
    !spec.layers.every((n) => Number.isInteger(n) && n > 0)
  ) {
    throw new WeftError(
      'INVALID_ARGUMENT',
      `model layers must be at least two positive integers (got ${JSON.stringify(spec.layers)})`,
    );
  }
  if (!ACTIVATIONS.includes(spec.activation)) {
    throw new WeftError(
      'INVALID_ARGUMENT',
      `model activation must be one of ${ACTIVATIONS.join(', ')} (got ${JSON.stringify(spec.activation)})`,
    );
  }
  if (!Number.isInteger(spec.seed))
    throw new WeftError('INVALID_ARGUMENT', `model seed must be an integer (got ${spec.seed})`);
  return spec;
}

/**
 * The parameters of `spec` in flat-weights order: for each dense layer its kernel `[in, out]` (row-major), then its bias.
 *
 * @example
 * ```ts
 * parameterShapes({ kind: 'mlp', layers: [784, 10], activation: 'relu', seed: 1 });
 * // [{ name: 'w0', shape: [784, 10], offset: 0, size: 7840 }, { name: 'b0', shape: [10], offset: 7840, size: 10 }]
 * ```
 */
export function parameterShapes(spec: ModelSpec): ParameterShape[] {
  checkModelSpec(spec);
  const shapes: ParameterShape[] = [];
  let offset = 0;
  for (let i = 0; i + 1 < spec.layers.length; i += 1) {
    const fanIn = spec.layers[i] as number;
    const fanOut = spec.layers[i + 1] as number;
    shapes.push({ name: `w${i}`, shape: [fanIn, fanOut], offset, size: fanIn * fanOut });
    offset += fanIn * fanOut;
    shapes.push({ name: `b${i}`, shape: [fanOut], offset, size: fanOut });
    offset += fanOut;
  }
  return shapes;
}

/** Total number of values in the flat weights of `spec`. */
export function parameterCount(spec: ModelSpec): number {
  return parameterShapes(spec).reduce((sum, p) => sum + p.size, 0);
}

/**
 * The initial weights of `spec` as one flat array: Glorot-uniform kernels drawn from `createPrng(spec.seed)`,
 * zero biases. The same spec gives the same values in every runtime.
 *
 * @example
 * ```ts
 * const spec: ModelSpec = { kind: 'mlp', layers: [784, 128, 64, 10], activation: 'relu', seed: 42 };
 * const weights = initialWeights(spec); // Float32Array(109386)
 * ```
 */
export function initialWeights(spec: ModelSpec): Float32Array {
  const shapes = parameterShapes(spec);
  const weights = new Float32Array(shapes.reduce((sum, p) => sum + p.size, 0));
  const prng = createPrng(spec.seed);
  for (const p of shapes) {
    if (p.shape.length !== 2) continue;
    const [fanIn, fanOut] = p.shape as [number, number];
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    for (let i = 0; i < p.size; i += 1) weights[p.offset + i] = (2 * prng.next() - 1) * limit;
  }
  return weights;
}
