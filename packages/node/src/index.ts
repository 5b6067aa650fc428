/**
 * Weft's Node adapters. Start with {@link nodeThreadsExecutor} (a pool of `worker_threads`, one per core by default)
 * or {@link nodeProcessExecutor} (child processes, for native code that is not thread-safe); both implement
 * `Executor` from `@weft/core`. {@link fileSource} and {@link httpSource} feed `createLoader` sharded data from disk
 * or a server. TensorFlow.js helpers are in `@weft/node/tfjs`.
 *
 * @module @weft/node
 */
export { nodeThreadsExecutor } from './threads-executor.js';
export type { NodeThreadsExecutorOptions } from './threads-executor.js';
export { nodeProcessExecutor } from './process-executor.js';
export type { NodeProcessExecutorOptions } from './process-executor.js';
export { fileSource, readShardFile, httpSource, fetchShard, toAbortSignal } from './sources/index.js';
export type { FileSourceOptions, HttpSourceOptions } from './sources/index.js';
