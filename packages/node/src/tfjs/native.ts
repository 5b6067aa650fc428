/**
 * @module tfjs/native — loads the native TensorFlow.js backends (`@tensorflow/tfjs-node`, `@tensorflow/tfjs-node-gpu`)
 * lazily and says exactly why one cannot run: package not installed, native library missing, no CUDA device or CUDA
 * libraries not found.
 */
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { WeftError } from '@weft/core';
import { checkPositiveInteger } from '@weft/core/adapter';

/** The native backends, by Weft's name. Both register the tfjs backend `tensorflow`. */
export type NativeTfjsBackendName = 'tensorflow' | 'cuda';

/** What a native backend's package exports that Weft uses (`@tensorflow/tfjs-node` or `-gpu`, or an injected one). */
export interface NativeTfjsModule {
  /** Versions of the tfjs packages, including `tfjs-node`. */
  readonly version?: Readonly<Record<string, string>>;
  /** tfjs's `findBackend`: returns the (initialised) backend registered under a name. */
  readonly findBackend?: (name: string) => unknown;
}

/** The npm package behind each native backend. */
export const NATIVE_TFJS_PACKAGES: Readonly<Record<NativeTfjsBackendName, string>> = {
  tensorflow: '@tensorflow/tfjs-node',
  cuda: '@tensorflow/tfjs-node-gpu',
};

/** The CUDA libraries libtensorflow 2.9 (tfjs-node-gpu 4.22) opens: CUDA 11.2 and cuDNN 8.1. */
export const CUDA_LIBRARIES: readonly string[] = ['libcudart.so.11.0', 'libcudnn.so.8'];

/** A native backend that loaded, or why it did not. */
export type NativeLoad =
  | { readonly ok: true; readonly module: NativeTfjsModule; readonly version: string }
  | { readonly ok: false; readonly status: 'missing' | 'broken'; readonly reason: string; readonly cause?: unknown };

const OFFLINE_HINT = 'run bash scripts/tfjs-node-offline.sh (builds the addon from the TensorFlow CPU wheel, offline)';

/** Which native package this process loaded, and TF_NUM_INTRAOP_THREADS as it was when it did. */
let loaded: { name: NativeTfjsBackendName; module: NativeTfjsModule; intraOp: string | undefined } | undefined;

/**
 * tfjs-node calls `util.isNullOrUndefined` and `util.isArray`, which Deno's `node:util` lacks (and Node may drop):
 * define them on `node:util` when missing, before the package runs.
 */
export async function shimNodeUtil(): Promise<void> {
  const util = (await import('node:util')).default as unknown as Record<string, unknown>;
  if (typeof util['isNullOrUndefined'] !== 'function') {
    util['isNullOrUndefined'] = (value: unknown): boolean => value === null || value === undefined;
  }
  if (typeof util['isArray'] !== 'function') util['isArray'] = Array.isArray;
}

/** True when `error` is an import or require of a package that is not installed. */
export function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The first line of an error's message (dlopen errors are one line; tfjs's are several), with paths under the
 * working folder shown relative to it.
 */
function firstLine(error: unknown): string {
  return message(error).split('\n')[0]!.trim().replaceAll(`${process.cwd()}${path.sep}`, '');
}

/** Where `pkg`'s entry point resolves from here (without running it), or undefined when it is not installed. */
function resolvePackage(pkg: string): string | undefined {
  try {
    return createRequire(import.meta.url).resolve(pkg);
  } catch {
    return undefined;
  }
}

/** True when `pkg` already ran in this thread without the adapter (imported directly by the application). */
function alreadyRan(entry: string): boolean {
  return createRequire(import.meta.url).cache[entry] !== undefined;
}

/** `/dev/nvidia0`, `/dev/nvidia1`, ...: the devices the NVIDIA driver creates, one per GPU. */
function nvidiaDevices(): string[] {
  try {
    return readdirSync('/dev').filter((entry) => /^nvidia\d+$/.test(entry));
  } catch {
    return [];
  }
}

/** Opens a shared library by name through the loader path: Deno's FFI under Deno, `process.dlopen` elsewhere. */
function dlopen(library: string): void {
  const deno = (globalThis as { Deno?: { dlopen?: (path: string, symbols: object) => { close(): void } } }).Deno;
  if (typeof deno?.dlopen === 'function') {
    deno.dlopen(library, {}).close();
    return;
  }
  process.dlopen({ exports: {} }, library);
}

/**
 * The problem with each library of `libraries` the dynamic loader cannot open (empty: all found). A library that
 * opens but is no Node addon fails with "did not self-register" (Node) or "napi_register_module_v1" (Bun): found.
 */
function missingLibraries(libraries: readonly string[]): string[] {
  const missing: string[] = [];
  for (const library of libraries) {
    try {
      dlopen(library);
    } catch (error) {
      const text = message(error);
      // Deno prefixes the loader's message with "Could not open library: " (twice, in Deno 2.9).
      if (/cannot open shared object file|No such file|image not found/i.test(text))
        missing.push(firstLine(error).replace(/^(Could not open library: )+/, ''));
      else if (!/did not self-register|napi_register_module_v1/.test(text))
        missing.push(`cannot check ${library} here: ${firstLine(error)}`);
    }
  }
  return missing;
}

/** Why a CUDA host cannot run tfjs-node-gpu, checked without loading it (empty: device and libraries found). */
function cudaHostProblems(): string[] {
  const problems: string[] = [];
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    problems.push(`tfjs-node-gpu 4.22 runs on Linux x86_64 only (this is ${process.platform} ${process.arch})`);
    return problems;
  }
  if (nvidiaDevices().length === 0 || !existsSync('/dev/nvidiactl')) {
    problems.push('no CUDA device: no /dev/nvidia0 or /dev/nvidiactl (no NVIDIA GPU or driver not loaded)');
  }
  const libraries = missingLibraries(CUDA_LIBRARIES);
  if (libraries.length > 0) {
    problems.push(
      `CUDA libraries not found (needs CUDA 11.2 and cuDNN 8.1 on the loader path): ${libraries.join('; ')}`,
    );
  }
  return problems;
}

/** Turns an error thrown while importing or initialising a native backend into its reason. */
export function explainNativeFailure(
  name: NativeTfjsBackendName,
  error: unknown,
): Omit<Extract<NativeLoad, { ok: false }>, 'ok'> {
  const pkg = NATIVE_TFJS_PACKAGES[name];
  const text = message(error);
  if (isModuleNotFound(error) && text.includes(pkg)) {
    return { status: 'missing', reason: `${pkg} is not installed: npm install ${pkg}`, cause: error };
  }
  if (/tfjs_binding\.node\) can not be found/.test(text)) {
    return { status: 'broken', reason: `${pkg} native addon not built: ${OFFLINE_HINT}`, cause: error };
  }
  const library = /(lib(cudart|cudnn|cublas|cublasLt|cufft|curand|cusolver|cusparse|cuda)[\w.-]*\.so[\w.]*)/.exec(text);
  if (library !== null) {
    return {
      status: 'broken',
      reason: `CUDA libraries not found (needs CUDA 11.2 and cuDNN 8.1): ${firstLine(error)}`,
      cause: error,
    };
  }
  if (/libtensorflow[\w.]*\.so/.test(text)) {
    const hint =
      name === 'cuda'
        ? 'reinstall @tensorflow/tfjs-node-gpu on a host that can download libtensorflow GPU'
        : OFFLINE_HINT;
    return { status: 'broken', reason: `native library missing: ${firstLine(error)}; ${hint}`, cause: error };
  }
  return { status: 'broken', reason: `${pkg} failed to load: ${firstLine(error)}`, cause: error };
}

/** Options of {@link loadNativeTfjs}. */
export interface LoadNativeOptions {
  /**
   * The package's module, already imported, or a function that imports it (`() => import('/opt/tfjs-node')`): used
   * instead of importing the package by name, without the install and CUDA host checks.
   */
  readonly lib?: unknown;
  /** TF_NUM_INTRAOP_THREADS to set before libtensorflow loads. */
  readonly intraOpThreads?: number;
}

/**
 * Imports the native backend's package (or takes `lib`), initialises its `tensorflow` backend and reads its version
 * (`tfjs-node 4.22.0, libtensorflow 2.21.0`). Never throws for an unavailable backend: returns why instead. Throws
 * `INVALID_ARGUMENT` for a bad `intraOpThreads` and `UNSUPPORTED` when it asks for another value than the one the
 * library loaded with, or when the other native package is already loaded in this process.
 */
export async function loadNativeTfjs(
  name: NativeTfjsBackendName,
  options: LoadNativeOptions = {},
): Promise<NativeLoad> {
  const pkg = NATIVE_TFJS_PACKAGES[name];
  const threads = options.intraOpThreads;
  if (threads !== undefined) checkPositiveInteger('intraOpThreads', threads);
  const entry = options.lib === undefined ? resolvePackage(pkg) : undefined;
  if (options.lib === undefined) {
    const problems: string[] = [];
    if (entry === undefined) problems.push(`${pkg} is not installed: npm install ${pkg}`);
    if (name === 'cuda') problems.push(...cudaHostProblems());
    if (problems.length > 0)
      return { ok: false, status: entry === undefined ? 'missing' : 'broken', reason: problems.join('; ') };
  }
  if (loaded !== undefined) {
    if (loaded.name !== name) {
      throw new WeftError(
        'UNSUPPORTED',
        `${NATIVE_TFJS_PACKAGES[loaded.name]} is already loaded in this process; ${pkg} cannot load beside it`,
      );
    }
    if (threads !== undefined && loaded.intraOp !== String(threads)) {
      throw new WeftError(
        'UNSUPPORTED',
        `intraOpThreads ${threads} comes too late: libtensorflow already loaded in this process with TF_NUM_INTRAOP_THREADS=${loaded.intraOp ?? '(unset: one per core)'}`,
      );
    }
    if (options.lib === undefined || options.lib === loaded.module) return describe(name, loaded.module);
    // Another injected module: load it and describe it, keeping the first as the process's owner.
  }
  let module: NativeTfjsModule;
  if (options.lib !== undefined) {
    try {
      if (typeof options.lib === 'function') await shimNodeUtil();
      module = (
        typeof options.lib === 'function' ? await (options.lib as () => unknown)() : options.lib
      ) as NativeTfjsModule;
    } catch (error) {
      return { ok: false, ...explainNativeFailure(name, error) };
    }
  } else {
    if (threads !== undefined && process.env['TF_NUM_INTRAOP_THREADS'] !== String(threads)) {
      if (entry !== undefined && alreadyRan(entry)) {
        throw new WeftError(
          'UNSUPPORTED',
          `intraOpThreads ${threads} comes too late: ${pkg} was already imported in this process with TF_NUM_INTRAOP_THREADS=${process.env['TF_NUM_INTRAOP_THREADS'] ?? '(unset: one per core)'}`,
        );
      }
      if (!isMainThread) {
        throw new WeftError(
          'UNSUPPORTED',
          'intraOpThreads cannot be set inside a worker thread (its process.env is a copy libtensorflow never reads): set TF_NUM_INTRAOP_THREADS in the main thread before starting the workers',
        );
      }
      process.env['TF_NUM_INTRAOP_THREADS'] = String(threads);
    }
    try {
      await shimNodeUtil();
      module = (await import(pkg)) as NativeTfjsModule;
    } catch (error) {
      return { ok: false, ...explainNativeFailure(name, error) };
    }
  }
  const result = describe(name, module);
  if (result.ok) loaded ??= { name, module, intraOp: process.env['TF_NUM_INTRAOP_THREADS'] };
  return result;
}

/** Initialises the module's `tensorflow` backend and reads its versions. */
function describe(name: NativeTfjsBackendName, module: NativeTfjsModule): NativeLoad {
  let backend: unknown;
  try {
    if (typeof module.findBackend !== 'function')
      throw new Error(`${NATIVE_TFJS_PACKAGES[name]} exports no findBackend: not a tfjs-node module`);
    backend = module.findBackend('tensorflow');
    if (backend === null || backend === undefined)
      throw new Error('backend "tensorflow" did not register or failed to initialise');
  } catch (error) {
    return { ok: false, ...explainNativeFailure(name, error) };
  }
  const tfVersion = (backend as { binding?: { TF_Version?: unknown } }).binding?.TF_Version;
  const nodeVersion = module.version?.['tfjs-node'] ?? 'unknown';
  return {
    ok: true,
    module,
    version: `tfjs-node ${nodeVersion}${typeof tfVersion === 'string' ? `, libtensorflow ${tfVersion}` : ''}`,
  };
}
