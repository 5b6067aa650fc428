/**
 * @module scratch-dirs — the temporary folders a run makes (data shards, a browser profile, a child's results), kept
 * in one registry so that every exit path removes them: the normal one (`removeScratchDir`), and Ctrl-C or SIGTERM
 * (`removeScratchDirsOnSignal`, which the `weft` command installs).
 */
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const live = new Set<string>();

/** Makes a fresh folder `<tmp>/<prefix>XXXXXX` and registers it. */
export async function makeScratchDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  live.add(dir);
  return dir;
}

/** Removes a folder made by {@link makeScratchDir} (and whatever is in it), and forgets it. */
export async function removeScratchDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  live.delete(dir);
}

/** Removes every registered folder now, synchronously (for exit paths that cannot wait). */
export function removeAllScratchDirs(): void {
  for (const dir of live) rmSync(dir, { recursive: true, force: true });
  live.clear();
}

let installed = false;

/**
 * On SIGINT or SIGTERM, removes every registered folder, then ends the process as the signal would have (exit code
 * 128 + signal number: 130 for Ctrl-C). Installed once; for the command's entry point, not for library code.
 */
export function removeScratchDirsOnSignal(): void {
  if (installed) return;
  installed = true;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      removeAllScratchDirs();
      process.exit(code);
    });
  }
}
