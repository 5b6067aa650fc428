/** @module tfjs/probe — whether a TensorFlow.js backend can run in this page or worker, and exactly why not. */
import type * as tfc from '@tensorflow/tfjs-core';
import { probeOfError, useTfjsBackend } from './backend.js';
import type { TfjsBackendName, TfjsBackendProbe, UseTfjsBackendOptions } from './backend.js';

/** Options of {@link probeTfjsBackend}: `useTfjsBackend`'s. */
export type ProbeTfjsBackendOptions = UseTfjsBackendOptions;

/**
 * Selects the backend the way {@link useTfjsBackend} does, then switches back to the backend that was active
 * before (if any), and reports whether it runs: never throws. Reasons: the npm install command, no WebGL context,
 * no `navigator.gpu`, no WebGPU adapter, or the initialisation error. `detail` says how it runs (wasm threads and
 * why, WebGL renderer such as SwiftShader, WebGPU adapter). The same call as `@weft/node/tfjs`'s `probeTfjsBackend`.
 *
 * @example
 * ```ts
 * const probe = await probeTfjsBackend(tf, 'webgpu');
 * if (probe.status !== 'available') console.log(`webgpu skipped: ${probe.reason}`);
 * ```
 */
export async function probeTfjsBackend(
  tf: typeof tfc,
  name: TfjsBackendName,
  options: ProbeTfjsBackendOptions = {},
): Promise<TfjsBackendProbe> {
  let previous: string | undefined;
  try {
    previous = tf.getBackend();
  } catch {
    previous = undefined;
  }
  try {
    return await useTfjsBackend(tf, name, options);
  } catch (error) {
    return probeOfError(name, error);
  } finally {
    if (previous !== undefined && previous !== tf.getBackend()) await tf.setBackend(previous).catch(() => false);
  }
}
