/**
 * Weft's Web Worker adapter, for browsers, Deno and Bun: {@link webWorkerExecutor} is a pool of module Workers that
 * implements `Executor` from `@weft/core` (in a browser, shared memory needs a cross-origin isolated page). Its
 * Workers run the entry `@weft/browser/worker` (the shared worker loop; nothing to import from it yourself).
 * TensorFlow.js helpers are in `@weft/browser/tfjs`.
 *
 * @module @weft/browser
 */
export { webWorkerExecutor } from './web-worker-executor.js';
export type { WebWorkerExecutorOptions, WorkerLike } from './web-worker-executor.js';
