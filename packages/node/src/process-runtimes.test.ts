import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const bin = join(packageDir, '..', '..', 'node_modules', '.bin');
/** Trials of the fault soak in each runtime (about 25 s in Bun, 80 s in Deno on 2 cores). */
const TRIALS = process.env['WEFT_SOAK_TRIALS'] ?? '100';
const LIMIT_MS = 8 * 60_000;

describe.each([
  ['deno', [join(bin, 'deno'), 'run', '-A', 'test/process-runtime.mjs']],
  ['bun', [join(bin, 'bun'), 'test/process-runtime.mjs']],
] as const)('nodeProcessExecutor in %s', (runtime, [command, ...args]) => {
  it(
    `passes the conformance suite and ${TRIALS} fault-soak trials, and exits by itself`,
    () => {
      const run = spawnSync(command, args, {
        cwd: packageDir,
        env: { ...process.env, WEFT_SOAK_TRIALS: TRIALS },
        encoding: 'utf8',
        timeout: LIMIT_MS,
        killSignal: 'SIGKILL',
      });
      const failures = run.stdout.split('\n').filter((line) => line.startsWith('✗'));
      console.log(
        run.stdout
          .split('\n')
          .filter((line) => / passed, | trials /.test(line))
          .join('\n'),
      );
      expect(failures, run.stdout.slice(-4000)).toEqual([]);
      expect(run.stdout).toMatch(
        /trials \d+, tasks \d+, settled once \d+, wrong outcomes 0, hangs 0, leaked workers 0/,
      );
      expect(run.error?.message, `${runtime} did not exit by itself`).toBeUndefined();
      expect(run.status, run.stderr.slice(-2000)).toBe(0);
    },
    LIMIT_MS + 30_000,
  );
});
