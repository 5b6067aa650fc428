import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { OPTIONAL_PAGE_PACKAGES, optionalPackagesPlugin, resolvable } from './optional-packages.js';

describe('optional packages in the browser bundle', () => {
  it('bundles a lazy import of a missing optional package as a module whose import rejects with the install command', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'weft-optional-'));
    const entry = path.join(dir, 'page.mjs');
    await writeFile(
      entry,
      [
        "export const probe = () => import('@tensorflow/tfjs-backend-webgpu').then(() => 'loaded', (e) => e.message);",
        "export const deep = () => import('@tensorflow/tfjs-core/dist/register_all_gradients').then(() => 'loaded', (e) => `${e.name} ${e.code}: ${e.message}`);",
      ].join('\n'),
    );
    const build = (installed: (name: string) => boolean) =>
      esbuild.build({
        entryPoints: [entry],
        bundle: true,
        format: 'esm',
        platform: 'browser',
        write: false,
        logLevel: 'silent',
        plugins: [optionalPackagesPlugin(OPTIONAL_PAGE_PACKAGES, installed)],
      });
    // Missing: the bundle builds, and the import rejects with one line.
    const missing = await build(() => false);
    const file = path.join(dir, 'out.mjs');
    await writeFile(file, missing.outputFiles[0]?.text ?? '');
    const { probe, deep } = (await import(file)) as { probe: () => Promise<string>; deep: () => Promise<string> };
    expect(await probe()).toBe(
      '@tensorflow/tfjs-backend-webgpu is not installed: npm install @tensorflow/tfjs-backend-webgpu',
    );
    // A path inside a missing package names the package, as an UNSUPPORTED WeftError (the page skips the workload).
    expect(await deep()).toBe(
      'WeftError UNSUPPORTED: @tensorflow/tfjs-core is not installed: npm install @tensorflow/tfjs-core',
    );
    // What counts as installed: what resolves from the bench.
    expect(resolvable('@tensorflow/tfjs-core')).toBe(true);
    expect(resolvable('@tensorflow/not-a-package')).toBe(false);
  });
});
