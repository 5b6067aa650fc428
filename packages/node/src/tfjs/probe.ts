/** @module tfjs/probe — whether a TensorFlow.js backend can run in this process, and exactly why not. */
import type { TfjsBackendName } from './backend.js';
import { TFJS_BACKENDS } from './backend.js';
import { isModuleNotFound, loadNativeTfjs } from './native.js';

/** What {@link probeTfjsBackend} found. */
export interface TfjsBackendProbe {
  /** The backend probed. */
  readonly name: TfjsBackendName;
  /** `available`: it loads; `missing`: its package is not installed; `broken`: installed but cannot run here. */
  readonly status: 'available' | 'missing' | 'broken';
  /** Versions, when available (`tfjs-node 4.22.0, libtensorflow 2.21.0`; `tfjs-backend-wasm 4.22.0`). */
  readonly version?: string;
  /** Why it is not available: the npm install command, the dlopen error, the missing CUDA device or libraries. */
  readonly reason?: string;
}

/** Options of {@link probeTfjsBackend}. */
export interface ProbeTfjsBackendOptions {
  /** `tensorflow` / `cuda` only: the package's module or a function importing it (see `useTfjsBackend`'s `lib`). */
  readonly lib?: unknown;
}

/**
 * Loads the backend's package (importing the native ones initialises libtensorflow in this process, but selects
 * nothing) and reports whether it can run. Never throws. For `cuda` it checks, without loading it, that the package
 * is installed, that an NVIDIA device exists (`/dev/nvidia0`) and that `libcudart.so.11.0` and `libcudnn.so.8` load,
 * and reports every one that fails.
 *
 * @example
 * ```ts
 * const probe = await probeTfjsBackend('cuda');
 * if (probe.status !== 'available') console.log(`cuda skipped: ${probe.reason}`);
 * ```
 */
export async function probeTfjsBackend(
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
        ? { name, status: 'available', version: load.version }
        : { name, status: load.status, reason: load.reason };
    }
    const pkg = `@tensorflow/tfjs-backend-${name}`;
    try {
      const module = (await import(pkg)) as { version_cpu?: string; version_wasm?: string };
      const version = name === 'cpu' ? module.version_cpu : module.version_wasm;
      return {
        name,
        status: 'available',
        ...(version === undefined ? {} : { version: `tfjs-backend-${name} ${version}` }),
      };
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
