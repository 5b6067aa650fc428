/**
 * @module backend-probe — what an adapter's `/tfjs` entry says about a TensorFlow.js backend, once selected or
 * probed: one shape for Node and the browser.
 */

/** Whether a backend runs here: `available`; `missing` (its package is not installed); `broken` (installed, cannot run). */
export type BackendStatus = 'available' | 'missing' | 'broken';

/**
 * A backend as `useTfjsBackend` (selected) or `probeTfjsBackend` (probed) reports it, in `@weft/node/tfjs` and
 * `@weft/browser/tfjs` alike.
 */
export interface BackendProbe<Name extends string = string> {
  /** The backend, as the adapter names it. */
  readonly name: Name;
  /** Whether it runs here. */
  readonly status: BackendStatus;
  /** Versions, when it loaded (`tfjs-node 4.22.0, libtensorflow 2.21.0`; `tfjs-backend-wasm 4.22.0`). */
  readonly version?: string;
  /** Why it cannot run: the install command, the load error, the missing device, library or browser feature. */
  readonly reason?: string;
  /** How it runs, where the adapter can tell: wasm threads and SIMD, the WebGL renderer, the WebGPU adapter. */
  readonly detail?: string;
}
