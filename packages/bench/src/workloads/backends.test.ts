import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { validateResults, type CaseResult } from '@weft/core/study';
import { describe, expect, it } from 'vitest';
import { weft } from '../run-weft.fixture.js';
import { chromiumPath, probeChromium } from '../runners/chromium.js';
import { runInChromium } from '../runners/chromium-session.js';
import { matMulFlops } from './backends-flops.js';
import { probeBackend } from './tfjs-modules.js';

// `weft bench backends` as users run it (the built CLI in a child process); numbers are checked for shape, never speed.

const tensorflow = await probeBackend('tensorflow');
const chromium = await probeChromium();
if (tensorflow.status !== 'available')
  console.warn(
    `backends smoke test: tensorflow is ${tensorflow.status} here (${tensorflow.reason ?? ''}): expecting it skipped`,
  );

async function run(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string; cases: readonly CaseResult[] }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'weft-backends-'));
  const json = path.join(dir, 'results.json');
  const out = await weft(['bench', 'backends', ...args, '--json', json], dir, { timeoutMs: 180_000 });
  const cases = out.code === 0 ? validateResults(JSON.parse(await readFile(json, 'utf8'))).cases : [];
  return { ...out, cases };
}

describe('weft bench backends --profile smoke', () => {
  it('measures cpu, wasm and tensorflow in three phases, skips cuda with its reason, and prints the Backends table', async () => {
    const { code, stdout, stderr, cases } = await run(['--profile', 'smoke']);
    expect(stderr).not.toMatch(/^weft:/m);
    expect(code).toBe(0);
    expect(cases.filter((c) => c.status === 'failed')).toEqual([]);
    const find = (backend: string, strategy: string, n?: number) =>
      cases.filter(
        (c) => c.backend === backend && c.strategy === strategy && (n === undefined || c.parameters['n'] === n),
      );

    const [peak] = find('none', 'theoretical-peak');
    expect(peak?.parameters).toMatchObject({ cores: os.availableParallelism(), flopsPerCycle: 32 });
    expect(String(peak?.parameters['clockSource'])).toMatch(/cpu MHz|os\.cpus|unknown/);

    const measured = ['cpu', 'wasm', ...(tensorflow.status === 'available' ? ['tensorflow'] : [])];
    for (const backend of measured) {
      for (const n of [64, 128]) {
        const [c] = find(backend, 'matMul', n);
        expect(c?.status, `${backend} matMul ${n}`).toBe('ok');
        const ms = c?.summary?.median as number;
        expect(c?.summary?.n).toBeGreaterThanOrEqual(3);
        expect(c?.metrics['firstRunMs']).toBeGreaterThan(0);
        expect(c?.metrics['warmupRuns']).toBe(1);
        expect(c?.metrics['gflops']).toBeCloseTo(matMulFlops(n) / (ms * 1e6), 6);
        expect(c?.parameters['threads']).toBe(backend === 'tensorflow' ? os.availableParallelism() : 1);
        if (peak?.status === 'ok') expect(c?.metrics['peakFraction']).toBeGreaterThan(0);
      }
      expect(find(backend, 'conv2d')[0]?.parameters).toMatchObject({
        batch: 2,
        input: '28×28×32',
        filter: '3×3×64',
        padding: 'same',
      });
      const [mlp] = find(backend, 'mlp-train-step');
      expect(mlp?.status).toBe('ok');
      expect(mlp?.parameters).toMatchObject({ model: 'mlp 784-128-64-10', batch: 32 });
      expect(mlp?.metrics['samplesPerSecond']).toBeGreaterThan(0);
    }
    // wasm (tfjs 4.22) has no Conv2DBackpropFilter kernel: the CNN step is skipped on it, with that reason.
    expect(find('wasm', 'cnn-train-step')[0]).toMatchObject({
      status: 'skipped',
      reason: expect.stringContaining('Conv2DBackpropFilter'),
    });
    expect(find('cpu', 'cnn-train-step')[0]?.status).toBe('ok');
    if (tensorflow.status !== 'available') expect(find('tensorflow', 'all')[0]?.status).toBe('skipped');

    const [cuda] = find('cuda', 'all');
    expect(cuda?.status).toBe('skipped');
    expect(cuda?.reason).toMatch(/tfjs-node-gpu|CUDA|nvidia/);
    expect(cuda?.reason).not.toMatch(/already loaded/);

    const numpy = find('numpy', 'matMul');
    expect(numpy.length).toBeGreaterThan(0);
    for (const c of numpy)
      expect(c.status === 'ok' ? String(c.parameters['reference']) : c.reason).toMatch(/non-JS|python3/);

    expect(stdout).toContain('#### Backends');
    expect(stdout).toContain('cores × clock GHz × 32 FLOP/cycle');
  }, 360_000); // 43 s here beside the other packages' tests; the limit bounds a hang, not a speed

  it('runs only the selected backends and operations', async () => {
    const { code, cases } = await run([
      '--profile',
      'smoke',
      '--backends',
      'wasm',
      '--ops',
      'matMul',
      '--sizes',
      '32',
      '--samples',
      '4',
      '--budget-ms',
      '60000',
    ]);
    expect(code).toBe(0);
    expect(cases.map((c) => `${c.strategy}:${c.backend}:${String(c.parameters['n'] ?? '')}`)).toEqual([
      'theoretical-peak:none:',
      'matMul:wasm:32',
    ]);
    expect(cases[1]?.summary?.n).toBe(4);
  }, 60_000);

  it('skips a browser backend with the reason, as a page skips the native ones', async () => {
    const { code, cases } = await run(['--profile', 'smoke', '--backends', 'webgl', '--ops', 'matMul']);
    expect(code).toBe(0);
    expect(cases.map((c) => [c.strategy, c.backend, c.status])).toEqual([
      ['theoretical-peak', 'none', 'ok'],
      ['all', 'webgl', 'skipped'],
    ]);
    expect(cases[1]?.reason).toContain('runs in a browser page');
  });

  it('rejects bad options in one line', async () => {
    const sizes = await run(['--sizes', '0']);
    expect(sizes.code).toBe(2);
    expect(sizes.stderr.trim()).toBe('weft: --sizes must be a comma-separated list of positive integers (got "0")');
    const backends = await run(['--backends', 'metal']);
    expect(backends.code).toBe(2);
    expect(backends.stderr.trim()).toBe(
      'weft: --backends must be a comma-separated list of auto, cpu, wasm, tensorflow, cuda, webgl, webgpu, numpy (got "metal")',
    );
  });
});

describe('backends in headless Chromium', () => {
  it.skipIf(chromium.status !== 'available')(
    'measures wasm and webgl with the shared code, and skips webgpu with its reason',
    async () => {
      const results = await runInChromium(chromiumPath() as string, {
        profile: 'smoke',
        workloads: ['backends'],
        timeoutMs: 120_000,
        progress: () => undefined,
      });
      const cases = results.cases.filter((c) => c.workload === 'backends');
      expect(cases.filter((c) => c.status === 'failed')).toEqual([]);
      expect(cases.find((c) => c.strategy === 'theoretical-peak')?.parameters['cores']).toBe(os.availableParallelism());
      for (const backend of ['wasm', 'webgl']) {
        const mlp = cases.find((c) => c.backend === backend && c.strategy === 'mlp-train-step');
        // webgl needs a WebGL context; where Chromium has none it must be a skipped case with the reason, never a number.
        const whole = cases.find((c) => c.backend === backend && c.strategy === 'all');
        if (whole) expect(whole.status).toBe('skipped');
        else expect(mlp?.status).toBe('ok');
      }
      expect(
        cases.find((c) => c.backend === 'wasm' && c.strategy === 'matMul' && c.parameters['n'] === 128)?.metrics[
          'gflops'
        ],
      ).toBeGreaterThan(0);
      const webgpu = cases.filter((c) => c.backend === 'webgpu');
      expect(webgpu.length).toBeGreaterThan(0);
      for (const c of webgpu) if (c.status !== 'ok') expect(c.reason).toMatch(/WebGPU|adapter|webgpu/);
    },
    150_000,
  );
});
