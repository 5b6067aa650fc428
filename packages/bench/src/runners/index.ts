/** @module runners — the runtimes the study runs in, and the orchestrator that runs it in each. */
import { WeftError } from '@weft/core';
import { bunRunner } from './bun.js';
import { chromiumRunner } from './chromium.js';
import { denoRunner } from './deno.js';
import { nodeRunner } from './node.js';
import { STUDY_RUNTIMES, type StudyRuntime } from '../model/study.js';
import { type RuntimeRunner } from './runtime.js';

export type { RuntimeProbe, RuntimeRunner, RunRequest } from './runtime.js';
export { runInRuntimes } from './orchestrator.js';
export type { MultiRuntimePlan } from './orchestrator.js';

/** The runner of each runtime. */
export function runnerFor(name: StudyRuntime): RuntimeRunner {
  switch (name) {
    case 'node':
      return nodeRunner();
    case 'deno':
      return denoRunner();
    case 'bun':
      return bunRunner();
    case 'chromium':
      return chromiumRunner();
  }
}

/** Parses `--runtimes node,deno`; throws `INVALID_ARGUMENT` naming an unknown runtime. */
export function parseRuntimes(text: string): StudyRuntime[] {
  const names = [
    ...new Set(
      text
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== ''),
    ),
  ];
  if (names.length === 0)
    throw new WeftError('INVALID_ARGUMENT', `--runtimes must name at least one of ${STUDY_RUNTIMES.join(', ')}`);
  for (const name of names) {
    if (!STUDY_RUNTIMES.includes(name as StudyRuntime)) {
      throw new WeftError(
        'INVALID_ARGUMENT',
        `--runtimes: unknown runtime "${name}": choose from ${STUDY_RUNTIMES.join(', ')}`,
      );
    }
  }
  return names as StudyRuntime[];
}

/** Every runtime whose probe finds it installed (the default of `weft study`), in report order. */
export async function installedRuntimes(): Promise<StudyRuntime[]> {
  const found: StudyRuntime[] = [];
  for (const name of STUDY_RUNTIMES) if ((await runnerFor(name).probe()).status === 'available') found.push(name);
  return found;
}
