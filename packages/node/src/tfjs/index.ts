/** @module @weft/node/tfjs — helpers to run TensorFlow.js backends in Node and its worker threads. */
export { tfjsWasmDir, tfjsWasmDirUrl } from './wasm-paths.js';
export { useTfjsBackend, TFJS_BACKENDS } from './backend.js';
export type { TfjsBackendName, UseTfjsBackendOptions } from './backend.js';
export { probeTfjsBackend } from './probe.js';
export type { TfjsBackendProbe, ProbeTfjsBackendOptions } from './probe.js';
export { NATIVE_TFJS_PACKAGES, CUDA_LIBRARIES } from './native.js';
export type { NativeTfjsBackendName, NativeTfjsModule } from './native.js';
