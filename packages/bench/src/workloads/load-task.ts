/**
 * @module load-task — the tasks the `load` workload runs in Node's, Deno's and Bun's worker threads: read a shard
 * (file or HTTP), decode a shard.
 */
import { defineTask, withTransfer, type DecodeInput, type TransferResult } from '@weft/core';
import { fetchShard, readShardFile } from '@weft/node';
import type { DecodedShard } from '../data/shard-codec.js';
import type { ShardLocation } from './host.js';

// The decode task's body, shared with the page's workers; exported here so this module's task can name it.
export { decodeShardInWorker } from './shard-decode.js';

/** Reads one shard (file or HTTP) in the worker and transfers its bytes back. */
export async function readShard(location: ShardLocation): Promise<TransferResult<Uint8Array>> {
  const read = 'path' in location ? await readShardFile(location.path) : await fetchShard(location.url);
  const bytes = read.byteOffset === 0 && read.byteLength === read.buffer.byteLength ? read : read.slice();
  return withTransfer(bytes, [bytes.buffer]);
}

/** {@link readShard} as a task. */
export const readShardTask = defineTask<ShardLocation, Uint8Array>(import.meta.url, 'readShard');

/** `decodeShardInWorker` as a task (its input is what the loader passes to an executor decode step). */
export const decodeShardTask = defineTask<DecodeInput, DecodedShard>(import.meta.url, 'decodeShardInWorker');
