import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputFile, checkOutputFolder } from './output-paths.js';

const scratch = () => mkdtemp(path.join(os.tmpdir(), 'weft-paths-'));

describe('output paths checked before any work', () => {
  it('accepts a new study folder or an existing empty one, and refuses a file or a folder with files', async () => {
    const dir = await scratch();
    await checkOutputFolder(path.join(dir, 'a', 'b', 'new'), '--out');
    expect(await readdir(path.join(dir, 'a', 'b'))).toEqual([]); // the parents exist now; no probe file is left
    await mkdir(path.join(dir, 'empty'));
    await checkOutputFolder(path.join(dir, 'empty'), '--out');
    await writeFile(path.join(dir, 'empty', 'x'), '');
    await expect(checkOutputFolder(path.join(dir, 'empty'), '--out')).rejects.toThrow(
      /--out: .*empty is not empty: pass a new or empty folder/,
    );
    await expect(checkOutputFolder(path.join(dir, 'empty', 'x'), '--out')).rejects.toThrow(
      /--out: .*x is a file: pass a new or empty folder/,
    );
    await expect(checkOutputFolder(path.join(dir, 'empty', 'x', 'y'), '--out')).rejects.toThrow(
      /--out: .*x is a file, not a folder/,
    );
  });

  it('accepts a results file in a writable folder, new or existing, and refuses a folder or an unwritable place', async () => {
    const dir = await scratch();
    await checkOutputFile(path.join(dir, 'results', 'r.json'), '--json');
    await writeFile(path.join(dir, 'results', 'r.json'), '{}');
    await checkOutputFile(path.join(dir, 'results', 'r.json'), '--json');
    await expect(checkOutputFile(path.join(dir, 'results'), '--json')).rejects.toThrow(
      /--json: .*results is a folder: give a file name/,
    );
    await expect(checkOutputFile('/proc/weft-nope/r.json', '--json')).rejects.toThrow(
      /--json: cannot create the folder \/proc\/weft-nope/,
    );
  });
});
