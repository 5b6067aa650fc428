/** @module results-io — writing results files atomically and reading them back validated. */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { shownPath } from './shown-path.js';
import { WeftError } from '@weft/core';
import { validateResults, type ResultsFile } from '@weft/core/study';

/** Validates and writes a results file atomically. */
export async function writeResults(file: string, results: ResultsFile): Promise<void> {
  validateResults(results);
  await writeFileAtomic(file, `${JSON.stringify(results, null, 2)}\n`);
}

/** Reads and parses a JSON file; throws `INVALID_RESULTS` naming the file when it is unreadable or not JSON. */
async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : 'cannot read it';
    throw new WeftError(
      'INVALID_RESULTS',
      `${shownPath(file)}: ${why}; pass a results JSON written by "weft study" or "weft bench --json"`,
      { cause },
    );
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new WeftError('INVALID_RESULTS', `${shownPath(file)}: not valid JSON (${(cause as Error).message})`, {
      cause,
    });
  }
}

function validated(file: string, data: unknown): ResultsFile {
  try {
    return validateResults(data);
  } catch (cause) {
    throw new WeftError('INVALID_RESULTS', `${shownPath(file)}: not a Weft results file: ${(cause as Error).message}`, {
      cause,
    });
  }
}

/** Reads a results file; throws `INVALID_RESULTS` naming the file when it is unreadable, not JSON, or off-schema. */
export async function readResults(file: string): Promise<ResultsFile> {
  return validated(file, await readJson(file));
}

/** The results files a study's `study.json` lists (its runtimes that ran), read from beside it. */
async function readManifest(manifest: string, data: unknown): Promise<ResultsFile[]> {
  const outcomes = (data as { outcomes?: unknown }).outcomes;
  if (!Array.isArray(outcomes))
    throw new WeftError('INVALID_RESULTS', `${manifest}: not a Weft study manifest: it lists no outcomes`);
  const files = outcomes.flatMap((o: { results?: unknown }) =>
    typeof o.results === 'string' ? [path.join(path.dirname(manifest), o.results)] : [],
  );
  if (files.length === 0)
    throw new WeftError('INVALID_RESULTS', `${manifest}: the study has no runtime that ran, so no results to report`);
  return Promise.all(files.map(readResults));
}

/**
 * Reads what `weft report` is given: a results file (`weft bench --json`, or one runtime's file of a study), a
 * study's `study.json`, or a study folder (its `study.json`). Throws `INVALID_RESULTS` naming the path otherwise.
 */
export async function readResultsInput(input: string): Promise<ResultsFile[]> {
  const isFolder = await stat(input).then(
    (s) => s.isDirectory(),
    () => false,
  );
  const file = isFolder ? path.join(input, 'study.json') : input;
  const data = await readJson(file);
  if ((data as { schema?: unknown } | null)?.schema === 'weft-study') return readManifest(file, data);
  return [validated(file, data)];
}
