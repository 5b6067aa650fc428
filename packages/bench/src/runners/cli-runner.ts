/**
 * @module runners/cli-runner — runs the built `weft` CLI inside another runtime (Node, Deno, Bun) as a child
 * process, and reads back the results file it wrote.
 */
import path from 'node:path';
import { WeftError } from '@weft/core';
import type { ResultsFile } from '@weft/core/study';
import { readResults } from '../results-io.js';
import { failureLine, runChild } from '../process/child-process.js';
import { CLI_PATH } from './locate.js';
import type { RunRequest, RuntimeProbe, RuntimeRunner } from './runtime.js';
import type { StudyRuntime } from '../model/study.js';
import { makeScratchDir, removeScratchDir } from '../scratch-dirs.js';

/** How to start one runtime on a script. */
export interface CliRuntimeSpec {
  readonly name: StudyRuntime;
  /** Finds the runtime. */
  probe(): Promise<RuntimeProbe>;
  /** The executable and the arguments before the script (e.g. `deno`, `['run', '-A']`); undefined when missing. */
  command(): { readonly file: string; readonly args: readonly string[]; readonly cwd?: string } | undefined;
  /** The script to run (default: the built `dist/cli.js`). */
  readonly script?: string;
}

/** Turns the child's progress lines (`… message`) into plain messages. */
const progressText = (line: string): string => line.replace(/^…\s*/, '');

/**
 * A {@link RuntimeRunner} that runs `weft study --profile <p> --workloads <w> --json <tmp>` in the runtime, then
 * validates the results file. The run fails (`TIMEOUT`, `WORKER_CRASHED`, `INVALID_RESULTS`) when the runtime hangs
 * past the timeout, exits without a results file, or writes one off-schema or for another runtime.
 */
export function cliRunner(spec: CliRuntimeSpec): RuntimeRunner {
  return {
    name: spec.name,
    probe: () => spec.probe(),
    async run(request: RunRequest): Promise<ResultsFile> {
      const command = spec.command();
      if (command === undefined) throw new WeftError('UNSUPPORTED', `${spec.name} is not installed`);
      const dir = await makeScratchDir(`weft-${spec.name}-`);
      const json = path.join(dir, 'results.json');
      try {
        const args = [
          ...command.args,
          spec.script ?? CLI_PATH,
          'study',
          '--profile',
          request.profile,
          '--workloads',
          request.workloads.join(','),
          '--json',
          json,
        ];
        const exit = await runChild(command.file, args, {
          timeoutMs: request.timeoutMs,
          cwd: command.cwd,
          env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
          onStderrLine: (line) => request.progress(progressText(line)),
        });
        if (exit.timedOut) {
          throw new WeftError(
            'TIMEOUT',
            `${spec.name} did not finish within ${Math.round(request.timeoutMs / 1000)} s and was killed; raise --runtime-timeout or run fewer workloads`,
          );
        }
        let results: ResultsFile;
        try {
          results = await readResults(json);
        } catch (cause) {
          const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
          const why = failureLine(exit.stderr) ?? 'no output';
          throw new WeftError('WORKER_CRASHED', `${spec.name} ${how} without writing results: ${why}`, { cause });
        }
        if (results.runtime.name !== spec.name) {
          throw new WeftError(
            'INVALID_RESULTS',
            `${spec.name} wrote results that say runtime "${results.runtime.name}"`,
          );
        }
        return results;
      } finally {
        await removeScratchDir(dir);
      }
    },
  };
}
