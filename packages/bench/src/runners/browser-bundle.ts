/**
 * @module runners/browser-bundle — bundles the browser study with esbuild (in memory): the page, its workers, the
 * dispatch task, and, when `@weft/browser` is built, Weft's web-worker executor and its worker entry.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WeftError } from '@weft/core';
import { OPTIONAL_PAGE_PACKAGES, optionalPackagesPlugin, resolvable } from './optional-packages.js';

/** Bundled files by URL path (`/page.js`), and why Weft's executor is missing when it is. */
export interface BrowserBundle {
  readonly files: ReadonlyMap<string, string>;
  readonly weftUnavailable?: string;
  readonly esbuildVersion: string;
}

const dist = (relative: string): string => fileURLToPath(new URL(`../${relative}`, import.meta.url));

type Esbuild = typeof import('esbuild');

async function loadEsbuild(): Promise<Esbuild> {
  try {
    return await import('esbuild');
  } catch (cause) {
    throw new WeftError('UNSUPPORTED', 'cannot load esbuild to bundle the browser study: npm install -D esbuild', {
      cause,
    });
  }
}

const common = {
  bundle: true,
  format: 'esm' as const,
  platform: 'browser' as const,
  target: 'chrome110',
  write: false as const,
  logLevel: 'silent' as const,
  minify: false,
  // A tfjs backend the page may import but that is not installed must not fail the bundle: its probe says so.
  plugins: [optionalPackagesPlugin(OPTIONAL_PAGE_PACKAGES, resolvable)],
};

/** Bundles every file the page needs; `@weft/browser` is optional (its absence is recorded, not fatal). */
export async function bundleBrowserStudy(): Promise<BrowserBundle> {
  const esbuild = await loadEsbuild();
  const files = new Map<string, string>();
  const entries: Record<string, string> = {
    'page.js': dist('runners/browser/page.js'),
    'transfer-worker.js': dist('runners/browser/transfer-worker.js'),
    'echo-worker.js': dist('runners/browser/echo-worker.js'),
    'dispatch-task.js': dist('workloads/dispatch-task.js'),
    'load-task.js': dist('runners/browser/load-task.js'),
    'train-task.js': dist('runners/browser/train-task.js'),
    'backends.js': dist('runners/browser/backends-task.js'),
  };
  for (const [name, entry] of Object.entries(entries)) {
    const built = await esbuild
      .build({ ...common, entryPoints: [entry], outfile: path.join('/out', name) })
      .catch((cause: unknown) => {
        throw new WeftError(
          'UNSUPPORTED',
          `cannot bundle ${path.basename(entry)} for the browser: ${(cause as Error).message.split('\n')[0]}`,
          { cause },
        );
      });
    files.set(`/${name}`, built.outputFiles[0]?.text ?? '');
  }
  let weftUnavailable: string | undefined;
  try {
    // Entry points, not side-effect imports: @weft/browser says "sideEffects": false, so a bare
    // `import '@weft/browser/worker'` would be tree-shaken to nothing.
    const entry = (specifier: string) => fileURLToPath(import.meta.resolve(specifier));
    const executor = await esbuild.build({
      ...common,
      entryPoints: [entry('@weft/browser')],
      outfile: '/out/weft-browser.js',
    });
    const worker = await esbuild.build({
      ...common,
      entryPoints: [entry('@weft/browser/worker')],
      outfile: '/out/weft-worker.js',
    });
    files.set('/weft-browser.js', executor.outputFiles[0]?.text ?? '');
    files.set('/weft-worker.js', worker.outputFiles[0]?.text ?? '');
  } catch (error) {
    weftUnavailable = `@weft/browser could not be bundled (build it: npx turbo run build --filter=@weft/browser): ${(error as Error).message.split('\n')[0]}`;
  }
  return { files, esbuildVersion: esbuild.version, ...(weftUnavailable === undefined ? {} : { weftUnavailable }) };
}
