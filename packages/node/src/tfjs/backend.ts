/** @module tfjs/backend — selects a TensorFlow.js backend in this thread, importing it lazily. */
import type * as tfc from '@tensorflow/tfjs-core';
import { WeftError } from '@weft/core';
import { checkPositiveInteger, type BackendProbe } from '@weft/core/adapter';
import { loadNativeTfjs } from './native.js';
import { tfjsWasmDir } from './wasm-paths.js';

/**
 * The backends Weft selects in Node: pure JavaScript (`cpu`), WebAssembly (`wasm`), and the native ones:
 * `tensorflow` (`@tensorflow/tfjs-node`, libtensorflow CPU with its own thread pool) and `cuda`
 * (`@tensorflow/tfjs-node-gpu`, which registers its backend under tfjs's name `tensorflow` too).
 */
export type TfjsBackendName = 'cpu' | 'wasm' | 'tensorflow' | 'cuda';

/** Every {@link TfjsBackendName}. */
export const TFJS_BACKENDS: readonly TfjsBackendName[] = ['cpu', 'wasm', 'tensorflow', 'cuda'];

/** What {@link useTfjsBackend} selected or `probeTfjsBackend` found: the same shape as `@weft/browser/tfjs`'s. */
export type TfjsBackendProbe = BackendProbe<TfjsBackendName>;

/** Options of {@link useTfjsBackend} and `probeTfjsBackend` (the same shape as `@weft/browser/tfjs`'s). */
export interface UseTfjsBackendOptions {
  /**
   * Threads of the wasm backend (default 1: one thread per worker is what the study measures). More than one
   * needs a runtime where tfjs supports wasm threads (not Node, as of tfjs 4.22), otherwise it stays at one.
   */
  readonly wasmThreads?: number;
  /** Silence tfjs's console banners and warnings by switching it to production mode (default true). */
  readonly quiet?: boolean;
  /**
   * `tensorflow` / `cuda` only: the package's module, already imported (`import * as lib from '@tensorflow/tfjs-node'`),
   * or a function that imports it (`() => import('/opt/tfjs-node/dist/index.js')`). Without it the adapter imports
   * the package by name, inside this call. With it the install and CUDA host checks are skipped.
   */
  readonly lib?: unknown;
  /**
   * `tensorflow` / `cuda` only: libtensorflow's intra-op thread pool size, set as `TF_NUM_INTRAOP_THREADS` before the
   * library loads in this process. Verified with libtensorflow 2.21 (tfjs-node 4.22) on a 2-core VM: a 2048×2048
   * matMul used 1.00 CPU-second per wall-second with 1 thread (13 OS threads in the process) and 1.8 with the
   * default or 2 (15 OS threads); setting the variable after the import has no effect, so the value is fixed for the
   * process once loaded: asking for another one later throws `UNSUPPORTED`. The inter-op pool is left at its default
   * (one op runs at a time in eager mode). A worker thread's `process.env` is a copy the library never reads: set it
   * in the main thread before starting workers (asking for another value inside a worker throws `UNSUPPORTED`).
   */
  readonly intraOpThreads?: number;
}

/**
 * Imports the backend's package (once per thread), points the wasm backend at its installed binaries, then
 * `await tf.setBackend(name)` and `await tf.ready()`, and returns what runs (`status: 'available'`, the version, and
 * for wasm its threads). The same call as `@weft/browser/tfjs`'s `useTfjsBackend`. Throws `UNSUPPORTED` when the backend is unknown, not
 * installed, or fails to initialise, with the same reason {@link probeTfjsBackend} gives and the error as `cause`.
 * Call it in each thread (main or worker) before computing. Nothing is registered until it is called.
 *
 * Native backends: `tensorflow` imports `@tensorflow/tfjs-node`, `cuda` imports `@tensorflow/tfjs-node-gpu` (both
 * optional peers), which register on the `@tensorflow/tfjs-core` they resolve: pass that same copy as `tf`.
 * Both select tfjs's backend `tensorflow`; only one of the two packages can load in a process. Under Deno the
 * adapter defines `util.isNullOrUndefined` / `util.isArray` on `node:util` first (tfjs-node needs them).
 * By default the native backend has one owner thread (main) and CPU work fans out to the pool around it: loading
 * tfjs-node in several worker_threads is reported to crash upstream (tfjs issue #8388). With tfjs-node 4.22 on
 * libtensorflow 2.21 (built by scripts/tfjs-node-offline.sh, Node 20, 2-core VM), a process whose 2 workers each
 * selected it and ran 512×512 matMuls completed cleanly in 103 of 104 runs; one early run printed no result and its
 * output was not kept, so a crash cannot be ruled out: treat multi-worker loading as a case that may fail.
 *
 * `cuda` needs a CUDA host: Linux x86_64, an NVIDIA GPU and driver (`/dev/nvidia0`), CUDA 11.2 and cuDNN 8.1 on the
 * loader path (`libcudart.so.11.0`, `libcudnn.so.8`), and tfjs-node-gpu 4.22 installed with its GPU libtensorflow.
 * Where that is missing it throws `UNSUPPORTED` saying which part, and the bench study lists it as skipped with that
 * reason.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { useTfjsBackend } from '@weft/node/tfjs';
 * const selected = await useTfjsBackend(tf, 'wasm');
 * console.log(selected.version); // "tfjs-backend-wasm 4.22.0"
 * ```
 */
export async function useTfjsBackend(
  tf: typeof tfc,
  name: TfjsBackendName,
  options: UseTfjsBackendOptions = {},
): Promise<TfjsBackendProbe> {
  if (!TFJS_BACKENDS.includes(name)) {
    throw new WeftError(
      'UNSUPPORTED',
      `tfjs backend must be one of ${TFJS_BACKENDS.join(', ')} (got ${JSON.stringify(name)})`,
    );
  }
  if (options.quiet ?? true) tf.enableProdMode();
  if (name === 'tensorflow' || name === 'cuda') return useNativeBackend(tf, name, options);
  const threads = checkPositiveInteger('wasmThreads', options.wasmThreads ?? 1);
  const pkg = `@tensorflow/tfjs-backend-${name}`;
  let version: string;
  let detail: (() => string) | undefined;
  try {
    if (name === 'wasm') {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      if (tf.engine().registry['wasm'] === undefined) {
        wasm.setWasmPaths(tfjsWasmDir());
        if (threads === 1) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
        else wasm.setThreadsCount(threads);
      }
      version = wasm.version_wasm;
      // The thread count is fixed by the first selection in this thread: report what runs.
      detail = () =>
        tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')
          ? `threaded binary, ${wasm.getThreadsCount()} threads running`
          : '1 thread';
    } else {
      version = (await import('@tensorflow/tfjs-backend-cpu')).version_cpu;
    }
  } catch (cause) {
    if (cause instanceof WeftError) throw cause;
    throw new WeftError('UNSUPPORTED', `cannot load ${pkg}: install it (npm install ${pkg})`, { cause });
  }
  await activate(tf, name, name);
  return {
    name,
    status: 'available',
    version: `tfjs-backend-${name} ${version}`,
    ...(detail === undefined ? {} : { detail: detail() }),
  };
}

async function useNativeBackend(
  tf: typeof tfc,
  name: 'tensorflow' | 'cuda',
  options: UseTfjsBackendOptions,
): Promise<TfjsBackendProbe> {
  const load = await loadNativeTfjs(name, options);
  if (!load.ok)
    throw new WeftError('UNSUPPORTED', `tfjs backend "${name}" unavailable: ${load.reason}`, { cause: load.cause });
  if (tf.engine().registry['tensorflow'] === undefined && tf.findBackendFactory('tensorflow') === null) {
    throw new WeftError(
      'UNSUPPORTED',
      `tfjs backend "${name}" registered on another copy of @tensorflow/tfjs-core than the one passed in (two copies installed?)`,
    );
  }
  await activate(tf, 'tensorflow', name);
  return { name, status: 'available', version: load.version };
}

/** `tf.setBackend(registered)` and `tf.ready()`, failing with `UNSUPPORTED` that names the backend as Weft calls it. */
async function activate(tf: typeof tfc, registered: string, name: TfjsBackendName): Promise<void> {
  let ok: boolean;
  try {
    ok = await tf.setBackend(registered);
    await tf.ready();
  } catch (cause) {
    throw new WeftError('UNSUPPORTED', `tfjs backend "${name}" failed to initialise in this thread`, { cause });
  }
  if (!ok || tf.getBackend() !== registered) {
    throw new WeftError(
      'UNSUPPORTED',
      `tfjs backend "${name}" failed to initialise in this thread (tf.setBackend returned false)`,
    );
  }
}
