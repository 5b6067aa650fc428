/** @module runners/deno — the study in Deno, through its Node compatibility (`deno run -A dist/cli.js`). */
import { cliRunner } from './cli-runner.js';
import { BENCH_ROOT, captureOutput, isExecutable, locateExecutable } from './locate.js';
import type { RuntimeProbe, RuntimeRunner } from './runtime.js';

/** How to install Deno for this project. */
export const DENO_INSTALL = 'npm install -D deno (at the repository root)';

/** Finds Deno (`WEFT_DENO`, node_modules/.bin/deno, PATH) and reads its version. */
export async function probeDeno(): Promise<RuntimeProbe> {
  const found = locateExecutable('deno', 'WEFT_DENO');
  if (found === undefined) return { status: 'missing', install: DENO_INSTALL };
  if (!isExecutable(found.path)) return { status: 'broken', error: `WEFT_DENO=${found.path} is not an executable file` };
  try {
    const out = await captureOutput(found.path, ['--version']);
    const version = /deno (\S+)/.exec(out)?.[1] ?? out.trim().split('\n')[0] ?? '';
    return { status: 'available', version, detail: found.path };
  } catch (error) {
    return { status: 'broken', error: (error as Error).message };
  }
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
