/** @module results-io — writing results files atomically and reading them (and studies) back validated. */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { shownPath } from './shown-path.js';
import { WeftError } from '@weft/core';
import { validateResults, type ResultsFile } from '@weft/core/study';
import type { MultiRuntimeStudy, StudyManifest } from './model/study.js';
import { studyOfResults } from './report/study-of-results.js';

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

/** A study's `study.json` and the results files it lists (its runtimes that ran), by the names it gives them. */
interface StudyInput {
  readonly manifest: StudyManifest;
  readonly byName: ReadonlyMap<string, ResultsFile>;
}

/** Reads the results files a study's `study.json` lists, from beside it. */
async function readManifest(manifest: string, data: unknown): Promise<StudyInput> {
  const outcomes = (data as { outcomes?: unknown }).outcomes;
  if (!Array.isArray(outcomes))
    throw new WeftError('INVALID_RESULTS', `${manifest}: not a Weft study manifest: it lists no outcomes`);
  const names = outcomes.flatMap((o: { results?: unknown }) => (typeof o.results === 'string' ? [o.results] : []));
  if (names.length === 0)
    throw new WeftError('INVALID_RESULTS', `${manifest}: the study has no runtime that ran, so no results to report`);
  const files = await Promise.all(names.map((name) => readResults(path.join(path.dirname(manifest), name))));
  return { manifest: data as StudyManifest, byName: new Map(names.map((name, i) => [name, files[i] as ResultsFile])) };
}

/** One input of `weft report`: a results file, or a study (its folder or `study.json`). */
async function readInput(input: string): Promise<ResultsFile | StudyInput> {
  const isFolder = await stat(input).then(
    (s) => s.isDirectory(),
    () => false,
  );
  const file = isFolder ? path.join(input, 'study.json') : input;
  const data = await readJson(file);
  if ((data as { schema?: unknown } | null)?.schema === 'weft-study') return readManifest(file, data);
  return validated(file, data);
}

const filesOf = (read: ResultsFile | StudyInput): ResultsFile[] =>
  'manifest' in read ? [...read.byName.values()] : [read];

/**
 * What `weft report` is given, as one study across runtimes: results files (`weft bench --json`, or one runtime's
 * file of a study), studies' `study.json`, or study folders (their `study.json`). Throws `INVALID_RESULTS` naming
 * the path of one that is none of these. A single study keeps its manifest (runtime order, wall times, why a
 * runtime is missing or failed), so its HTML report is the `report.html` that `weft study` wrote, drawn by this
 * version. Anything else is one outcome per results file, in the order given.
 */
export async function readStudyInput(inputs: readonly string[]): Promise<MultiRuntimeStudy> {
  const read = [];
  for (const input of inputs) read.push(await readInput(input));
  const only = read[0];
  if (read.length === 1 && only !== undefined && 'manifest' in only)
    return studyOfResults(filesOf(only), only.manifest, only.byName);
  return studyOfResults(read.flatMap(filesOf));
}
