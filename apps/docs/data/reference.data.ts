/**
 * VitePress data loader: reads every study listed in `studies.json` (its `study.json` manifest and each runtime's
 * results JSON) at build time, validates the results with `@weft/core`, and hands the pages the slimmed results and
 * the findings computed from them. Pages import `data` from here; no page holds a number of its own.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateResults } from '@weft/core/study';
import type { StudyManifest } from '@weft/bench/report';
import { defineLoader } from 'vitepress';
import { findings, type Findings } from '../.vitepress/lib/findings';
import { slim, type ReferenceStudy, type StudyEntry } from '../.vitepress/lib/reference';

/** What the pages receive. */
export interface ReferenceData {
  readonly studies: readonly ReferenceStudy[];
  readonly findings: Findings;
}

declare const data: ReferenceData;
export { data };

const here = path.dirname(fileURLToPath(import.meta.url));
const readJson = (file: string): unknown => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read reference data ${path.relative(here, file)}: ${(error as Error).message}`);
  }
};

/** Reads one study folder; throws a one-line error naming the file that is missing or invalid. */
export function loadStudy(entry: StudyEntry): ReferenceStudy {
  const dir = path.join(here, entry.id);
  const manifest = readJson(path.join(dir, 'study.json')) as StudyManifest;
  if (manifest.schema !== 'weft-study') throw new Error(`${entry.id}/study.json is not a weft-study manifest`);
  const results = manifest.outcomes
    .filter((o) => o.status === 'ok' && o.results)
    .map((o) => {
      try {
        return slim(validateResults(readJson(path.join(dir, o.results as string))));
      } catch (error) {
        throw new Error(`${entry.id}/${o.results}: ${(error as Error).message}`);
      }
    });
  return { ...entry, manifest, results };
}

export default defineLoader({
  watch: ['./studies.json', './*/study.json', './*/*.json'],
  load(): ReferenceData {
    const entries = readJson(path.join(here, 'studies.json')) as StudyEntry[];
    const studies = entries.map(loadStudy);
    return { studies, findings: findings(studies) };
  },
});
