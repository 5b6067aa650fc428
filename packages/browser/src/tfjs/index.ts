/** @module @weft/browser/tfjs — sets up TensorFlow.js backends in a browser page or worker: cpu, wasm, webgl, webgpu. */
export { useTfjsBackend, TFJS_BACKENDS } from './backend.js';
export type { TfjsBackendName, TfjsBackendProbe, UseTfjsBackendOptions } from './backend.js';
export { probeTfjsBackend } from './probe.js';
export type { ProbeTfjsBackendOptions } from './probe.js';
