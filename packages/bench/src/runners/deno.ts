/** @module runners/deno — the study in Deno, through its Node compatibility (`deno run -A dist/cli.js`). */
import { cliRunner } from './cli-runner.js';
import { BENCH_ROOT } from '../process/package-root.js';
import { locateExecutable, probeExecutable } from './locate.js';
import type { RuntimeProbe, RuntimeRunner } from './runtime.js';

/** How to install Deno for this project. */
export const DENO_INSTALL = 'npm install -D deno';

/** Finds Deno (`WEFT_DENO`, node_modules/.bin/deno, PATH) and reads its version. */
export function probeDeno(): Promise<RuntimeProbe> {
  return probeExecutable({
    name: 'deno',
    envVar: 'WEFT_DENO',
    install: DENO_INSTALL,
    parseVersion: (output) => /deno (\S+)/.exec(output)?.[1] ?? output.trim().split('\n')[0] ?? '',
  });
}

/** Runs the study in Deno with all permissions, resolving packages from the project's node_modules. */
export function denoRunner(): RuntimeRunner {
  return cliRunner({
    name: 'deno',
    probe: probeDeno,
    command: () => {
      const found = locateExecutable('deno', 'WEFT_DENO');
      return found && { file: found.path, args: ['run', '-A', '--quiet'], cwd: BENCH_ROOT };
    },
  });
}
