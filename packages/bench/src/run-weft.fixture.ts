/** @module run-weft.fixture — tests run the `weft` command as users do: the built dist/cli.js in a child process. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CLI_PATH } from './runners/locate.js';

const run = promisify(execFile);

/** Runs `weft <args>` in `cwd`; resolves with the exit code and output (never rejects on a non-zero exit). */
export async function weft(
  args: string[],
  cwd?: string,
  options: { readonly timeoutMs?: number; readonly env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI_PATH, ...args], {
      cwd,
      env: options.env ?? process.env,
      maxBuffer: 1 << 24,
      timeout: options.timeoutMs ?? 240_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}
