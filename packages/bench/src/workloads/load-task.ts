/** @module load-task — the tasks the `load` workload runs in worker threads: read a shard, decode a shard. */
import { defineTask, withTransfer, type DecodeInput, type TransferResult } from '@weft/core';
import { fetchShard, readShardFile } from '@weft/node';
import { decodeShard, type DecodedShard } from '../data/shards.js';

/** Where one shard lives: a file path or a URL. */
export type ShardLocation = { readonly path: string } | { readonly url: string };

/** Reads one shard (file or HTTP) in the worker and transfers its bytes back. */
export async function readShard(location: ShardLocation): Promise<TransferResult<Uint8Array>> {
  const read = 'path' in location ? await readShardFile(location.path) : await fetchShard(location.url);
  const bytes = read.byteOffset === 0 && read.byteLength === read.buffer.byteLength ? read : read.slice();
  return withTransfer(bytes, [bytes.buffer]);
}

/** {@link readShard} as a task. */
export const readShardTask = defineTask<ShardLocation, Uint8Array>(import.meta.url, 'readShard');

/** Checks and decodes one shard in the worker ({@link decodeShard}) and transfers the arrays back. */
export function decodeShardInWorker(input: DecodeInput): TransferResult<DecodedShard> {
  const decoded = decodeShard(input.bytes);
  return withTransfer(decoded, [decoded.images.buffer, decoded.labels.buffer]);
}

/** {@link decodeShardInWorker} as a task (its input is what the loader passes to an executor decode step). */
export const decodeShardTask = defineTask<DecodeInput, DecodedShard>(import.meta.url, 'decodeShardInWorker');
