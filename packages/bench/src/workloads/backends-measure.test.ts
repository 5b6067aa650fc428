import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { backendPlan, measureBackend } from './backends-measure.js';
import { BACKEND_OPS } from './backends-phases.js';

// measureBackend on the real cpu backend, in this process: which cases are ok, skipped or failed, and why.

const plan = backendPlan({
  sizes: [16],
  'conv-batch': 1,
  batch: 4,
  ops: BACKEND_OPS,
  warmup: 1,
  samples: 3,
  'budget-ms': 1000,
  'case-timeout-s': 60,
  seed: 1,
});
const inputs = { cores: 2, clockMhz: 2500, clockSource: '/proc/cpuinfo cpu MHz' } as const;

function digits(features: number) {
  return {
    x: new Float32Array(8 * features).fill(0.5),
    labels: Int32Array.from({ length: 8 }, (_, i) => i % 10),
    rows: 8,
    features,
  };
}

const env = (features: number, layers: string) => ({
  tf,
  backend: 'cpu',
  digits: digits(features),
  mlp: { kind: 'mlp', layers: [784, 8, 10], activation: 'relu', seed: 1 } as const,
  layers,
  peak: { threads: 1, inputs },
  version: 'tfjs-backend-cpu test',
  progress: () => undefined,
});

describe('measureBackend', () => {
  it('measures every operation, skips the CNN with the reason tfjs-layers is missing, and records the version', async () => {
    await tf.setBackend('cpu');
    const cases = await measureBackend(env(784, 'tfjs-layers is not installed here'), plan);
    expect(cases.map((c) => `${c.strategy}:${c.status}`)).toEqual([
      'matMul:ok',
      'conv2d:ok',
      'mlp-train-step:ok',
      'cnn-train-step:skipped',
    ]);
    expect(cases[3]?.reason).toBe('tfjs-layers is not installed here');
    expect(cases.every((c) => c.parameters['version'] === 'tfjs-backend-cpu test')).toBe(true);
    expect(cases[0]?.metrics['peakGflops']).toBe(80);
    expect(cases[2]?.metrics['samplesPerSecond']).toBeGreaterThan(0);
  });

  it('fails a case that breaks, with its error, and still runs the others', async () => {
    await tf.setBackend('cpu');
    const cases = await measureBackend(env(10, 'no layers'), { ...plan, ops: ['mlp-train-step', 'matMul'] });
    expect(cases[0]).toMatchObject({ strategy: 'mlp-train-step', status: 'failed' });
    expect(cases[0]?.reason).toMatch(/x has 40 values but 4 labels × 784 features need 3136/);
    expect(cases[1]).toMatchObject({ strategy: 'matMul', status: 'ok' });
  });
});
