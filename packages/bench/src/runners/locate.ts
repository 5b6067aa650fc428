/** @module runners/locate — finding a runtime's executable: an environment override, the project's node_modules/.bin, or PATH. */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_ROOT } from '../process/package-root.js';
import type { RuntimeProbe } from './runtime.js';

/** The built `weft` entry every runtime runs (`dist/cli.js`), also when this module runs from `src/` (tests). */
export const CLI_PATH = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** True when `file` exists and may be executed. */
export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where an executable was found, and how. */
export interface Located {
  readonly path: string;
  readonly from: 'env' | 'node_modules' | 'PATH' | 'default';
}

/**
 * Finds `name`: `process.env[envVar]` when set (returned even if it does not exist, so the caller can say the
 * override is wrong), else `node_modules/.bin/<name>` in the bench package or any folder above it, else `PATH`,
 * else the given default paths. Undefined when it is nowhere.
 */
export function locateExecutable(name: string, envVar: string, defaults: readonly string[] = []): Located | undefined {
  const override = process.env[envVar];
  if (override !== undefined && override !== '') return { path: override, from: 'env' };
  for (let dir = BENCH_ROOT; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', '.bin', name);
    if (isExecutable(candidate)) return { path: candidate, from: 'node_modules' };
    if (path.dirname(dir) === dir) break;
  }
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return { path: candidate, from: 'PATH' };
  }
  const fallback = defaults.find(isExecutable);
  return fallback === undefined ? undefined : { path: fallback, from: 'default' };
}

/** Runs `file args` briefly (e.g. `--version`) and resolves with its stdout; rejects with its error. */
export function captureOutput(file: string, args: readonly string[], timeoutMs = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error)
        reject(
          new Error(
            `${path.basename(file)} ${args.join(' ')} failed: ${(stderr || error.message).trim().split('\n')[0]}`,
          ),
        );
      else resolve(stdout);
    });
  });
}

/** How to find a command-line runtime and read its version. */
export interface ExecutableSpec {
  /** Name of the executable (`deno`, `bun`). */
  readonly name: string;
  /** Environment variable that overrides where it is (`WEFT_DENO`). */
  readonly envVar: string;
  /** The install command shown when it is missing. */
  readonly install: string;
  /** Picks the version out of `<name> --version` (default: the trimmed output). */
  readonly parseVersion?: (output: string) => string;
}

/** Finds the executable ({@link locateExecutable}) and reads its version: available, missing or broken. */
export async function probeExecutable(spec: ExecutableSpec): Promise<RuntimeProbe> {
  const found = locateExecutable(spec.name, spec.envVar);
  if (found === undefined) return { status: 'missing', install: spec.install };
  if (!isExecutable(found.path))
    return { status: 'broken', error: `${spec.envVar}=${found.path} is not an executable file` };
  try {
    const output = await captureOutput(found.path, ['--version']);
    return {
      status: 'available',
      version: spec.parseVersion ? spec.parseVersion(output) : output.trim(),
      detail: found.path,
    };
  } catch (error) {
    return { status: 'broken', error: (error as Error).message };
  }
}
