/**
 * @module output-paths — the command's output paths checked before any work: a results file (`--json`, `report
 * --out`) and a study folder (`study --out`) must be writable where they are, within a time limit, so that a long
 * run never ends in a path it cannot write.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { WeftError } from '@weft/core';
import { shownPath } from './shown-path.js';

/** How long a path check may take (a special or stuck file system must not hang the command). */
const CHECK_LIMIT_MS = 10_000;

const statOf = (p: string) => stat(p).catch(() => undefined);

/**
 * Makes sure `dir` is a folder this process can write: creates the missing folders one level at a time (a recursive
 * `mkdir` never settles on some special file systems, such as /proc) and writes and removes a probe file.
 */
async function ensureWritableFolder(dir: string, option: string): Promise<void> {
  const missing: string[] = [];
  let at = dir;
  let info = await statOf(at);
  while (info === undefined && path.dirname(at) !== at) {
    missing.unshift(at);
    at = path.dirname(at);
    info = await statOf(at);
  }
  if (info !== undefined && !info.isDirectory())
    throw new WeftError('INVALID_ARGUMENT', `${option}: ${shownPath(at)} is a file, not a folder: choose another path`);
  for (const folder of missing) {
    await mkdir(folder).catch((error: NodeJS.ErrnoException) => {
      throw new WeftError(
        'INVALID_ARGUMENT',
        `${option}: cannot create the folder ${shownPath(folder)} (${error.code ?? error.message}): choose another path`,
      );
    });
  }
  const probe = path.join(dir, `.weft-probe-${randomUUID()}`);
  await writeFile(probe, '').catch((error: NodeJS.ErrnoException) => {
    throw new WeftError(
      'INVALID_ARGUMENT',
      `${option}: cannot write in ${shownPath(dir)} (${error.code ?? error.message}): choose another path`,
    );
  });
  await rm(probe, { force: true });
}

/** Runs a check with {@link CHECK_LIMIT_MS} as its limit. */
async function limited(check: Promise<void>, option: string, target: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new WeftError(
            'INVALID_ARGUMENT',
            `${option}: checking ${shownPath(target)} took over ${CHECK_LIMIT_MS / 1000} s: choose another path`,
          ),
        ),
      CHECK_LIMIT_MS,
    );
  });
  try {
    await Promise.race([check, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Throws `INVALID_ARGUMENT` in one line unless a results file can be written at `file` (a new or existing file, not a folder). */
export function checkOutputFile(file: string, option: string): Promise<void> {
  const check = async () => {
    if ((await statOf(file))?.isDirectory())
      throw new WeftError('INVALID_ARGUMENT', `${option}: ${shownPath(file)} is a folder: give a file name`);
    await ensureWritableFolder(path.dirname(file), option);
  };
  return limited(check(), option, file);
}

/**
 * Throws `INVALID_ARGUMENT` in one line unless `dir` can become a study folder: new, or an existing empty folder (a
 * study folder is never mixed with other files), in a folder this process can write.
 */
export function checkOutputFolder(dir: string, option: string): Promise<void> {
  const check = async () => {
    const info = await statOf(dir);
    if (info !== undefined && !info.isDirectory())
      throw new WeftError('INVALID_ARGUMENT', `${option}: ${shownPath(dir)} is a file: pass a new or empty folder`);
    if (info !== undefined && (await readdir(dir)).length > 0)
      throw new WeftError('INVALID_ARGUMENT', `${option}: ${shownPath(dir)} is not empty: pass a new or empty folder`);
    await ensureWritableFolder(path.dirname(dir), option);
  };
  return limited(check(), option, dir);
}
