/** @module report/study.fixture — tiny results files and studies for the report tests. */
import type { CaseResult, ResultsFile } from '@weft/core/study';
import type { MultiRuntimeStudy } from '../model/study.js';

/** A results file of `runtime` holding `cases`. */
export function resultsOf(runtime: 'node' | 'deno' | 'bun', cases: readonly CaseResult[]): ResultsFile {
  return {
    schema: 'weft-results',
    schemaVersion: 1,
    runId: `${runtime}-run`,
    createdAt: '2026-11-28T00:00:00.000Z',
    host: { cpuModel: 'Test CPU', cores: 2, memoryBytes: 2 ** 34, os: 'Linux 6', arch: 'x64' },
    runtime: { name: runtime, version: '1.0.0' },
    versions: {},
    profile: 'smoke',
    cases,
  };
}

/** A study in which each named runtime ran and produced its cases. */
export function studyOf(
  runs: Readonly<Partial<Record<'node' | 'deno' | 'bun', readonly CaseResult[]>>>,
  workloads: readonly string[],
): MultiRuntimeStudy {
  return {
    profile: 'smoke',
    workloads,
    createdAt: '2026-11-28T00:00:00.000Z',
    outcomes: Object.entries(runs).map(([runtime, cases]) => ({
      runtime: runtime as 'node' | 'deno' | 'bun',
      status: 'ok' as const,
      version: '1.0.0',
      wallMs: 1000,
      results: resultsOf(runtime as 'node' | 'deno' | 'bun', cases),
    })),
  };
}
