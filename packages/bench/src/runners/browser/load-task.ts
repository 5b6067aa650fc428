/**
 * @module runners/browser/load-task — the tasks the `load` workload runs in the page's Web Workers: read a shard
 * over HTTP (the host's server), decode a shard (the same body as in Node's workers).
 */
import { withTransfer, type TransferResult } from '@weft/core';
import type { ShardLocation } from '../../workloads/host.js';

export { decodeShardInWorker } from '../../workloads/shard-decode.js';

/** Fetches one shard in the worker and transfers its bytes back. */
export async function readShard(location: ShardLocation): Promise<TransferResult<Uint8Array>> {
  if (!('url' in location)) throw new Error('a page worker reads shards over HTTP only');
  const response = await fetch(location.url);
  if (!response.ok) throw new Error(`GET ${location.url} answered ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return withTransfer(bytes, [bytes.buffer]);
}
