import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { probeTfjsBackend } from './probe.js';

// Deno and Bun load tfjs-node through the built adapter (Deno needs its node:util shim), select it and compute.
// Skips like native.test.ts without the native addon; skips a runtime that is not installed (root devDependencies).
const probe = await probeTfjsBackend(tf, 'tensorflow');
const built = probe.status === 'available' || process.env['WEFT_REQUIRE_TFJS_NODE'] === '1';
const bin = (name: string): string => fileURLToPath(new URL(`../../../../node_modules/.bin/${name}`, import.meta.url));
const adapter = new URL('../../dist/tfjs/index.js', import.meta.url).href;

const script = `
import * as tf from '@tensorflow/tfjs-core';
import { probeTfjsBackend, useTfjsBackend } from ${JSON.stringify(adapter)};
const probe = await probeTfjsBackend(tf, 'tensorflow');
await useTfjsBackend(tf, 'tensorflow');
const product = tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])).dataSync()[0];
const cuda = await probeTfjsBackend(tf, 'cuda');
console.log('RESULT ' + JSON.stringify({ probe, backend: tf.getBackend(), product, cuda }));
`;

const runtimes = [
  { name: 'deno', args: ['eval', '--ext=js', script] },
  { name: 'bun', args: ['-e', script] },
] as const;

describe.skipIf(!built)('tfjs-node through the adapter in Deno and Bun', () => {
  it.each(runtimes)('$name selects tensorflow, computes, and probes cuda with its reasons', ({ name, args }) => {
    if (!existsSync(bin(name))) return void console.warn(`${name} not installed: skipped`);
    const run = spawnSync(bin(name), args, {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
      timeout: 120_000,
    });
    const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    expect(line, `${name} printed no result: ${run.stderr.slice(-2000)}`).toBeDefined();
    const result = JSON.parse(line!.slice('RESULT '.length)) as {
      probe: { status: string; version: string };
      backend: string;
      product: number;
      cuda: { status: string; reason: string };
    };
    expect(result.probe).toMatchObject({
      status: 'available',
      version: expect.stringMatching(/^tfjs-node 4\.\S+, libtensorflow /),
    });
    expect(result.backend).toBe('tensorflow');
    expect(result.product).toBe(11);
    expect(result.cuda.status).not.toBe('available');
    expect(result.cuda.reason).toContain('npm install @tensorflow/tfjs-node-gpu');
    expect(result.cuda.reason).not.toContain('cannot check');
  });
});
