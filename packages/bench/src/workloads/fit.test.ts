import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { validateResults, type CaseResult } from '@weft/core/study';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../options.js';
import { weft } from '../run-weft.fixture.js';
import type { Workload } from '../workload.js';
import type { BackendProbe } from './oversubscription.js';
import { nodeWorkloadHost } from '../hosts/node/node-host.js';

// Weft's contestants start workers, which load built code: run the dist build of fit.ts (build bench first).
type FitModule = { createFitWorkload(options?: { probe?: () => Promise<BackendProbe> }): Workload };
const load = () => import(new URL('../../dist/workloads/fit.js', import.meta.url).href) as Promise<FitModule>;

const accuracy = (c: CaseResult | undefined): number => c?.metrics['testAccuracy'] as number;

describe('fit workload', () => {
  it('runs the smoke profile through weft bench: model.fit, Weft (pipeline and fit()) wasm on 2 workers and tensorflow on the main thread', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'weft-fit-'));
    const json = path.join(dir, 'fit.json');
    const { code } = await weft(['bench', 'fit', '--profile', 'smoke', '--json', json], dir);
    const cases = validateResults(JSON.parse(await readFile(json, 'utf8'))).cases;
    expect(cases.map((c) => [c.strategy, c.backend, c.parameters['workers']])).toEqual([
      ['model-fit', 'tensorflow', 0],
      ['weft-pipeline', 'wasm', 2],
      ['weft-fit', 'wasm', 2],
      ['weft-pipeline', 'tensorflow', 0],
      ['weft-fit', 'tensorflow', 0],
    ]);
    const [fit, wasm, wasmFit, native, nativeFit] = cases as [
      CaseResult,
      CaseResult,
      CaseResult,
      CaseResult,
      CaseResult,
    ];
    expect([wasm.status, wasmFit.status]).toEqual(['ok', 'ok']);
    expect(wasmFit.parameters).toMatchObject({ model: 'mlp', workers: 2, pool: 'worker-threads' });
    expect(wasm.parameters).toMatchObject({ batch: 128, epochs: 1, prefetch: 4, exchange: 'shared' });
    if (fit.status === 'skipped') {
      console.warn(`notice: model.fit skipped: ${fit.reason}`);
      expect(fit.reason).toMatch(/^tensorflow backend (missing|broken): /);
      expect(native).toMatchObject({ status: 'skipped', reason: fit.reason });
      expect(nativeFit).toMatchObject({ status: 'skipped', reason: fit.reason });
      expect('ratioToModelFit' in wasm.metrics).toBe(false);
      return;
    }
    expect(code).toBe(0);
    expect([fit.status, native.status, nativeFit.status]).toEqual(['ok', 'ok', 'ok']);
    for (const c of cases) {
      expect(c.samples).toHaveLength(1);
      expect(c.metrics['samplesPerSecond']).toBeGreaterThan(0);
      expect('ratioToModelFit' in c.metrics).toBe(c !== fit);
    }
    expect(wasm.metrics['ratioToModelFit']).toBeCloseTo(
      (wasm.metrics['samplesPerSecond'] as number) / (fit.metrics['samplesPerSecond'] as number),
      9,
    );
    // Same seeded weights, data and shard order: Weft's configurations train the same model wherever the parts run.
    expect(Math.abs(accuracy(wasm) - accuracy(native))).toBeLessThanOrEqual(0.5);
    // fit() on the same MLP from the same weights and batches: tfjs autodiff and tfjs's Adam instead of Weft's own.
    expect(Math.abs(accuracy(wasmFit) - accuracy(nativeFit))).toBeLessThanOrEqual(0.5);
    expect(Math.abs(accuracy(wasmFit) - accuracy(wasm))).toBeLessThanOrEqual(1);
    // model.fit starts from the same weights but shuffles its own way: comparable, not identical.
    expect(Math.abs(accuracy(fit) - accuracy(wasm))).toBeLessThan(10);
    const report = await weft(['report', json], dir);
    expect(report.stdout).toContain('#### Weft vs model.fit');
  });

  it("skips model.fit and the native Weft cases with the probe's reason when tensorflow is missing; wasm still trains", async () => {
    const { createFitWorkload } = await load();
    const reason = '@tensorflow/tfjs-node is not installed: npm install @tensorflow/tfjs-node';
    const workload = createFitWorkload({ probe: () => Promise.resolve({ status: 'missing', reason }) });
    const options = resolveOptions(workload.options, 'smoke', { weft: 'wasm-1,tensorflow-2', 'train-size': '256' });
    const cases = await workload.run({ profile: 'smoke', options, progress: () => undefined, host: nodeWorkloadHost });
    expect(cases.map((c) => [c.strategy, c.backend, c.status, c.reason])).toEqual([
      ['model-fit', 'tensorflow', 'skipped', `tensorflow backend missing: ${reason}`],
      ['weft-pipeline', 'wasm', 'ok', undefined],
      ['weft-fit', 'wasm', 'ok', undefined],
      ['weft-pipeline', 'tensorflow', 'skipped', `tensorflow backend missing: ${reason}`],
      ['weft-fit', 'tensorflow', 'skipped', `tensorflow backend missing: ${reason}`],
    ]);
    expect(accuracy(cases[1])).toBeGreaterThan(10);
    expect(accuracy(cases[2])).toBeGreaterThan(10);
  });
});
