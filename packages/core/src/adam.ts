/** @module adam — the Adam optimiser on flat `Float32Array` weights, in plain TypeScript, the same for every strategy. */
import { WeftError } from './errors.js';

/** Hyper-parameters of {@link createAdam}; defaults are Kingma & Ba's (and PyTorch's, tfjs's). */
export interface AdamOptions {
  /** Step size (default 1e-3). */
  readonly learningRate?: number;
  /** Decay of the first-moment estimate (default 0.9). */
  readonly beta1?: number;
  /** Decay of the second-moment estimate (default 0.999). */
  readonly beta2?: number;
  /** Added to the denominator (default 1e-8). */
  readonly epsilon?: number;
}

/** Adam's state for one set of flat weights. */
export interface Adam {
  /** How many steps were applied. */
  readonly steps: number;
  /** Updates `weights` in place with `gradients` (same length). */
  step(weights: Float32Array, gradients: Float32Array): void;
}

/**
 * Creates Adam for `size` parameters (bias-corrected moments, kept in Float32Array like tfjs and PyTorch).
 *
 * @example
 * ```ts
 * const adam = createAdam(weights.length, { learningRate: 1e-3 });
 * adam.step(weights, gradients); // weights updated in place
 * ```
 */
export function createAdam(size: number, options: AdamOptions = {}): Adam {
  const lr = options.learningRate ?? 1e-3;
  const beta1 = options.beta1 ?? 0.9;
  const beta2 = options.beta2 ?? 0.999;
  const epsilon = options.epsilon ?? 1e-8;
  if (!(lr > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
    throw new WeftError(
      'INVALID_ARGUMENT',
      `Adam needs learningRate > 0, 0 <= beta1, beta2 < 1 and epsilon > 0 (got ${JSON.stringify(options)})`,
    );
  }
  const m = new Float32Array(size);
  const v = new Float32Array(size);
  let t = 0;
  return {
    get steps() {
      return t;
    },
    step(weights, gradients) {
      if (weights.length !== size || gradients.length !== size) {
        throw new WeftError(
          'INVALID_ARGUMENT',
          `Adam was created for ${size} parameters; got weights ${weights.length} and gradients ${gradients.length}`,
        );
      }
      t += 1;
      // Bias-corrected update lr·m̂/(√v̂ + ε), with the corrections folded into two scalars (a product, not a
      // division, inside the loop: about a quarter faster).
      const stepSize = lr / (1 - beta1 ** t);
      const inverseRootC2 = 1 / Math.sqrt(1 - beta2 ** t);
      const b1 = 1 - beta1;
      const b2 = 1 - beta2;
      for (let i = 0; i < size; i += 1) {
        const g = gradients[i]!;
        const mi = beta1 * m[i]! + b1 * g;
        const vi = beta2 * v[i]! + b2 * g * g;
        m[i] = mi;
        v[i] = vi;
        weights[i] = weights[i]! - (stepSize * mi) / (Math.sqrt(vi) * inverseRootC2 + epsilon);
      }
    },
  };
}
