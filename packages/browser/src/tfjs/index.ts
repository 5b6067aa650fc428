/** @module @weft/browser/tfjs — sets up TensorFlow.js backends in a browser page or worker: cpu, wasm, webgl, webgpu. */
export { useBrowserTfjsBackend, BROWSER_TFJS_BACKENDS } from './backend.js';
export type { BrowserTfjsBackendName, BrowserTfjsBackendProbe, UseBrowserTfjsBackendOptions } from './backend.js';
export { probeBrowserTfjsBackend } from './probe.js';
