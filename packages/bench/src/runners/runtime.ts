/** @module runners/runtime — the runtimes the study runs in, how each is found, and what a runner does. */
import type { ResultsFile } from '@weft/core/study';
import type { StudyRuntime } from '../model/study.js';
import type { Profile } from '../workload.js';

/** What probing a runtime found: usable (with its version), not installed (with the install command), or broken. */
export type RuntimeProbe =
  | { readonly status: 'available'; readonly version: string; readonly detail?: string }
  | { readonly status: 'missing'; readonly install: string; readonly detail?: string }
  | { readonly status: 'broken'; readonly error: string };

/** What a runner is asked to run. */
export interface RunRequest {
  readonly profile: Profile;
  /** Workload names, in order. */
  readonly workloads: readonly string[];
  /** Wall-clock limit of the whole run in ms; past it the runtime is killed and the run fails. */
  readonly timeoutMs: number;
  /** Progress lines from inside the runtime. */
  readonly progress: (message: string) => void;
}

/** Runs the study's workloads inside one runtime and returns that runtime's results file. */
export interface RuntimeRunner {
  readonly name: StudyRuntime;
  /** Finds the runtime and its version without running the study. */
  probe(): Promise<RuntimeProbe>;
  /** Runs the workloads there; rejects with a `WeftError` whose one-line message says why the run failed. */
  run(request: RunRequest): Promise<ResultsFile>;
}
