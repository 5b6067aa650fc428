/**
 * @module data/shards — MNIST digits packed into shard files for the `load` workload (the format is in
 * `shard-codec.ts`).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { WeftError } from '@weft/core';
import { writeFileAtomic } from '../atomic-write.js';
import { loadMnist } from './mnist.js';
import { MNIST_FEATURES } from './mnist-shape.js';
import { encodeShard } from './shard-codec.js';

/** The 10,000 MNIST digits (the study's train and test parts together) as uint8 pixels and labels. */
export async function mnistDigitsUint8(): Promise<{ pixels: Uint8Array; labels: Uint8Array }> {
  const { train, test } = await loadMnist();
  const rows = train.rows + test.rows;
  const pixels = new Uint8Array(rows * MNIST_FEATURES);
  const labels = new Uint8Array(rows);
  let at = 0;
  for (const part of [train, test]) {
    for (let i = 0; i < part.x.length; i += 1)
      pixels[at * MNIST_FEATURES + i] = Math.round((part.x[i] as number) * 255);
    labels.set(part.labels, at);
    at += part.rows;
  }
  return { pixels, labels };
}

/** Splits `rows` digits into `shards` near-equal consecutive parts; returns each part's [start, end). */
export function shardRanges(rows: number, shards: number): Array<readonly [number, number]> {
  if (!Number.isInteger(shards) || shards <= 0 || shards > rows) {
    throw new WeftError('INVALID_ARGUMENT', `shards must be an integer from 1 to ${rows} (got ${shards})`);
  }
  return Array.from(
    { length: shards },
    (_, i) => [Math.floor((i * rows) / shards), Math.floor(((i + 1) * rows) / shards)] as const,
  );
}

/** The shard files {@link writeShards} wrote. */
export interface ShardSet {
  readonly dir: string;
  /** File names, in shard order. */
  readonly names: readonly string[];
  /** Absolute paths, in shard order. */
  readonly paths: readonly string[];
  /** Every shard's bytes, in shard order (handy for an in-memory HTTP server). */
  readonly contents: readonly Uint8Array[];
  readonly totalBytes: number;
}

/**
 * Packs the 10,000 MNIST digits into `shards` files `shard-00000.bin`, … in `dir` (created if missing). Each file is
 * written to a temporary name first and then renamed, so a reader never sees half a shard.
 */
export async function writeShards(dir: string, shards: number): Promise<ShardSet> {
  const { pixels, labels } = await mnistDigitsUint8();
  await mkdir(dir, { recursive: true });
  const names: string[] = [];
  const paths: string[] = [];
  const contents: Uint8Array[] = [];
  let totalBytes = 0;
  const ranges = shardRanges(labels.length, shards);
  for (const [index, [start, end]] of ranges.entries()) {
    const bytes = encodeShard({
      pixels: pixels.subarray(start * MNIST_FEATURES, end * MNIST_FEATURES),
      labels: labels.subarray(start, end),
      index,
      total: shards,
    });
    const name = `shard-${String(index).padStart(5, '0')}.bin`;
    const path = join(dir, name);
    await writeFileAtomic(path, bytes);
    names.push(name);
    paths.push(path);
    contents.push(bytes);
    totalBytes += bytes.byteLength;
  }
  return { dir, names, paths, contents, totalBytes };
}
