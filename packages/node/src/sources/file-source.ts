/** @module file-source — shards read from local files with `fs.readFile`. */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { WeftError, type AbortSignalLike, type ShardInfo, type Source } from '@weft/core';
import { toAbortSignal } from './signal.js';

/** Options of {@link fileSource}: explicit paths, or every file of a folder (sorted by name). */
export type FileSourceOptions =
  | { readonly paths: readonly string[] }
  | {
      readonly dir: string;
      /** Only files whose names end with this (e.g. `.bin`). Default: every file. */
      readonly extension?: string;
    };

/**
 * Reads one file's bytes. Rejects with `SOURCE_FAILED` naming the path when it cannot be read
 * (missing, a folder, no permission); with the signal's reason when aborted.
 */
export async function readShardFile(path: string, signal?: AbortSignalLike): Promise<Uint8Array> {
  const nodeSignal = toAbortSignal(signal);
  try {
    const buffer = await readFile(path, nodeSignal === undefined ? {} : { signal: nodeSignal });
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    if (nodeSignal?.aborted) throw nodeSignal.reason;
    const code = (error as { code?: unknown }).code;
    const why =
      code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new WeftError('SOURCE_FAILED', `cannot read shard file ${path}: ${why}; check the path`, { cause: error });
  }
}

/**
 * A {@link Source} over local files. Shard names are the paths as given (`paths`) or the file names (`dir`).
 *
 * @example
 * ```ts
 * const loader = createLoader({ source: fileSource({ dir: './shards', extension: '.bin' }), concurrency: 8 });
 * ```
 */
export function fileSource(options: FileSourceOptions): Source {
  if ('paths' in options) {
    const paths = [...options.paths];
    if (new Set(paths).size !== paths.length)
      throw new WeftError('INVALID_ARGUMENT', 'fileSource: paths must be unique');
    return {
      list: () => Promise.resolve(paths.map((name) => ({ name }))),
      read: (shard: ShardInfo, signal) => readShardFile(shard.name, signal),
    };
  }
  const dir = resolve(options.dir);
  const extension = options.extension ?? '';
  return {
    async list() {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        throw new WeftError(
          'SOURCE_FAILED',
          `cannot list shard folder ${dir}: ${(error as Error).message}; check the path`,
          { cause: error },
        );
      }
      return entries
        .filter((e) => e.isFile() && e.name.endsWith(extension))
        .map((e) => e.name)
        .sort()
        .map((name) => ({ name }));
    },
    read: (shard, signal) => readShardFile(join(dir, basename(shard.name)), signal),
  };
}
