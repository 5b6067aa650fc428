/**
 * @module model/study — the study's data model, below everything that produces or reads it: the runtimes, each
 * runtime's outcome, the study across runtimes and its manifest (`study.json`). Browser-safe (types and constants
 * only), so the CLI, the runners, the report, the page and the docs site share one definition.
 */
import type { ResultsFile } from '@weft/core/study';
import type { Profile } from '../workload.js';

/** A runtime the study can run in. */
export type StudyRuntime = 'node' | 'deno' | 'bun' | 'chromium';

/** Every {@link StudyRuntime}, in report order. */
export const STUDY_RUNTIMES: readonly StudyRuntime[] = ['node', 'deno', 'bun', 'chromium'];

/** How one runtime's part of the study ended. */
export type RuntimeOutcome =
  | {
      readonly runtime: StudyRuntime;
      readonly status: 'ok';
      readonly version: string;
      readonly results: ResultsFile;
      readonly wallMs: number;
    }
  | {
      readonly runtime: StudyRuntime;
      readonly status: 'missing';
      readonly reason: string;
      readonly install: string;
      readonly wallMs: number;
    }
  | {
      readonly runtime: StudyRuntime;
      readonly status: 'failed';
      readonly version?: string;
      readonly reason: string;
      readonly wallMs: number;
    };

/** The study across runtimes: what was asked and each runtime's outcome, in the order asked. */
export interface MultiRuntimeStudy {
  readonly profile: Profile;
  readonly workloads: readonly string[];
  /** ISO 8601 time the study started. */
  readonly createdAt: string;
  readonly outcomes: readonly RuntimeOutcome[];
}

/** The manifest `study.json`: the study's outcomes, each ok runtime pointing at its results file. */
export interface StudyManifest {
  readonly schema: 'weft-study';
  readonly profile: string;
  readonly workloads: readonly string[];
  readonly createdAt: string;
  readonly outcomes: ReadonlyArray<{
    runtime: string;
    status: string;
    version?: string;
    reason?: string;
    install?: string;
    wallMs: number;
    results?: string;
  }>;
}
