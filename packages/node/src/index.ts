/** @module @weft/node — Node adapters for Weft: the worker_threads and child-process executors, file and HTTP sources. */
export { nodeThreadsExecutor } from './threads-executor.js';
export type { NodeThreadsExecutorOptions } from './threads-executor.js';
export { nodeProcessExecutor } from './process-executor.js';
export type { NodeProcessExecutorOptions } from './process-executor.js';
export { fileSource, readShardFile, httpSource, fetchShard, toAbortSignal } from './sources/index.js';
export type { FileSourceOptions, HttpSourceOptions } from './sources/index.js';
