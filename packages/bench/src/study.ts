/** @module study — runs workloads in this runtime and gathers one results file. */
import { randomUUID } from 'node:crypto';
import { WeftError, isWeftError } from '@weft/core';
import { RESULTS_SCHEMA_VERSION, type CaseResult, type ResultsFile } from '@weft/core/study';
import { hostInfo, packageVersions, runtimeInfo } from './environment.js';
import type { OptionValue, Profile, Workload } from './workload.js';
import type { WorkloadHost } from './workloads/host.js';
import { registeredCases } from './model/vocabulary.js';
import { workloadFailureCase } from './workloads/workload-failure.js';

/** One workload to run, with its resolved options. */
export interface PlannedWorkload {
  readonly workload: Workload;
  readonly options: Readonly<Record<string, OptionValue>>;
}

/** Input of {@link runStudy}. */
export interface StudyPlan {
  readonly profile: Profile;
  readonly workloads: readonly PlannedWorkload[];
  readonly progress: (message: string) => void;
  /** What this runtime gives the workloads (workers, pools). */
  readonly host: WorkloadHost;
}

/** Errors that mean the input is wrong: they stop the whole run instead of failing one workload. */
const INPUT_ERRORS = ['INVALID_ARGUMENT', 'DATA_CORRUPT'] as const;

/**
 * Runs each workload in turn. A workload that breaks is recorded as one `failed` case with its reason and the
 * others still run; one that throws `UNSUPPORTED` (it cannot run here) as one `skipped` case; bad input
 * (`INVALID_ARGUMENT`, `DATA_CORRUPT`) aborts the run by throwing.
 */
export async function runStudy(plan: StudyPlan): Promise<ResultsFile> {
  const createdAt = new Date().toISOString();
  const cases: CaseResult[] = [];
  for (const { workload, options } of plan.workloads) {
    plan.progress(`${workload.name}: starting`);
    try {
      const run = { profile: plan.profile, options, progress: plan.progress, host: plan.host };
      cases.push(...registeredCases(await workload.run(run)));
    } catch (error) {
      if (INPUT_ERRORS.some((code) => isWeftError(error, code))) throw error;
      cases.push(workloadFailureCase(workload.name, error));
    }
  }
  if (cases.length === 0) throw new WeftError('INVALID_ARGUMENT', 'no workload selected: name at least one');
  return {
    schema: 'weft-results',
    schemaVersion: RESULTS_SCHEMA_VERSION,
    runId: randomUUID(),
    createdAt,
    host: hostInfo(),
    runtime: runtimeInfo(),
    versions: packageVersions(),
    profile: plan.profile,
    cases,
  };
}
