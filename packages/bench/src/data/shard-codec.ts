/**
 * @module data/shard-codec — the binary shard format of the `load` workload: encoding, the cheap header check and
 * the decoder that checks and unpacks one shard (deliberately real CPU work: a CRC-32 over the payload and uint8 →
 * float). Browser-safe: the Chromium page and its workers decode with it too.
 *
 * Layout (little-endian): a 32-byte header, then `count * 784` uint8 pixels, then `count` uint8 labels.
 *
 * | offset | field |
 * | --- | --- |
 * | 0  | magic `0x54464557` ("WEFT" read as bytes) |
 * | 4  | format version (u16, 1), header size (u16, 32) |
 * | 8  | count of digits (u32) |
 * | 12 | features per digit (u32, 784) |
 * | 16 | CRC-32 of pixels and labels (u32) |
 * | 20 | shard index (u32), shard total (u32), reserved (u32) |
 */
import { WeftError } from '@weft/core';
import { MNIST_FEATURES } from './mnist-shape.js';

/** The shard format's magic number (the bytes "WEFT"). */
export const SHARD_MAGIC = 0x54464557;
/** The shard format's version. */
export const SHARD_VERSION = 1;
/** Header size in bytes. */
export const SHARD_HEADER_BYTES = 32;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i += 1)
    crc = (CRC_TABLE[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** One shard's content: `count` digits of 784 uint8 pixels each, and their labels. */
export interface ShardContent {
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
  readonly index: number;
  readonly total: number;
}

/** A decoded shard: pixels as floats in 0..1 (row-major, 784 per digit) and labels 0..9. */
export interface DecodedShard {
  readonly images: Float32Array;
  readonly labels: Uint8Array;
}

/** Packs one shard into its binary form (header + pixels + labels). */
export function encodeShard(content: ShardContent): Uint8Array {
  const count = content.labels.length;
  if (content.pixels.length !== count * MNIST_FEATURES) {
    throw new WeftError(
      'INVALID_ARGUMENT',
      `shard pixels must be ${count} x ${MNIST_FEATURES} bytes (got ${content.pixels.length})`,
    );
  }
  const bytes = new Uint8Array(SHARD_HEADER_BYTES + count * (MNIST_FEATURES + 1));
  bytes.set(content.pixels, SHARD_HEADER_BYTES);
  bytes.set(content.labels, SHARD_HEADER_BYTES + content.pixels.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, SHARD_MAGIC, true);
  view.setUint16(4, SHARD_VERSION, true);
  view.setUint16(6, SHARD_HEADER_BYTES, true);
  view.setUint32(8, count, true);
  view.setUint32(12, MNIST_FEATURES, true);
  view.setUint32(16, crc32(bytes.subarray(SHARD_HEADER_BYTES)), true);
  view.setUint32(20, content.index, true);
  view.setUint32(24, content.total, true);
  return bytes;
}

const corrupt = (what: string) => new WeftError('DATA_CORRUPT', `shard is corrupt: ${what}; rewrite the shards`);

/**
 * Checks a shard's header (magic, version, sizes) against its length, without reading the payload, and returns
 * how many digits it holds. Cheap: what a loader that only moves bytes can afford. Throws `DATA_CORRUPT`.
 */
export function shardDigitCount(bytes: Uint8Array): number {
  if (bytes.byteLength < SHARD_HEADER_BYTES)
    throw corrupt(`${bytes.byteLength} bytes is shorter than the ${SHARD_HEADER_BYTES}-byte header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, true);
  if (magic !== SHARD_MAGIC) throw corrupt(`bad magic number 0x${magic.toString(16)}`);
  const version = view.getUint16(4, true);
  if (version !== SHARD_VERSION || view.getUint16(6, true) !== SHARD_HEADER_BYTES)
    throw corrupt(`unknown format version ${version}`);
  const count = view.getUint32(8, true);
  const features = view.getUint32(12, true);
  const expected = SHARD_HEADER_BYTES + count * (features + 1);
  if (features !== MNIST_FEATURES || bytes.byteLength !== expected) {
    throw corrupt(
      `size ${bytes.byteLength} bytes does not match ${count} digits of ${features} features (${expected} bytes)`,
    );
  }
  return count;
}

/**
 * Checks and unpacks one shard. Throws `DATA_CORRUPT` on a bad magic number, version, size or checksum.
 *
 * @example
 * ```ts
 * const { images, labels } = decodeShard(await readFile(path));
 * ```
 */
export function decodeShard(bytes: Uint8Array): DecodedShard {
  const count = shardDigitCount(bytes);
  const features = MNIST_FEATURES;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const payload = bytes.subarray(SHARD_HEADER_BYTES);
  const stored = view.getUint32(16, true);
  const actual = crc32(payload);
  if (stored !== actual)
    throw corrupt(`checksum 0x${actual.toString(16)} does not match the header's 0x${stored.toString(16)}`);
  const pixels = payload.subarray(0, count * features);
  const images = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i += 1) images[i] = (pixels[i] as number) / 255;
  const labels = payload.slice(count * features);
  for (const label of labels) if (label > 9) throw corrupt(`label ${label} is outside 0..9`);
  return { images, labels };
}
