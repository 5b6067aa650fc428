import { describe, expect, it } from 'vitest';
import { createProgressEstimate } from './progress-estimate.js';

describe('createProgressEstimate', () => {
  it('follows a one-runtime run through its workloads and rescales the time left by the pace measured', () => {
    // quick profile: load 26 s, dispatch 18 s expected.
    const estimate = createProgressEstimate([{ workload: 'load' }, { workload: 'dispatch' }], 'quick', 0);
    expect(estimate.state(0)).toMatchObject({ unit: undefined, fraction: 0, secondsLeft: 44 });
    estimate.observe('load: starting', 0);
    estimate.observe('load: files, sequential', 10_000);
    expect(estimate.state(10_000)).toMatchObject({ unit: { workload: 'load' }, secondsLeft: 16 + 18 });
    // load took 52 s, twice the 26 s expected: dispatch is now expected to take 36 s.
    estimate.observe('dispatch: starting', 52_000);
    const at = estimate.state(62_000);
    expect(at.unit).toEqual({ workload: 'dispatch' });
    expect(at.secondsLeft).toBeCloseTo(26);
    expect(at.fraction).toBeCloseTo(62 / 88);
  });

  it('never goes back, and keeps a tenth of a late unit as time left', () => {
    const estimate = createProgressEstimate([{ workload: 'load' }, { workload: 'dispatch' }], 'quick', 0);
    estimate.observe('dispatch: starting', 1000);
    estimate.observe('load: a late line', 2000);
    expect(estimate.state(2000).unit).toEqual({ workload: 'dispatch' });
    expect(estimate.state(100_000).secondsLeft).toBeCloseTo(1.8);
  });

  it('maps a study’s lines to runtime and workload, and skips a missing runtime without taking its pace', () => {
    const units = ['deno', 'node'].flatMap((runtime) =>
      ['load', 'dispatch'].map((workload) => ({ runtime, workload })),
    );
    const estimate = createProgressEstimate(units, 'quick', 0);
    estimate.observe('deno: looking for it', 0);
    expect(estimate.state(0).unit).toEqual({ runtime: 'deno', workload: 'load' });
    estimate.observe('deno is not installed: install it with npm install -D deno', 100);
    estimate.observe('node: looking for it', 200);
    expect(estimate.state(200).unit).toEqual({ runtime: 'node', workload: 'load' });
    estimate.observe('node 20.20.2: starting', 300);
    estimate.observe('node: load: starting', 400);
    expect(estimate.state(400).unit).toEqual({ runtime: 'node', workload: 'load' });
    estimate.observe('node: dispatch: 2 threads, burst round 1/5', 26_400);
    const at = estimate.state(26_400);
    expect(at.unit).toEqual({ runtime: 'node', workload: 'dispatch' });
    // The skipped deno units gave no pace; node's load ran at the expected pace (26.2 s for 26 s).
    expect(at.secondsLeft).toBeCloseTo(18 * (26.2 / 26));
  });
});
