import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLoader, isWeftError } from '@weft/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSource, readShardFile } from './file-source.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'weft-file-source-'));
  for (const i of [2, 0, 1]) await writeFile(join(dir, `s${i}.bin`), new Uint8Array([i, i, i]));
  await writeFile(join(dir, 'notes.txt'), 'not a shard');
  await mkdir(join(dir, 'sub.bin'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('fileSource', () => {
  it('lists the files of a folder by name, filtered by extension, and loads them', async () => {
    const source = fileSource({ dir, extension: '.bin' });
    expect(await source.list()).toEqual([{ name: 's0.bin' }, { name: 's1.bin' }, { name: 's2.bin' }]);
    const got: number[][] = [];
    for await (const { data } of createLoader({ source, concurrency: 2 })) got.push([...data]);
    expect(got).toEqual([
      [0, 0, 0],
      [1, 1, 1],
      [2, 2, 2],
    ]);
  });

  it('reads explicit paths, named by their paths', async () => {
    const paths = [join(dir, 's1.bin'), join(dir, 's0.bin')];
    const source = fileSource({ paths });
    expect((await source.list()).map((s) => s.name)).toEqual(paths);
    expect([...(await readShardFile(paths[0] as string))]).toEqual([1, 1, 1]);
  });

  it('fails a load with SOURCE_FAILED naming a missing file', async () => {
    const missing = join(dir, 'missing.bin');
    const loader = createLoader({ source: fileSource({ paths: [join(dir, 's0.bin'), missing] }) });
    const error = await (async () => {
      for await (const _ of loader) void _;
    })().catch((e: unknown) => e);
    expect(isWeftError(error, 'SOURCE_FAILED')).toBe(true);
    expect((error as Error).message).toBe(`cannot read shard file ${missing}: it does not exist; check the path`);
  });

  it('fails listing a missing folder with SOURCE_FAILED', async () => {
    await expect(fileSource({ dir: join(dir, 'nope') }).list()).rejects.toThrow(/cannot list shard folder .*nope/);
  });
});
