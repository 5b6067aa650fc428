/**
 * @module runners/study-output — writes a study across runtimes as one folder: each runtime's results JSON, a
 * manifest of the outcomes, the merged markdown and the HTML page. All of it appears at once or not at all.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { validateResults } from '@weft/core/study';
import { checkOutputFolder } from '../output-paths.js';
import { renderHtml } from '../report/html.js';
import { renderMergedMarkdown } from '../report/merged-markdown.js';
import type { MultiRuntimeStudy, StudyManifest } from '../model/study.js';

/** The files {@link writeStudyFolder} wrote, by role. */
export interface StudyFolder {
  readonly dir: string;
  readonly markdown: string;
  readonly html: string;
  readonly manifest: string;
  /** Results file per runtime that ran. */
  readonly results: Readonly<Record<string, string>>;
}

/**
 * Writes the study into a hidden folder beside `dir` (new, or an existing empty folder), then renames it to `dir` in
 * one step, so that a reader or a crash never sees half a report. Each runtime's results are validated before anything is written.
 */
export async function writeStudyFolder(
  dir: string,
  study: MultiRuntimeStudy,
  questions: Readonly<Record<string, string>> = {},
): Promise<StudyFolder> {
  await checkOutputFolder(dir, '--out');
  for (const o of study.outcomes) if (o.status === 'ok') validateResults(o.results);
  const parent = path.dirname(dir);
  await mkdir(parent, { recursive: true });
  const staging = path.join(parent, `.${path.basename(dir)}.${randomUUID()}.tmp`);
  await mkdir(staging);
  try {
    const results: Record<string, string> = {};
    for (const o of study.outcomes) {
      if (o.status !== 'ok') continue;
      const name = `${o.runtime}.json`;
      await writeFile(path.join(staging, name), `${JSON.stringify(o.results, null, 2)}\n`);
      results[o.runtime] = path.join(dir, name);
    }
    const manifest: StudyManifest = {
      schema: 'weft-study',
      profile: study.profile,
      workloads: study.workloads,
      createdAt: study.createdAt,
      outcomes: study.outcomes.map((o) => {
        if (o.status === 'ok')
          return {
            runtime: o.runtime,
            status: o.status,
            version: o.version,
            wallMs: o.wallMs,
            results: `${o.runtime}.json`,
          };
        const { runtime, status, reason, wallMs } = o;
        return {
          runtime,
          status,
          reason,
          wallMs,
          ...('install' in o ? { install: o.install } : {}),
          ...('version' in o && o.version ? { version: o.version } : {}),
        };
      }),
    };
    await writeFile(path.join(staging, 'study.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await writeFile(path.join(staging, 'report.md'), `${renderMergedMarkdown(study, questions)}\n`);
    await writeFile(path.join(staging, 'report.html'), renderHtml(study, questions));
    await rename(staging, dir);
    return {
      dir,
      markdown: path.join(dir, 'report.md'),
      html: path.join(dir, 'report.html'),
      manifest: path.join(dir, 'study.json'),
      results,
    };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
