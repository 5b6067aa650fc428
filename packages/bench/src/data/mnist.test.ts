import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isWeftError } from '@weft/core';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMnist, mnistDigitsDir } from './mnist.js';
import { sliceRows } from './mnist-shape.js';

const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function corruptCopy(file: string, content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'weft-mnist-'));
  temps.push(dir);
  await cp(mnistDigitsDir(), dir, { recursive: true });
  await writeFile(join(dir, file), content);
  return dir;
}

describe('loadMnist', () => {
  it('loads all 10,000 digits split 8,000 / 2,000, with every class and values in 0..1', async () => {
    const { train, test } = await loadMnist();
    expect([train.rows, test.rows]).toEqual([8000, 2000]);
    expect(train.x.length).toBe(8000 * 784);
    expect(test.labels.length).toBe(2000);
    const counts = new Array<number>(10).fill(0);
    for (const l of [...train.labels, ...test.labels]) counts[l] = (counts[l] as number) + 1;
    expect(counts.every((c) => c > 800)).toBe(true);
    expect(counts.reduce((a, b) => a + b)).toBe(10000);
    let max = 0;
    for (const v of train.x) max = Math.max(max, v);
    expect(max).toBeLessThanOrEqual(1);
    expect(max).toBeGreaterThan(0.9);
  });

  it('is cached per process and the split depends on the seed', async () => {
    expect(await loadMnist()).toBe(await loadMnist());
    const other = await loadMnist({ seed: 2 });
    expect(other.train.labels).not.toEqual((await loadMnist()).train.labels);
    expect(sliceRows(other.train, 5).labels).toEqual(other.train.labels.subarray(0, 5));
  });

  it.each([
    ['not JSON', '{"data": [0, 0.5'],
    ['a length that is not a multiple of 784', JSON.stringify({ data: new Array(785).fill(0) })],
    ['a value outside 0..1', JSON.stringify({ data: [...new Array(783).fill(0), 255] })],
  ])('rejects a file with %s as DATA_CORRUPT naming the file', async (_what, content) => {
    const dir = await corruptCopy('7.json', content);
    const error = await loadMnist({ dir }).catch((e: unknown) => e);
    expect(isWeftError(error, 'DATA_CORRUPT')).toBe(true);
    expect((error as Error).message).toContain(join(dir, '7.json'));
  });
});
