/** @module program — the `weft` command's parser and actions: `weft study`, `weft bench <workload>`, `weft report <files...>`, `weft doctor`. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { WeftError } from '@weft/core';
import { formatDoctor, runDoctor } from './doctor.js';
import { resolveOptions } from './options.js';
import { createProgress } from './progress.js';
import { renderHtml } from './report/html.js';
import { renderMarkdown } from './report/markdown.js';
import { resultsOfStudy } from './report/study-of-results.js';
import { writeFileAtomic } from './atomic-write.js';
import { checkOutputFile } from './output-paths.js';
import { shownPath } from './shown-path.js';
import { readStudyInput, writeResults } from './results-io.js';
import { STUDY_RUNTIMES } from './model/study.js';
import { studyAcrossRuntimes } from './runners/study-command.js';
import { nodeWorkloadHost } from './hosts/node/node-host.js';
import { runStudy, type PlannedWorkload } from './study.js';
import { PROFILES, type Profile, type Workload } from './workload.js';
import { QUESTIONS, WORKLOADS } from './workloads/index.js';

/** Where `weft study` and `weft bench` write results unless `--json` says otherwise. */
function defaultResultsPath(kind: string, profile: Profile): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return path.resolve('results', `weft-${kind}-${profile}-${stamp}.json`);
}

const profileOption = () =>
  new Option('--profile <profile>', 'how much to measure').choices(PROFILES).default('quick' satisfies Profile);

/** Runs the planned workloads, writes the results file atomically, prints the tables. */
async function runAndWrite(
  kind: string,
  profile: Profile,
  plan: PlannedWorkload[],
  json: string | undefined,
): Promise<void> {
  const file = json ? path.resolve(json) : defaultResultsPath(kind, profile);
  await checkOutputFile(file, '--json');
  const progress = createProgress(process.stderr, {
    profile,
    units: plan.map(({ workload }) => ({ workload: workload.name })),
  });
  const results = await runStudy({
    profile,
    workloads: plan,
    progress: (m) => progress.update(m),
    host: nodeWorkloadHost,
  }).finally(() => progress.done());
  await writeResults(file, results);
  process.stdout.write(`${renderMarkdown([results], QUESTIONS)}\nResults written to ${shownPath(file)}\n`);
  if (results.cases.some((c) => c.status === 'failed')) process.exitCode = 1;
}

function workloadCommand(workload: Workload): Command {
  const command = new Command(workload.name).description(workload.question);
  for (const spec of workload.options) {
    command.option(
      `--${spec.name} <value>`,
      `${spec.description}${spec.choices ? ` (${spec.choices.join(', ')})` : ''}`,
    );
  }
  return command
    .addOption(profileOption())
    .option('--json <file>', 'write the results JSON here')
    .action(async (raw: Record<string, string | undefined>) => {
      const profile = raw['profile'] as Profile;
      const given = Object.fromEntries(workload.options.map((spec) => [spec.name, raw[camel(spec.name)]]));
      await runAndWrite(
        workload.name,
        profile,
        [{ workload, options: resolveOptions(workload.options, profile, given) }],
        raw['json'],
      );
    });
}

/** commander stores `--round-trips` as `roundTrips`. */
function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** This package's version, from its package.json (beside `dist/` when built and when installed). */
function benchVersion(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** The `weft` program. Exported for tests. */
export function createProgram(): Command {
  const program = new Command('weft')
    .description('Measure how to parallelise machine-learning workloads in JavaScript runtimes.')
    .version(benchVersion(), '-V, --version', 'print the version of @weft/bench')
    .option('--verbose', 'print stack traces of errors')
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('study')
    .description('run the study: every workload with the profile defaults')
    .addOption(profileOption())
    .option('--workloads <names>', `comma-separated workloads (${WORKLOADS.map((w) => w.name).join(', ')})`)
    .option('--json <file>', 'run in this runtime only and write its results JSON here (what each runtime runs inside)')
    .option(
      '--runtimes <names>',
      `runtimes to run the study in, each in its own process (${STUDY_RUNTIMES.join(', ')}; default: every one installed)`,
    )
    .option('--out <dir>', 'folder for the study across runtimes: results per runtime, report.md, report.html')
    .option(
      '--runtime-timeout <seconds>',
      'limit per runtime; past it the runtime is killed and its column marked failed',
    )
    .option('--full', 'print every table of the report here, not only the summary')
    .action(
      async (raw: {
        profile: Profile;
        workloads?: string;
        json?: string;
        runtimes?: string;
        out?: string;
        runtimeTimeout?: string;
        full?: boolean;
      }) => {
        const names =
          raw.workloads === undefined ? WORKLOADS.map((w) => w.name) : raw.workloads.split(',').map((n) => n.trim());
        const plan = names.map((name) => {
          const workload = WORKLOADS.find((w) => w.name === name);
          if (!workload) throw unknownWorkload(name);
          return { workload, options: resolveOptions(workload.options, raw.profile, {}) };
        });
        if (raw.json !== undefined && (raw.runtimes !== undefined || raw.out !== undefined)) {
          throw new WeftError(
            'INVALID_ARGUMENT',
            '--json runs the study in this runtime only: drop it, or drop --runtimes and --out',
          );
        }
        if (raw.json !== undefined) return runAndWrite('study', raw.profile, plan, raw.json);
        const timeoutS = raw.runtimeTimeout === undefined ? undefined : Number(raw.runtimeTimeout);
        if (timeoutS !== undefined && !(Number.isFinite(timeoutS) && timeoutS > 0)) {
          throw new WeftError(
            'INVALID_ARGUMENT',
            `--runtime-timeout must be a positive number of seconds (got "${raw.runtimeTimeout}")`,
          );
        }
        await studyAcrossRuntimes({
          profile: raw.profile,
          workloads: names,
          runtimes: raw.runtimes,
          out: raw.out,
          timeoutS,
          full: raw.full === true,
        });
      },
    );

  program
    .command('doctor')
    .description('list the runtimes and tfjs backends found here, with versions, install commands or errors')
    .option('--json', 'print the report as JSON')
    .action(async (raw: { json?: boolean }) => {
      const report = await runDoctor();
      process.stdout.write(raw.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatDoctor(report)}`);
    });

  const bench = program
    .command('bench')
    .description('run one workload; see "weft bench <workload> --help" for its options');
  for (const workload of WORKLOADS) bench.addCommand(workloadCommand(workload));
  bench.argument('[workload]').action((name: string | undefined) => {
    throw name === undefined
      ? new WeftError('INVALID_ARGUMENT', 'name a workload: weft bench <workload>')
      : unknownWorkload(name);
  });

  program
    .command('report')
    .description('markdown tables from results files, and with --html the report page with its charts')
    .argument('<files...>', 'results JSON files, study folders or their study.json')
    .option('--out <file>', 'write the markdown here instead of printing it')
    .option('--html <file>', "also write the HTML report here (a study folder's report.html, drawn by this version)")
    .action(async (files: string[], raw: { out?: string; html?: string }) => {
      if (raw.out) await checkOutputFile(path.resolve(raw.out), '--out');
      if (raw.html) await checkOutputFile(path.resolve(raw.html), '--html');
      const study = await readStudyInput(files);
      const markdown = `${renderMarkdown(resultsOfStudy(study), QUESTIONS)}\n`;
      if (raw.html) await writeFileAtomic(path.resolve(raw.html), renderHtml(study, QUESTIONS));
      if (raw.out) await writeFileAtomic(path.resolve(raw.out), markdown);
      else process.stdout.write(markdown);
    });
  return program;
}

function unknownWorkload(name: string): WeftError {
  return new WeftError(
    'INVALID_ARGUMENT',
    `unknown workload "${name}": choose from ${WORKLOADS.map((w) => w.name).join(', ')}`,
  );
}

/** Runs the CLI; errors become one line on stderr and a non-zero exit (stack traces only with --verbose). */
export async function main(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  // Every command and subcommand (`weft bench <workload>` too) throws instead of exiting, so usage errors exit 2.
  const override = (command: Command): void => {
    command.exitOverride();
    command.commands.forEach(override);
  };
  override(program);
  const verbose = argv.includes('--verbose');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    // commander has printed its message (or the help, or the version: exit 0); every usage error exits 2, like Weft's own.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`weft: ${message}\n`);
    if (verbose && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
    return 2;
  }
}
