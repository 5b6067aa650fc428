/**
 * TensorFlow.js backends in a browser page or worker: {@link useTfjsBackend} selects cpu, wasm, webgl or webgpu in
 * the calling thread, and {@link probeTfjsBackend} says whether one can run there (the same names and shapes as
 * `@weft/node/tfjs`).
 *
 * @module @weft/browser/tfjs
 */
export { useTfjsBackend, TFJS_BACKENDS } from './backend.js';
export type { TfjsBackendName, TfjsBackendProbe, UseTfjsBackendOptions } from './backend.js';
export { probeTfjsBackend } from './probe.js';
export type { ProbeTfjsBackendOptions } from './probe.js';
