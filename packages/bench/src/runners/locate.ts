/** @module runners/locate — finding a runtime's executable: an environment override, the project's node_modules/.bin, or PATH. */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bench package's root folder (where `package.json` is), found from this file, never from the cwd. */
export const BENCH_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The built `weft` entry every runtime runs (`dist/cli.js`), also when this module runs from `src/` (tests). */
export const CLI_PATH = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

function executable(file: string): boolean {
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
    if (executable(candidate)) return { path: candidate, from: 'node_modules' };
    if (path.dirname(dir) === dir) break;
  }
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    if (executable(candidate)) return { path: candidate, from: 'PATH' };
  }
  const fallback = defaults.find(executable);
  return fallback === undefined ? undefined : { path: fallback, from: 'default' };
}

/** Runs `file args` briefly (e.g. `--version`) and resolves with its stdout; rejects with its error. */
export function captureOutput(file: string, args: readonly string[], timeoutMs = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${path.basename(file)} ${args.join(' ')} failed: ${(stderr || error.message).trim().split('\n')[0]}`));
      else resolve(stdout);
    });
  });
}

/** True when `file` exists and may be executed. */
export function isExecutable(file: string): boolean {
  return executable(file);
}
