/**
 * @module runners/orchestrator — runs the study in several runtimes, one after another, and gathers one outcome per
 * runtime: its results, or why it is missing or failed. A missing, crashing or hanging runtime never stops the others.
 */
import { WeftError } from '@weft/core';
import type { MultiRuntimeStudy, RuntimeOutcome } from '../model/study.js';
import type { Profile } from '../workload.js';
import type { RuntimeRunner } from './runtime.js';

/** Input of {@link runInRuntimes}. */
export interface MultiRuntimePlan {
  readonly runners: readonly RuntimeRunner[];
  readonly profile: Profile;
  readonly workloads: readonly string[];
  /** Limit per runtime, in ms. */
  readonly timeoutMs: number;
  /** Progress messages, each prefixed by the runtime it is about. */
  readonly progress: (message: string) => void;
}

/**
 * Probes and runs each runtime in turn (never two at once: they would share the cores and spoil each other's
 * numbers). A runtime that is not installed is reported with its install command; one that breaks or exceeds the
 * timeout is reported failed with the reason; the rest still run.
 */
export async function runInRuntimes(plan: MultiRuntimePlan): Promise<MultiRuntimeStudy> {
  if (plan.runners.length === 0)
    throw new WeftError('INVALID_ARGUMENT', 'no runtime selected: name at least one of node, deno, bun, chromium');
  const createdAt = new Date().toISOString();
  const outcomes: RuntimeOutcome[] = [];
  for (const runner of plan.runners) {
    const started = performance.now();
    const wallMs = () => performance.now() - started;
    const runtime = runner.name;
    plan.progress(`${runtime}: looking for it`);
    const probe = await runner
      .probe()
      .catch((error: unknown) => ({ status: 'broken' as const, error: String((error as Error).message ?? error) }));
    if (probe.status === 'missing') {
      const reason = `${runtime} is not installed: install it with ${probe.install}`;
      plan.progress(reason);
      outcomes.push({ runtime, status: 'missing', reason, install: probe.install, wallMs: wallMs() });
      continue;
    }
    if (probe.status === 'broken') {
      outcomes.push({
        runtime,
        status: 'failed',
        reason: `${runtime} is installed but broken: ${probe.error}`,
        wallMs: wallMs(),
      });
      continue;
    }
    plan.progress(`${runtime} ${probe.version}: starting`);
    try {
      const results = await runner.run({
        profile: plan.profile,
        workloads: plan.workloads,
        timeoutMs: plan.timeoutMs,
        progress: (message) => plan.progress(`${runtime}: ${message}`),
      });
      outcomes.push({
        runtime,
        status: 'ok',
        version: results.runtime.version || probe.version,
        results,
        wallMs: wallMs(),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      plan.progress(`${runtime}: failed: ${reason}`);
      outcomes.push({ runtime, status: 'failed', version: probe.version, reason, wallMs: wallMs() });
    }
  }
  return { profile: plan.profile, workloads: plan.workloads, createdAt, outcomes };
}
