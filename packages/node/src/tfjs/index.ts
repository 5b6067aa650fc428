/**
 * TensorFlow.js in Node's threads and processes. Start with {@link fit}: data-parallel `model.fit` for a tfjs-layers
 * model over a Weft executor. {@link useTfjsBackend} selects a backend (cpu, wasm, tensorflow, cuda) in the thread
 * that calls it, {@link probeTfjsBackend} says whether one can run here, and {@link tfjsWasmDir} locates the wasm
 * binaries for workers.
 *
 * @module @weft/node/tfjs
 */
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
