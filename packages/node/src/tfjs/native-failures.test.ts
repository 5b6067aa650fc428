import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { isWeftError } from '@weft/core';
import { afterAll, describe, expect, it } from 'vitest';
import { useTfjsBackend } from './backend.js';
import { probeTfjsBackend } from './probe.js';

// Why a native backend cannot run, on real failures where this machine has them: @tensorflow/tfjs-node-gpu is not
// installed and there is no GPU; tfjs-node copies without their native library or addon are real broken installs.
tf.enableProdMode();

const tfjsNodeDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-node/package.json'));
// Inside this package's node_modules so the copies resolve @tensorflow/tfjs like the real one does.
// A fresh clone has no packages/node/node_modules (npm hoists everything to the root), so make it first.
const scratchParent = join(dirname(fileURLToPath(import.meta.url)), '../../node_modules');
mkdirSync(scratchParent, { recursive: true });
const scratch = mkdtempSync(join(scratchParent, '.weft-tfjs-node-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the installed tfjs-node with `dist/` and `package.json`, plus the addon `lib/` when asked. */
function brokenCopy(label: string, withAddon: boolean): () => Promise<unknown> {
  const dir = join(scratch, label);
  cpSync(join(tfjsNodeDir, 'dist'), join(dir, 'dist'), { recursive: true });
  cpSync(join(tfjsNodeDir, 'package.json'), join(dir, 'package.json'));
  if (withAddon) cpSync(join(tfjsNodeDir, 'lib'), join(dir, 'lib'), { recursive: true });
  return () => import(pathToFileURL(join(dir, 'dist', 'index.js')).href);
}

const addonBuilt = existsSync(join(tfjsNodeDir, 'lib'));

describe('cuda (tfjs-node-gpu) on this machine: no package, no GPU', () => {
  it('probes missing with the install command, the missing device and the missing CUDA libraries', async () => {
    const probe = await probeTfjsBackend(tf, 'cuda');
    expect(probe).toMatchObject({ name: 'cuda', status: 'missing' });
    expect(probe.reason).toContain('npm install @tensorflow/tfjs-node-gpu');
    // This machine has neither a GPU nor CUDA; a CUDA host would lack only the package.
    if (!existsSync('/dev/nvidia0')) expect(probe.reason).toMatch(/no CUDA device: no \/dev\/nvidia0/);
    if (!existsSync('/usr/local/cuda-11.2')) {
      expect(probe.reason).toMatch(/CUDA libraries not found .*libcudart\.so\.11\.0: cannot open shared object file/);
    }
  });

  it('makes useTfjsBackend throw UNSUPPORTED with the same reason', async () => {
    const error = await useTfjsBackend(tf, 'cuda').catch((e: unknown) => e);
    expect(isWeftError(error, 'UNSUPPORTED')).toBe(true);
    expect((error as Error).message).toMatch(
      /^tfjs backend "cuda" unavailable: .*npm install @tensorflow\/tfjs-node-gpu/,
    );
  });

  it('reports an injected tfjs-node-gpu whose import fails on libcudart as CUDA libraries not found', async () => {
    // A fake module loader: the only fake in these tests. No GPU and no GPU libtensorflow exist here, so this
    // reproduces the dlopen error a host without CUDA 11.2 gives when the GPU addon loads.
    const dlopenError = new Error('libcudart.so.11.0: cannot open shared object file: No such file or directory');
    const lib = (): Promise<unknown> => Promise.reject(dlopenError);
    const probe = await probeTfjsBackend(tf, 'cuda', { lib });
    expect(probe).toEqual({
      name: 'cuda',
      status: 'broken',
      reason:
        'CUDA libraries not found (needs CUDA 11.2 and cuDNN 8.1): libcudart.so.11.0: cannot open shared object file: No such file or directory',
    });
    const error = await useTfjsBackend(tf, 'cuda', { lib }).catch((e: unknown) => e);
    expect(isWeftError(error, 'UNSUPPORTED')).toBe(true);
    expect((error as Error).cause).toBe(dlopenError);
  });

  it('reports an injected module whose tensorflow backend fails to initialise on libcudnn', async () => {
    // Fake module object (see above): its backend factory fails the way cuDNN's absence does at initialisation.
    const lib = {
      version: { 'tfjs-node': '4.22.0' },
      findBackend: () => {
        throw new Error(
          'Could not load dynamic library libcudnn.so.8; dlerror: libcudnn.so.8: cannot open shared object file',
        );
      },
    };
    const probe = await probeTfjsBackend(tf, 'cuda', { lib });
    expect(probe.status).toBe('broken');
    expect(probe.reason).toMatch(/^CUDA libraries not found .*libcudnn\.so\.8/);
  });
});

describe('tensorflow (tfjs-node) broken installs', () => {
  it.skipIf(!addonBuilt)('reports the missing libtensorflow with its dlopen error and the offline script', async () => {
    const probe = await probeTfjsBackend(tf, 'tensorflow', { lib: brokenCopy('no-deps', true) });
    expect(probe.status).toBe('broken');
    expect(probe.reason).toMatch(/^native library missing: .*libtensorflow\S*\.so\.2: cannot open shared object file/);
    expect(probe.reason).toContain('scripts/tfjs-node-offline.sh');
  });

  it('reports an addon that was never built', async () => {
    const lib = brokenCopy('no-addon', false);
    const probe = await probeTfjsBackend(tf, 'tensorflow', { lib });
    expect(probe).toMatchObject({ name: 'tensorflow', status: 'broken' });
    expect(probe.reason).toBe(
      '@tensorflow/tfjs-node native addon not built: run bash scripts/tfjs-node-offline.sh (builds the addon from the TensorFlow CPU wheel, offline)',
    );
    const error = await useTfjsBackend(tf, 'tensorflow', { lib }).catch((e: unknown) => e);
    expect(isWeftError(error, 'UNSUPPORTED')).toBe(true);
    expect((error as Error).message).toContain('native addon not built');
  });

  it('reports a module that is not tfjs-node', async () => {
    const probe = await probeTfjsBackend(tf, 'tensorflow', { lib: await import('@tensorflow/tfjs-core') });
    expect(probe.status).toBe('broken');
    expect(probe.reason).toMatch(/did not register|findBackend/);
  });
});
