/** @module @weft/browser — the Web Worker executor of Weft, for browsers, Deno and Bun. */
export { webWorkerExecutor } from './web-worker-executor.js';
export type { WebWorkerExecutorOptions, WorkerLike } from './web-worker-executor.js';
