import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isWeftError } from '@weft/core';
import { afterAll, describe, expect, it } from 'vitest';
import { crc32, decodeShard, encodeShard, SHARD_HEADER_BYTES } from './shard-codec.js';
import { shardRanges, writeShards } from './shards.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const expectCorrupt = (bytes: Uint8Array, pattern: RegExp) => {
  let error: unknown;
  try {
    decodeShard(bytes);
  } catch (e) {
    error = e;
  }
  expect(isWeftError(error, 'DATA_CORRUPT')).toBe(true);
  expect((error as Error).message).toMatch(pattern);
};

describe('shards', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('round-trips pixels and labels through encode and decode', () => {
    const pixels = new Uint8Array(2 * 784).map((_, i) => i % 256);
    const bytes = encodeShard({ pixels, labels: new Uint8Array([3, 7]), index: 0, total: 1 });
    expect(bytes.byteLength).toBe(SHARD_HEADER_BYTES + 2 * 785);
    const { images, labels } = decodeShard(bytes);
    expect([...labels]).toEqual([3, 7]);
    expect(images[255]).toBe(1);
    expect(images[51]).toBeCloseTo(0.2, 6);
  });

  it('splits rows into near-equal consecutive ranges', () => {
    expect(shardRanges(10, 3)).toEqual([
      [0, 3],
      [3, 6],
      [6, 10],
    ]);
    expect(() => shardRanges(10, 0)).toThrow(/shards must be an integer from 1 to 10/);
  });

  it('writes all 10,000 MNIST digits into N shard files that decode back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'weft-shards-'));
    dirs.push(dir);
    const set = await writeShards(dir, 7);
    expect(set.names).toHaveLength(7);
    expect((await readdir(dir)).sort()).toEqual([...set.names]); // no temporary files left behind
    let digits = 0;
    const counts = new Array<number>(10).fill(0);
    for (const path of set.paths) {
      const { images, labels } = decodeShard(new Uint8Array(await readFile(path)));
      expect(images.length).toBe(labels.length * 784);
      digits += labels.length;
      for (const l of labels) counts[l] = (counts[l] ?? 0) + 1;
      expect(images.every((v) => v >= 0 && v <= 1)).toBe(true);
    }
    expect(digits).toBe(10_000);
    expect(counts.every((c) => c > 800)).toBe(true); // real, mixed digits, not one class per shard
  });

  it('throws DATA_CORRUPT on a bad magic, size, version or checksum', () => {
    const good = encodeShard({ pixels: new Uint8Array(784).fill(9), labels: new Uint8Array([1]), index: 0, total: 1 });
    const badMagic = good.slice();
    badMagic[0] = 0;
    expectCorrupt(badMagic, /bad magic number/);
    expectCorrupt(good.slice(0, good.length - 1), /size .* does not match/);
    expectCorrupt(good.slice(0, 10), /shorter than the 32-byte header/);
    const badVersion = good.slice();
    badVersion[4] = 9;
    expectCorrupt(badVersion, /unknown format version 9/);
    const flipped = good.slice();
    flipped[SHARD_HEADER_BYTES + 100] = (flipped[SHARD_HEADER_BYTES + 100] as number) ^ 1;
    expectCorrupt(flipped, /checksum .* does not match/);
  });
});
