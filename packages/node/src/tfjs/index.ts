/** @module @weft/node/tfjs — helpers to run TensorFlow.js backends in Node's threads and processes, and data-parallel `fit`. */
export { tfjsWasmDir, tfjsWasmDirUrl } from './wasm-paths.js';
export { useTfjsBackend, TFJS_BACKENDS } from './backend.js';
export type { TfjsBackendName, TfjsBackendProbe, UseTfjsBackendOptions } from './backend.js';
export { ensureTfjsBackend } from './ensure-backend.js';
export { fit } from './fit.js';
export type { NodeFitOptions } from './fit.js';
export { modelPartTask } from './model-part-ref.js';
export { probeTfjsBackend } from './probe.js';
export type { ProbeTfjsBackendOptions } from './probe.js';
export { NATIVE_TFJS_PACKAGES, CUDA_LIBRARIES } from './native.js';
export type { NativeTfjsBackendName, NativeTfjsModule } from './native.js';
