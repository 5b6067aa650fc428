/** @module runners/bun — the study in Bun, through its Node compatibility (`bun dist/cli.js`). */
import { cliRunner } from './cli-runner.js';
import { BENCH_ROOT } from '../process/package-root.js';
import { locateExecutable, probeExecutable } from './locate.js';
import type { RuntimeProbe, RuntimeRunner } from './runtime.js';

/** How to install Bun for this project. */
export const BUN_INSTALL = 'npm install -D bun';

/** Finds Bun (`WEFT_BUN`, node_modules/.bin/bun, PATH) and reads its version. */
export function probeBun(): Promise<RuntimeProbe> {
  return probeExecutable({ name: 'bun', envVar: 'WEFT_BUN', install: BUN_INSTALL });
}

/** Runs the study in Bun. */
export function bunRunner(): RuntimeRunner {
  return cliRunner({
    name: 'bun',
    probe: probeBun,
    command: () => {
      const found = locateExecutable('bun', 'WEFT_BUN');
      return found && { file: found.path, args: [], cwd: BENCH_ROOT };
    },
  });
}
