/** @module tfjs/probe — whether a TensorFlow.js backend can run in this process, and exactly why not. */
import type * as tfc from '@tensorflow/tfjs-core';
import type { TfjsBackendName, TfjsBackendProbe, UseTfjsBackendOptions } from './backend.js';
import { TFJS_BACKENDS } from './backend.js';
import { isModuleNotFound, loadNativeTfjs } from './native.js';

/** Options of {@link probeTfjsBackend}: `useTfjsBackend`'s (only `lib` matters to a probe in Node). */
export type ProbeTfjsBackendOptions = UseTfjsBackendOptions;

/**
 * Loads the backend's package (importing the native ones initialises libtensorflow in this process, but selects
 * nothing) and reports whether it can run on `tf`: a package that registered its backend on another copy of
 * `@tensorflow/tfjs-core` than `tf` is `broken` (two copies installed). Never throws. For `cuda` it checks, without
 * loading it, that the package is installed, that an NVIDIA device exists (`/dev/nvidia0`) and that
 * `libcudart.so.11.0` and `libcudnn.so.8` load, and reports every one that fails. The same call as
 * `@weft/browser/tfjs`'s `probeTfjsBackend`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * const probe = await probeTfjsBackend(tf, 'cuda');
 * if (probe.status !== 'available') console.log(`cuda skipped: ${probe.reason}`);
 * ```
 */
export async function probeTfjsBackend(
  tf: typeof tfc,
  name: TfjsBackendName,
  options: ProbeTfjsBackendOptions = {},
): Promise<TfjsBackendProbe> {
  try {
    if (!TFJS_BACKENDS.includes(name)) {
      return {
        name,
        status: 'missing',
        reason: `unknown backend ${JSON.stringify(name)}: one of ${TFJS_BACKENDS.join(', ')}`,
      };
    }
    if (name === 'tensorflow' || name === 'cuda') {
      const load = await loadNativeTfjs(name, { lib: options.lib });
      return load.ok
        ? registeredOn(tf, name, 'tensorflow', load.version)
        : { name, status: load.status, reason: load.reason };
    }
    const pkg = `@tensorflow/tfjs-backend-${name}`;
    try {
      const module = (await import(pkg)) as { version_cpu?: string; version_wasm?: string };
      const version = name === 'cpu' ? module.version_cpu : module.version_wasm;
      return registeredOn(tf, name, name, version === undefined ? undefined : `tfjs-backend-${name} ${version}`);
    } catch (error) {
      if (isModuleNotFound(error)) {
        return { name, status: 'missing', reason: `${pkg} is not installed: npm install ${pkg}` };
      }
      return {
        name,
        status: 'broken',
        reason: `${pkg} failed to load: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  } catch (error) {
    return { name, status: 'broken', reason: error instanceof Error ? error.message : String(error) };
  }
}

/** `available` when the backend's package registered `registered` on `tf`, else `broken`: two copies of tfjs-core. */
function registeredOn(
  tf: typeof tfc,
  name: TfjsBackendName,
  registered: string,
  version: string | undefined,
): TfjsBackendProbe {
  if (tf.engine().registry[registered] === undefined && tf.findBackendFactory(registered) === null) {
    return {
      name,
      status: 'broken',
      reason: `its backend registered on another copy of @tensorflow/tfjs-core than the one passed in (two copies installed?)`,
    };
  }
  return { name, status: 'available', ...(version === undefined ? {} : { version }) };
}
