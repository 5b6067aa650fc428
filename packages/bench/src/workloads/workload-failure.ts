/**
 * @module workloads/workload-failure — what a whole workload that threw becomes, the same in every host (the
 * Node/Deno/Bun study and the browser page): one `skipped` case when it cannot run here (`UNSUPPORTED`, e.g. an
 * optional package missing), otherwise one `failed` case; the reason is the error's message.
 */
import { describeError, isWeftError } from '@weft/core';
import { unmeasuredCase, type CaseResult } from '@weft/core/study';

/** The one case recording that workload `name` threw `error`. */
export function workloadFailureCase(name: string, error: unknown): CaseResult {
  return unmeasuredCase(
    isWeftError(error, 'UNSUPPORTED') ? 'skipped' : 'failed',
    { workload: name, strategy: 'all' },
    describeError(error),
  );
}
