/** @module @weft/node/tfjs — helpers to run TensorFlow.js backends in Node and its worker threads. */
export { tfjsWasmDir, tfjsWasmDirUrl } from './wasm-paths.js';
export { useTfjsBackend, TFJS_BACKENDS } from './backend.js';
export type { TfjsBackendName, UseTfjsBackendOptions } from './backend.js';
