/** @module @weft/node — Node adapters for Weft: the worker_threads executor and file and HTTP sources. */
export { nodeThreadsExecutor } from './threads-executor.js';
export type { NodeThreadsExecutorOptions } from './threads-executor.js';
export { fileSource, readShardFile, httpSource, fetchShard, toAbortSignal } from './sources/index.js';
export type { FileSourceOptions, HttpSourceOptions } from './sources/index.js';
