/**
 * @module runners/chromium — the study in headless Chromium (Debian's `chromium`, or `WEFT_CHROMIUM`), driven by
 * playwright-core: the browser workloads are bundled with esbuild, served with COOP/COEP headers over 127.0.0.1,
 * run on a page with Web Workers, and their results posted back to the host.
 */
import { WeftError } from '@weft/core';
import type { ResultsFile } from '@weft/core/study';
import { captureOutput, isExecutable, locateExecutable } from './locate.js';
import type { RunRequest, RuntimeProbe, RuntimeRunner } from './runtime.js';

/** How to install what the Chromium runner needs. */
export const CHROMIUM_INSTALL =
  'apt-get install -y chromium (or set WEFT_CHROMIUM to a Chromium binary), and npm install -D playwright-core';

/** The Chromium executable: `WEFT_CHROMIUM`, else `/usr/bin/chromium`, else `chromium` on PATH. */
export function chromiumPath(): string | undefined {
  const override = process.env['WEFT_CHROMIUM'];
  if (override) return override;
  if (isExecutable('/usr/bin/chromium')) return '/usr/bin/chromium';
  return locateExecutable('chromium', 'WEFT_CHROMIUM')?.path;
}

/** True when playwright-core can be imported from here. */
function playwrightInstalled(): boolean {
  try {
    import.meta.resolve('playwright-core');
    return true;
  } catch {
    return false;
  }
}

/** Finds Chromium and playwright-core and reads Chromium's version. */
export async function probeChromium(): Promise<RuntimeProbe> {
  const file = chromiumPath();
  if (file === undefined) return { status: 'missing', install: CHROMIUM_INSTALL };
  if (!isExecutable(file)) return { status: 'broken', error: `WEFT_CHROMIUM=${file} is not an executable file` };
  if (!playwrightInstalled())
    return { status: 'missing', install: 'npm install -D playwright-core esbuild', detail: file };
  try {
    const out = await captureOutput(file, ['--version']);
    const version = /(\d+\.\d+\.\d+\.\d+)/.exec(out)?.[1] ?? out.trim();
    return { status: 'available', version, detail: file };
  } catch (error) {
    return { status: 'broken', error: (error as Error).message };
  }
}

/** Runs the browser workloads in headless Chromium. */
export function chromiumRunner(): RuntimeRunner {
  return {
    name: 'chromium',
    probe: probeChromium,
    async run(request: RunRequest): Promise<ResultsFile> {
      const { runInChromium } = await import('./chromium-session.js');
      const file = chromiumPath();
      if (file === undefined) throw new WeftError('UNSUPPORTED', `chromium is not installed: ${CHROMIUM_INSTALL}`);
      return runInChromium(file, request);
    },
  };
}
