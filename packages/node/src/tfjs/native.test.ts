import * as tf from '@tensorflow/tfjs-core';
import { isWeftError } from '@weft/core';
import { describe, expect, it } from 'vitest';
import { useTfjsBackend } from './backend.js';
import { probeTfjsBackend } from './probe.js';

// The real tfjs-node, with the native addon built by scripts/tfjs-node-offline.sh. Without the addon these tests
// skip with a notice, unless WEFT_REQUIRE_TFJS_NODE=1 (CI), where they fail.
const probe = await probeTfjsBackend(tf, 'tensorflow');
const required = process.env['WEFT_REQUIRE_TFJS_NODE'] === '1';
const built = probe.status === 'available';
if (!built && !required) {
  console.warn(
    `tfjs-node native addon not built: run bash scripts/tfjs-node-offline.sh (${probe.reason ?? probe.status})`,
  );
}

describe.skipIf(!built && !required)('tensorflow backend (real tfjs-node)', () => {
  it('probes available with the tfjs-node and libtensorflow versions', () => {
    expect(probe).toMatchObject({ name: 'tensorflow', status: 'available' });
    expect(probe.version).toMatch(/^tfjs-node 4\.\d+\.\d+, libtensorflow \d+\.\d+\.\d+$/);
  });

  it('is selected by useTfjsBackend and computes a matMul', async () => {
    await useTfjsBackend(tf, 'cpu');
    await useTfjsBackend(tf, 'tensorflow');
    expect(tf.getBackend()).toBe('tensorflow');
    const product = tf.tidy(() =>
      tf
        .matMul(
          tf.tensor2d([
            [1, 2, 3],
            [4, 5, 6],
          ]),
          tf.tensor2d([
            [7, 8],
            [9, 10],
            [11, 12],
          ]),
        )
        .arraySync(),
    );
    expect(product).toEqual([
      [58, 64],
      [139, 154],
    ]);
    // Same numbers as the cpu backend on a larger random product (float32 tolerance).
    const a = tf.randomUniform([64, 48], -1, 1, 'float32', 1);
    const b = tf.randomUniform([48, 32], -1, 1, 'float32', 2);
    const aData = a.dataSync(),
      bData = b.dataSync();
    const native = tf.matMul(a, b).dataSync();
    await useTfjsBackend(tf, 'cpu');
    const reference = tf.matMul(tf.tensor2d(aData, [64, 48]), tf.tensor2d(bData, [48, 32])).dataSync();
    expect(native.length).toBe(reference.length);
    for (let i = 0; i < native.length; i++) expect(native[i]).toBeCloseTo(reference[i]!, 4);
  });

  it('refuses intraOpThreads once libtensorflow has loaded with another value', async () => {
    const current = process.env['TF_NUM_INTRAOP_THREADS'];
    const other = current === '3' ? 2 : 3;
    const error = await useTfjsBackend(tf, 'tensorflow', { intraOpThreads: other }).catch((e: unknown) => e);
    expect(isWeftError(error, 'UNSUPPORTED')).toBe(true);
    expect((error as Error).message).toMatch(/already loaded in this process with TF_NUM_INTRAOP_THREADS/);
    const bad = await useTfjsBackend(tf, 'tensorflow', { intraOpThreads: 0 }).catch((e: unknown) => e);
    expect(isWeftError(bad, 'INVALID_ARGUMENT')).toBe(true);
  });

  it('refuses cuda beside tfjs-node in the same process, saying why', async () => {
    // An injected module object stands for tfjs-node-gpu, which is not installed here: it is never used.
    const error = await useTfjsBackend(tf, 'cuda', { lib: {} }).catch((e: unknown) => e);
    expect(isWeftError(error, 'UNSUPPORTED')).toBe(true);
    expect((error as Error).message).toMatch(/@tensorflow\/tfjs-node is already loaded/);
    // Without an injected module the probe still names what this host lacks for cuda.
    const probe = await probeTfjsBackend(tf, 'cuda');
    expect(probe.reason).toContain('npm install @tensorflow/tfjs-node-gpu');
  });
});
