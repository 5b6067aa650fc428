/**
 * @module report/study-of-results — puts results files back together as a study across runtimes, so that any set of
 * results JSON (one runtime's file, or a study folder's manifest and files) renders with the merged report, and takes
 * them out again.
 * No I/O: the caller reads the files (from disk, a URL or a file picker) and validates them.
 */
import type { ResultsFile } from '@weft/core/study';
import type { MultiRuntimeStudy, RuntimeOutcome } from '../model/study.js';
import type { StudyRuntime } from '../model/study.js';
import type { StudyManifest } from '../model/study.js';

/**
 * A study from validated results files. With the folder's `study.json` manifest, outcomes follow it (order, wall
 * time, why a runtime is missing or failed) and each ok outcome takes the file its `results` names, looked up in
 * `byName`; without one, each file is one ok outcome, its wall time unknown (0, which the report leaves out).
 */
export function studyOfResults(
  files: readonly ResultsFile[],
  manifest?: StudyManifest,
  byName: ReadonlyMap<string, ResultsFile> = new Map(),
): MultiRuntimeStudy {
  const first = files[0];
  if (manifest === undefined) {
    return {
      profile: (first?.profile ?? 'quick') as MultiRuntimeStudy['profile'],
      workloads: [...new Set(files.flatMap((f) => f.cases.map((c) => c.workload)))],
      createdAt: first?.createdAt ?? '',
      outcomes: files.map((f): RuntimeOutcome => ({
        runtime: f.runtime.name as StudyRuntime,
        status: 'ok',
        version: f.runtime.version,
        results: f,
        wallMs: 0,
      })),
    };
  }
  const outcomes = manifest.outcomes.map((o): RuntimeOutcome => {
    const runtime = o.runtime as StudyRuntime;
    const results = o.results === undefined ? undefined : byName.get(o.results);
    if (o.status === 'ok' && results !== undefined)
      return { runtime, status: 'ok', version: o.version ?? results.runtime.version, results, wallMs: o.wallMs };
    if (o.status === 'missing')
      return { runtime, status: 'missing', reason: o.reason ?? '', install: o.install ?? '', wallMs: o.wallMs };
    const reason = o.status === 'ok' ? `its results file ${o.results ?? ''} was not given` : (o.reason ?? o.status);
    return { runtime, status: 'failed', ...(o.version ? { version: o.version } : {}), reason, wallMs: o.wallMs };
  });
  return {
    profile: manifest.profile as MultiRuntimeStudy['profile'],
    workloads: manifest.workloads,
    createdAt: manifest.createdAt,
    outcomes,
  };
}

/** The inverse: the results files of the study's runtimes that ran, in the study's order. */
export function resultsOfStudy(study: MultiRuntimeStudy): ResultsFile[] {
  return study.outcomes.flatMap((o) => (o.status === 'ok' ? [o.results] : []));
}
