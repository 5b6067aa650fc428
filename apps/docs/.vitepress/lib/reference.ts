/**
 * @module reference — the committed reference studies as the site reads them: each study folder's manifest and
 * results files, validated with `@weft/core`'s `validateResults`, samples dropped (the pages show their summaries).
 */
import type { CaseResult, ResultsFile } from '@weft/core/study';
import type { StudyManifest } from '@weft/bench/report';

/** A case without its raw samples (its summary keeps n, median, p10–p90). */
export type SlimCase = Omit<CaseResult, 'samples'>;

/** A results file with {@link SlimCase}s. */
export type SlimResults = Omit<ResultsFile, 'cases'> & { readonly cases: readonly SlimCase[] };

/** How `apps/docs/data/studies.json` describes one study folder. */
export interface StudyEntry {
  /** The folder under `apps/docs/data/`. */
  readonly id: string;
  readonly title: string;
  /** The command that produced the folder, from the repository root. */
  readonly command: string;
  /** What the site uses it for. */
  readonly role: string;
  /**
   * The study this folder repeats (same command, another run): the site computes its findings from each run and
   * states a verdict only when every run agrees. A repeat has no page of its own.
   */
  readonly repeatOf?: string;
}

/** One reference study: its entry, its manifest and each runtime's results, in the manifest's order. */
export interface ReferenceStudy extends StudyEntry {
  readonly manifest: StudyManifest;
  readonly results: readonly SlimResults[];
}

/** Drops the raw samples of every case. */
export function slim(file: ResultsFile): SlimResults {
  return { ...file, cases: file.cases.map(({ samples: _samples, ...rest }) => rest) };
}

/** The results of one runtime in a study, if it ran. */
export function resultsOf(study: ReferenceStudy | undefined, runtime: string): SlimResults | undefined {
  return study?.results.find((r) => r.runtime.name === runtime);
}

/** The studies that are not repeats of another, in `studies.json` order. */
export function primaryStudies(studies: readonly ReferenceStudy[]): ReferenceStudy[] {
  return studies.filter((s) => s.repeatOf === undefined);
}

/** The committed repeats of `study`, in `studies.json` order. */
export function repeatsOf(studies: readonly ReferenceStudy[], study: ReferenceStudy): ReferenceStudy[] {
  return studies.filter((s) => s.repeatOf === study.id);
}
