/**
 * @module tfjs/backend — selects a TensorFlow.js backend in a browser page or worker (cpu, wasm, webgl, webgpu),
 * importing its package lazily, and says exactly why one cannot run.
 */
import type * as tfc from '@tensorflow/tfjs-core';
import { WeftError } from '@weft/core';
import { checkPositiveInteger, type BackendProbe } from '@weft/core/adapter';

/** The backends a browser can run: pure JavaScript, WebAssembly (SIMD, threaded where isolated), WebGL, WebGPU. */
export type TfjsBackendName = 'cpu' | 'wasm' | 'webgl' | 'webgpu';

/** Every {@link TfjsBackendName}. */
export const TFJS_BACKENDS: readonly TfjsBackendName[] = ['cpu', 'wasm', 'webgl', 'webgpu'];

/** Options of {@link useTfjsBackend} and `probeTfjsBackend` (the same shape as `@weft/node/tfjs`'s). */
export interface UseTfjsBackendOptions {
  /**
   * `wasm` only: where the `.wasm` binaries are served, as a folder URL ending in `/` or a map from file name
   * (`tfjs-backend-wasm-simd.wasm`, `tfjs-backend-wasm-threaded-simd.wasm`, `tfjs-backend-wasm.wasm`) to URL. Bundlers
   * usually need it (with Vite: `import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'`).
   */
  readonly wasmPaths?: string | Readonly<Record<string, string>>;
  /**
   * `wasm` only: XNNPACK threads (default: `navigator.hardwareConcurrency`). Threads need SharedArrayBuffer, so a page
   * that is not cross-origin isolated (COOP/COEP headers) runs one thread whatever this says, and the result's
   * `detail` says so.
   */
  readonly wasmThreads?: number;
  /** Silence tfjs's console banners and warnings by switching it to production mode (default true). */
  readonly quiet?: boolean;
}

/** What {@link useTfjsBackend} selected or `probeTfjsBackend` found: the same shape as `@weft/node/tfjs`'s. */
export type TfjsBackendProbe = BackendProbe<TfjsBackendName>;

/** A {@link WeftError} that also says whether the package was missing (for the probe). */
function unavailable(name: TfjsBackendName, status: 'missing' | 'broken', reason: string, cause?: unknown): WeftError {
  const error = new WeftError('UNSUPPORTED', `tfjs backend "${name}" unavailable: ${reason}`, { cause });
  return Object.assign(error, { probe: { name, status, reason } satisfies TfjsBackendProbe });
}

/** The probe an error of {@link useTfjsBackend} carries, or a `broken` one built from any other error. */
export function probeOfError(name: TfjsBackendName, error: unknown): TfjsBackendProbe {
  const probe = (error as { probe?: TfjsBackendProbe } | null)?.probe;
  return probe ?? { name, status: 'broken', reason: error instanceof Error ? error.message : String(error) };
}

async function importBackend<T>(name: TfjsBackendName, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (cause) {
    const pkg = `@tensorflow/tfjs-backend-${name}`;
    const text = cause instanceof Error ? cause.message : String(cause);
    const notFound =
      /Cannot find (module|package)|Failed to resolve|Failed to fetch dynamically imported module|ERR_MODULE_NOT_FOUND/i.test(
        text,
      );
    throw unavailable(
      name,
      notFound ? 'missing' : 'broken',
      notFound ? `${pkg} is not installed: npm install ${pkg}` : `${pkg} failed to load: ${text}`,
      cause,
    );
  }
}

/** The WebGL renderer string (SwiftShader when software), or why there is no WebGL context. */
function webglRenderer(): { ok: true; renderer: string } | { ok: false; reason: string } {
  const canvas: OffscreenCanvas | HTMLCanvasElement | undefined =
    typeof OffscreenCanvas === 'function'
      ? new OffscreenCanvas(1, 1)
      : typeof document === 'object'
        ? document.createElement('canvas')
        : undefined;
  if (canvas === undefined) return { ok: false, reason: 'no WebGL context: neither OffscreenCanvas nor document here' };
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (gl === null)
    return {
      ok: false,
      reason: 'no WebGL context: getContext("webgl2") and getContext("webgl") returned null (GPU or WebGL disabled)',
    };
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(info === null ? gl.RENDERER : info.UNMASKED_RENDERER_WEBGL));
  return { ok: true, renderer: `${gl instanceof WebGLRenderingContext ? 'WebGL 1' : 'WebGL 2'}, ${renderer}` };
}

/** Why WebGPU cannot run here, or the adapter it would use. */
async function webgpuAdapter(): Promise<{ ok: true; adapter: string } | { ok: false; reason: string }> {
  const gpu = (globalThis.navigator as (Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }) | undefined)?.gpu;
  if (gpu === undefined) {
    return {
      ok: false,
      reason: 'no navigator.gpu: this browser does not expose WebGPU (needs a secure context and WebGPU enabled)',
    };
  }
  let adapter: unknown;
  try {
    adapter = await gpu.requestAdapter();
  } catch (error) {
    return {
      ok: false,
      reason: `no WebGPU adapter: requestAdapter() failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (adapter === null || adapter === undefined) {
    return {
      ok: false,
      reason: 'no WebGPU adapter: navigator.gpu.requestAdapter() returned null (no usable GPU, or GPU disabled)',
    };
  }
  const info = (adapter as { info?: { vendor?: string; architecture?: string; description?: string } }).info;
  return {
    ok: true,
    adapter:
      [info?.vendor, info?.architecture, info?.description].filter((s) => s !== undefined && s !== '').join(' ') ||
      'adapter',
  };
}

/**
 * Imports the backend's package (inside this call: nothing registers on import of `@weft/browser/tfjs`), prepares
 * it, then `await tf.setBackend(name)` and `await tf.ready()`. Returns how it runs (`detail`: wasm threads, WebGL
 * renderer, WebGPU adapter). Throws `UNSUPPORTED` with the same reason `probeTfjsBackend` gives. The same call as
 * `@weft/node/tfjs`'s `useTfjsBackend`, with the browser's backends.
 *
 * - `wasm`: SIMD; threaded SIMD with `wasmThreads` (default `navigator.hardwareConcurrency`) only where
 *   `crossOriginIsolated`, otherwise one thread. The wasm backend initialises once per page or worker: its thread
 *   count is fixed by the first call.
 * - `webgl`: needs a WebGL context; headless Chromium with `--disable-gpu` still gets one from SwiftShader (software).
 * - `webgpu`: needs `navigator.gpu` and an adapter (`@tensorflow/tfjs-backend-webgpu`, optional peer).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { useTfjsBackend } from '@weft/browser/tfjs';
 * const how = await useTfjsBackend(tf, 'wasm', { wasmPaths: '/wasm/' });
 * console.log(how.detail); // "threaded-SIMD binary, 8 of 8 threads running (cross-origin isolated)"
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
  let version: string | undefined;
  let detail: string | undefined;
  let after: (() => string) | undefined;
  switch (name) {
    case 'cpu': {
      version = (await importBackend(name, () => import('@tensorflow/tfjs-backend-cpu'))).version_cpu;
      break;
    }
    case 'wasm': {
      const threads = checkPositiveInteger(
        'wasmThreads',
        options.wasmThreads ?? globalThis.navigator?.hardwareConcurrency ?? 1,
      );
      const wasm = await importBackend(name, () => import('@tensorflow/tfjs-backend-wasm'));
      version = wasm.version_wasm;
      const isolated = globalThis.crossOriginIsolated === true;
      if (tf.engine().registry['wasm'] === undefined) {
        if (options.wasmPaths !== undefined) wasm.setWasmPaths(options.wasmPaths);
        if (!isolated || threads === 1) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
        else wasm.setThreadsCount(threads);
      }
      after = () => {
        if (tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')) {
          // XNNPACK may start fewer threads than asked: report what runs.
          return `threaded-SIMD binary, ${wasm.getThreadsCount()} of ${threads} threads running (cross-origin isolated)`;
        }
        const binary = tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'SIMD binary' : 'plain binary (no SIMD)';
        const why = isolated
          ? 'cross-origin isolated; 1 thread asked'
          : 'not cross-origin isolated; threads need COOP/COEP headers';
        return `${binary}, 1 thread (${why})`;
      };
      break;
    }
    case 'webgl': {
      const gl = webglRenderer();
      if (!gl.ok) throw unavailable(name, 'broken', gl.reason);
      version = (await importBackend(name, () => import('@tensorflow/tfjs-backend-webgl'))).version_webgl;
      detail = gl.renderer;
      break;
    }
    case 'webgpu': {
      const gpu = await webgpuAdapter();
      if (!gpu.ok) throw unavailable(name, 'broken', gpu.reason);
      await importBackend(name, () => import('@tensorflow/tfjs-backend-webgpu'));
      version = tf.version_core;
      detail = gpu.adapter;
      break;
    }
  }
  let ok: boolean;
  try {
    ok = await tf.setBackend(name);
    await tf.ready();
  } catch (cause) {
    throw unavailable(
      name,
      'broken',
      `failed to initialise: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause,
    );
  }
  if (!ok || tf.getBackend() !== name)
    throw unavailable(name, 'broken', 'failed to initialise (tf.setBackend returned false)');
  detail = after?.() ?? detail;
  return {
    name,
    status: 'available',
    ...(version === undefined ? {} : { version: `tfjs-backend-${name} ${version}` }),
    ...(detail === undefined ? {} : { detail }),
  };
}
