/** @module workloads/shard-decode — the `load` workload's decode task body, the same in every runtime's workers. */
import { withTransfer, type DecodeInput, type TransferResult } from '@weft/core';
import { decodeShard, type DecodedShard } from '../data/shard-codec.js';

/** Checks and decodes one shard in the worker (`decodeShard`) and transfers the arrays back. */
export function decodeShardInWorker(input: DecodeInput): TransferResult<DecodedShard> {
  const decoded = decodeShard(input.bytes);
  return withTransfer(decoded, [decoded.images.buffer, decoded.labels.buffer]);
}
