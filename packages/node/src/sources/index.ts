/** @module sources — Node sources for the loader: local files and HTTP. */
export { fileSource, readShardFile } from './file-source.js';
export type { FileSourceOptions } from './file-source.js';
export { httpSource, fetchShard } from './http-source.js';
export type { HttpSourceOptions } from './http-source.js';
export { toAbortSignal } from './signal.js';
