/** @module runners/bun — the study in Bun, through its Node compatibility (`bun dist/cli.js`). */
import { cliRunner } from './cli-runner.js';
import { BENCH_ROOT, captureOutput, isExecutable, locateExecutable } from './locate.js';
import type { RuntimeProbe, RuntimeRunner } from './runtime.js';

/** How to install Bun for this project. */
export const BUN_INSTALL = 'npm install -D bun (at the repository root)';

/** Finds Bun (`WEFT_BUN`, node_modules/.bin/bun, PATH) and reads its version. */
export async function probeBun(): Promise<RuntimeProbe> {
  const found = locateExecutable('bun', 'WEFT_BUN');
  if (found === undefined) return { status: 'missing', install: BUN_INSTALL };
  if (!isExecutable(found.path)) return { status: 'broken', error: `WEFT_BUN=${found.path} is not an executable file` };
  try {
    const version = (await captureOutput(found.path, ['--version'])).trim();
    return { status: 'available', version, detail: found.path };
  } catch (error) {
    return { status: 'broken', error: (error as Error).message };
  }
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
