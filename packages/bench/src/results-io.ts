/** @module results-io — writing results files atomically and reading them back validated. */
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-write.js';
import { validateResults, WeftError, type ResultsFile } from '@weft/core';

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
