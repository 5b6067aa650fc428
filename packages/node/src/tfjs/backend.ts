/** @module tfjs/backend — selects a TensorFlow.js backend in this thread, importing it lazily. */
import type * as tfc from '@tensorflow/tfjs-core';
import { WeftError } from '@weft/core';
import { tfjsWasmDir } from './wasm-paths.js';

/** The pure-JavaScript and WebAssembly backends that run in every worker thread. */
export type TfjsBackendName = 'cpu' | 'wasm';

/** Every {@link TfjsBackendName}. */
export const TFJS_BACKENDS: readonly TfjsBackendName[] = ['cpu', 'wasm'];

/** Options of {@link useTfjsBackend}. */
export interface UseTfjsBackendOptions {
  /**
   * Threads of the wasm backend (default 1: one thread per worker is what the study measures). More than one
   * needs a runtime where tfjs supports wasm threads (not Node, as of tfjs 4.22), otherwise it stays at one.
   */
  readonly wasmThreads?: number;
  /** Silence tfjs's console banners and warnings by switching it to production mode (default true). */
  readonly quiet?: boolean;
}

/**
 * Imports the backend's package (once per thread), points the wasm backend at its installed binaries, then
 * `await tf.setBackend(name)` and `await tf.ready()`. Throws `UNSUPPORTED` when the backend is unknown, not
 * installed, or fails to initialise. Call it in each thread (main or worker) before computing.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { useTfjsBackend } from '@weft/node/tfjs';
 * await useTfjsBackend(tf, 'wasm');
 * ```
 */
export async function useTfjsBackend(tf: typeof tfc, name: TfjsBackendName, options: UseTfjsBackendOptions = {}): Promise<void> {
  if (!TFJS_BACKENDS.includes(name)) {
    throw new WeftError('UNSUPPORTED', `tfjs backend must be one of ${TFJS_BACKENDS.join(', ')} (got ${JSON.stringify(name)})`);
  }
  if (options.quiet ?? true) tf.enableProdMode();
  const threads = options.wasmThreads ?? 1;
  if (!Number.isInteger(threads) || threads < 1) {
    throw new WeftError('INVALID_ARGUMENT', `wasmThreads must be a positive integer (got ${threads})`);
  }
  const pkg = `@tensorflow/tfjs-backend-${name}`;
  try {
    if (name === 'wasm') {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      if (tf.engine().registry['wasm'] === undefined) {
        wasm.setWasmPaths(tfjsWasmDir());
        if (threads === 1) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
        else wasm.setThreadsCount(threads);
      }
    } else {
      await import('@tensorflow/tfjs-backend-cpu');
    }
  } catch (cause) {
    if (cause instanceof WeftError) throw cause;
    throw new WeftError('UNSUPPORTED', `cannot load ${pkg}: install it (npm install ${pkg})`, { cause });
  }
  let ok: boolean;
  try {
    ok = await tf.setBackend(name);
    await tf.ready();
  } catch (cause) {
    throw new WeftError('UNSUPPORTED', `tfjs backend "${name}" failed to initialise in this thread`, { cause });
  }
  if (!ok || tf.getBackend() !== name) {
    throw new WeftError('UNSUPPORTED', `tfjs backend "${name}" failed to initialise in this thread (tf.setBackend returned false)`);
  }
}
