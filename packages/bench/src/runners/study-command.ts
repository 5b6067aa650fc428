/** @module runners/study-command — `weft study` across runtimes: run each, write one folder, print where it is. */
import path from 'node:path';
import { checkOutputFolder } from '../output-paths.js';
import { createProgress } from '../progress.js';
import { renderMergedMarkdown } from '../report/merged-markdown.js';
import { studySummary } from '../report/summary.js';
import { shownPath } from '../shown-path.js';
import { probePytorch } from '../workloads/pytorch-trainer.js';
import { probeBackend } from '../workloads/tfjs-modules.js';
import type { Profile } from '../workload.js';
import { QUESTIONS } from '../workloads/index.js';
import { installedRuntimes, parseRuntimes, runnerFor } from './index.js';
import { runInRuntimes } from './orchestrator.js';
import type { StudyRuntime } from '../model/study.js';
import { writeStudyFolder } from './study-output.js';

/** Default limit per runtime, in seconds, by profile. */
export const RUNTIME_TIMEOUT_S: Readonly<Record<Profile, number>> = { smoke: 180, quick: 1800, full: 7200 };

/** Options of {@link studyAcrossRuntimes} (the command line's, parsed). */
export interface AcrossRuntimesOptions {
  readonly profile: Profile;
  readonly workloads: readonly string[];
  /** `--runtimes` text; undefined means every runtime installed. */
  readonly runtimes?: string;
  readonly out?: string;
  /** Limit per runtime in seconds. */
  readonly timeoutS?: number;
  /** Print every table of the merged report, not only the summary. */
  readonly full?: boolean;
}

/** One line per part of the study this machine cannot run, with what fixes it (those cases are skipped with the reason). */
async function missingHere(): Promise<string[]> {
  const [native, torch] = await Promise.all([probeBackend('tensorflow'), probePytorch()]);
  return [
    ...(native.status === 'available'
      ? []
      : [`the tensorflow (tfjs-node) cases will be skipped: ${native.reason ?? native.status}`]),
    ...(torch.status === 'available' ? [] : [`the PyTorch cases will be skipped: ${torch.reason}`]),
  ];
}

/** Where a study across runtimes goes unless `--out` says otherwise. */
function defaultFolder(profile: Profile): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return path.resolve('results', `weft-study-${profile}-${stamp}`);
}

/**
 * Runs the study in each runtime (a child process each, or a headless browser), writes the folder with every
 * results file, `report.md` and `report.html`, and prints the summary (every table with `full`). Before it starts,
 * says in one line each what this machine leaves out (the native tfjs backend, PyTorch) and what fixes it. Sets a
 * non-zero exit code when a runtime failed or a case failed.
 */
export async function studyAcrossRuntimes(options: AcrossRuntimesOptions): Promise<void> {
  const runtimes: StudyRuntime[] =
    options.runtimes === undefined ? await installedRuntimes() : parseRuntimes(options.runtimes);
  const dir = options.out === undefined ? defaultFolder(options.profile) : path.resolve(options.out);
  await checkOutputFolder(dir, '--out');
  for (const line of await missingHere()) process.stderr.write(`weft: ${line}\n`);
  const units = runtimes.flatMap((runtime) => options.workloads.map((workload) => ({ runtime, workload })));
  const progress = createProgress(process.stderr, { profile: options.profile, units });
  const study = await runInRuntimes({
    runners: runtimes.map(runnerFor),
    profile: options.profile,
    workloads: options.workloads,
    timeoutMs: (options.timeoutS ?? RUNTIME_TIMEOUT_S[options.profile]) * 1000,
    progress: (m) => progress.update(m),
  }).finally(() => progress.done());
  const folder = await writeStudyFolder(dir, study, QUESTIONS);
  for (const o of study.outcomes) if (o.status !== 'ok') process.stderr.write(`weft: ${o.reason}\n`);
  const body = options.full === true ? renderMergedMarkdown(study, QUESTIONS) : studySummary(study).join('\n');
  const more =
    options.full === true
      ? ''
      : 'Open report.html in a browser for the charts; weft study --full prints every table here.\n';
  process.stdout.write(
    `${body}\n\nReport written to ${shownPath(folder.markdown)} and ${shownPath(folder.html)}\n${more}`,
  );
  const failed = study.outcomes.some(
    (o) => o.status === 'failed' || (o.status === 'ok' && o.results.cases.some((c) => c.status === 'failed')),
  );
  if (failed) process.exitCode = 1;
}
