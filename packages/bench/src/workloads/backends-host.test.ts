import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { backendsWorkload, resolveBackends } from './backends.js';
import type { BackendsHost } from './host.js';
import { fakeHost, hostContext } from './host.fixture.js';

// The runtime-neutral `backends` workload on a fake host whose one real backend is tfjs's cpu in this process.

const peak = { cores: 2, clockMhz: 2500, clockSource: '/proc/cpuinfo cpu MHz' } as const;
const small = {
  sizes: '16',
  'conv-batch': '1',
  batch: '4',
  warmup: '1',
  samples: '3',
  'budget-ms': '200',
  ops: 'matMul,mlp-train-step,cnn-train-step',
};

/** A host with `cpu` (ready, without tfjs-layers), `gpu` (skipped) and a reference `numpy` it measures itself. */
function host(opened: string[]): BackendsHost {
  return {
    backends: ['cpu', 'gpu'],
    peak,
    async openBackend(backend) {
      opened.push(backend);
      if (backend !== 'cpu') return { status: 'skipped', reason: `no ${backend} in this host` };
      await tf.setBackend('cpu');
      const digits = { x: new Float32Array(8 * 784).fill(0.5), labels: new Int32Array(8), rows: 8, features: 784 };
      const env = { tf, backend, digits, layers: 'no tfjs-layers in this host', peak: { threads: 1, inputs: peak } };
      return { status: 'ready', env };
    },
    reference: (backend) => (backend === 'numpy' ? Promise.resolve([]) : undefined),
  };
}

describe('backends workload (runtime-neutral, on a fake host)', () => {
  it('expands auto to the backends of the runtime, each once', () => {
    expect(resolveBackends(['auto'], ['wasm', 'webgl'])).toEqual(['wasm', 'webgl']);
    expect(resolveBackends(['webgl', 'auto', 'numpy'], ['wasm', 'webgl'])).toEqual(['webgl', 'wasm', 'numpy']);
  });

  it("measures the host's backends with the shared code, and records what the host cannot run with its reason", async () => {
    const opened: string[] = [];
    const { host: workloadHost } = fakeHost({ pools: [], backends: host(opened) });
    const given = { ...small, backends: 'auto,numpy' };
    const cases = await backendsWorkload.run(hostContext(backendsWorkload, workloadHost, given));
    expect(cases.map((c) => [c.strategy, c.backend, c.status])).toEqual([
      ['theoretical-peak', 'none', 'ok'],
      ['matMul', 'cpu', 'ok'],
      ['mlp-train-step', 'cpu', 'ok'],
      ['cnn-train-step', 'cpu', 'skipped'],
      ['all', 'gpu', 'skipped'],
    ]);
    expect(cases[3]?.reason).toContain('no tfjs-layers in this host');
    expect(cases[4]?.reason).toBe('no gpu in this host');
    // The reference is measured by the host, never opened as a tfjs backend.
    expect(opened).toEqual(['cpu', 'gpu']);
  });
});
