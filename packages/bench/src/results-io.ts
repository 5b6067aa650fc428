/** @module results-io — writing results files atomically and reading them back validated. */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { validateResults, WeftError, type ResultsFile } from '@weft/core';

/**
 * Writes `text` to `file` atomically: to a temporary file beside it, then renamed over it, so a reader or a crash
 * never sees a half-written file.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(temp, text);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Validates and writes a results file atomically. */
export async function writeResults(file: string, results: ResultsFile): Promise<void> {
  validateResults(results);
  await writeFileAtomic(file, `${JSON.stringify(results, null, 2)}\n`);
}

/** Reads a results file; throws `INVALID_RESULTS` naming the file when it is unreadable, not JSON, or off-schema. */
export async function readResults(file: string): Promise<ResultsFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : 'cannot read it';
    throw new WeftError('INVALID_RESULTS', `${file}: ${why}; pass a results JSON written by "weft study" or "weft bench --json"`, { cause });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new WeftError('INVALID_RESULTS', `${file}: not valid JSON (${(cause as Error).message})`, { cause });
  }
  try {
    return validateResults(data);
  } catch (cause) {
    throw new WeftError('INVALID_RESULTS', `${file}: not a Weft results file: ${(cause as Error).message}`, { cause });
  }
}
