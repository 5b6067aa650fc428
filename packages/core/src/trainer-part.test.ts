import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { initialWeights, parameterCount, type ModelSpec } from './model.js';
import { createPrng } from './prng.js';
import { computeGradients, evaluateModel, runTrainerPart } from './trainer-part.js';
import { isTransferResult } from './task.js';
import { gatherRows, type RowScratch } from './part-trainer.js';

const spec: ModelSpec = { kind: 'mlp', layers: [5, 4, 3], activation: 'tanh', seed: 3 };

function tinyData(rows: number, seed: number) {
  const prng = createPrng(seed);
  const x = Float32Array.from({ length: rows * 5 }, () => prng.normal());
  const labels = Int32Array.from({ length: rows }, () => prng.int(3));
  return { x, labels };
}

beforeAll(async () => {
  tf.enableProdMode(); // silences tfjs's "running in Node" banner
  await tf.setBackend('cpu');
});

describe('computeGradients', () => {
  it('matches a central finite-difference gradient on a tiny model', () => {
    const weights = initialWeights(spec);
    for (let i = 0; i < weights.length; i += 1) if (weights[i] === 0) weights[i] = 0.05 * ((i % 5) - 2); // non-zero biases
    const { x, labels } = tinyData(6, 11);
    const grads = new Float32Array(weights.length);
    const loss = computeGradients(tf, spec, weights, x, labels, grads);
    expect(loss).toBeGreaterThan(0);
    const scratch = new Float32Array(weights.length);
    const h = 1e-2;
    for (let i = 0; i < weights.length; i += 1) {
      const plus = weights.slice();
      plus[i] = (plus[i] as number) + h;
      const minus = weights.slice();
      minus[i] = (minus[i] as number) - h;
      const numeric =
        (computeGradients(tf, spec, plus, x, labels, scratch) - computeGradients(tf, spec, minus, x, labels, scratch)) /
        (2 * h);
      expect(Math.abs((grads[i] as number) - numeric)).toBeLessThan(2e-3 + 0.02 * Math.abs(numeric));
    }
  });

  it('gives log(classes) for zero weights and disposes every tensor', () => {
    const { x, labels } = tinyData(8, 2);
    const zero = new Float32Array(parameterCount(spec));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i += 1) {
      expect(computeGradients(tf, spec, zero, x, labels, new Float32Array(zero.length))).toBeCloseTo(Math.log(3), 5);
      evaluateModel(tf, spec, zero, { x, labels }, 3);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('evaluateModel', () => {
  it('counts correct predictions across chunks', () => {
    // One-layer model whose logits equal the first three inputs: the prediction is argmax of x[0..2].
    const one: ModelSpec = { kind: 'mlp', layers: [5, 3], activation: 'relu', seed: 1 };
    const w = new Float32Array(parameterCount(one));
    for (let c = 0; c < 3; c += 1) w[c * 3 + c] = 1;
    const x = new Float32Array([1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0]);
    const labels = new Int32Array([0, 1, 1, 0]); // right, right, wrong (argmax 2), wrong (argmax 2)
    expect(evaluateModel(tf, one, w, { x, labels }, 3).accuracy).toBe(0.5);
  });
});

describe('runTrainerPart', () => {
  it('writes gradients in place with "shared" and transfers a fresh buffer with "transfer"', () => {
    const weights = initialWeights(spec);
    const { x, labels } = tinyData(4, 5);
    const expected = new Float32Array(weights.length);
    computeGradients(tf, spec, weights, x, labels, expected);
    const slot = new Float32Array(new SharedArrayBuffer(weights.length * 4));
    const indices = new Int32Array([0, 1, 2, 3]);
    const shared = runTrainerPart(tf, {
      spec,
      backend: 'cpu',
      exchange: 'shared',
      weights,
      gradients: slot,
      rows: { kind: 'indices', x, labels, indices },
    });
    expect(isTransferResult(shared)).toBe(false);
    expect(slot).toEqual(expected);
    const moved = runTrainerPart(tf, {
      spec,
      backend: 'cpu',
      exchange: 'transfer',
      weights,
      rows: { kind: 'rows', x, labels },
    });
    expect(isTransferResult(moved)).toBe(true);
    if (isTransferResult(moved)) {
      const out = moved.value as { gradients: Float32Array };
      expect(out.gradients).toEqual(expected);
      expect(moved.transfer).toEqual([out.gradients.buffer]);
    }
  });

  it('gathers rows by index from the shared dataset', () => {
    const weights = initialWeights(spec);
    const { x, labels } = tinyData(6, 9);
    const picked = [4, 1];
    const px = new Float32Array(10);
    picked.forEach((r, i) => px.set(x.subarray(r * 5, r * 5 + 5), i * 5));
    const expected = new Float32Array(weights.length);
    const loss = computeGradients(
      tf,
      spec,
      weights,
      px,
      Int32Array.from(picked, (r) => labels[r] as number),
      expected,
    );
    const out = runTrainerPart(tf, {
      spec,
      backend: 'cpu',
      exchange: 'copy',
      weights,
      rows: { kind: 'indices', x, labels, indices: new Int32Array(picked) },
    });
    expect(out).toEqual({ loss, rows: 2, gradients: expected, timings: expect.any(Object) });
  });

  it('refuses labels outside [0, classes) with INVALID_ARGUMENT naming the first one', () => {
    const weights = initialWeights(spec);
    const { x } = tinyData(3, 2);
    const out = new Float32Array(weights.length);
    for (const bad of [3, -1]) {
      expect(() => computeGradients(tf, spec, weights, x, Int32Array.of(0, bad, 1), out)).toThrow(
        `label ${bad} at row 1 is outside the model's 3 classes: labels must be integers in [0, 3)`,
      );
      expect(() => evaluateModel(tf, spec, weights, { x, labels: Int32Array.of(bad, 0, 1) })).toThrow(
        /label .* at row 0 is outside/,
      );
    }
  });

  it('gathers rows into a reused scratch buffer, the same rows as a fresh copy', () => {
    const { x, labels } = tinyData(6, 9);
    const scratch: RowScratch = {};
    const first = gatherRows({ kind: 'indices', x, labels, indices: new Int32Array([4, 1]) }, 5, scratch);
    expect(first.x).toEqual(gatherRows({ kind: 'indices', x, labels, indices: new Int32Array([4, 1]) }, 5).x);
    const second = gatherRows({ kind: 'indices', x, labels, indices: new Int32Array([2]) }, 5, scratch);
    expect(second.x.buffer).toBe(first.x.buffer);
    expect(second.x).toEqual(x.subarray(10, 15));
    expect(second.labels).toEqual(Int32Array.of(labels[2] as number));
  });

  it('takes every fast path to the same gradients and loss as the plain path (float32, within 1e-6)', () => {
    const relu: ModelSpec = { kind: 'mlp', layers: [5, 7, 6, 3], activation: 'relu', seed: 4 };
    const weights = initialWeights(relu);
    const { x, labels } = tinyData(9, 21);
    const plain = new Float32Array(weights.length);
    const plainLoss = computeGradients(tf, relu, weights, x, labels, plain, {
      paths: { transposeFirst: false, oneReadback: false },
    });
    for (const paths of [
      { transposeFirst: true, oneReadback: false },
      { transposeFirst: false, oneReadback: true },
      { transposeFirst: true, oneReadback: true },
      {},
    ]) {
      const fast = new Float32Array(weights.length);
      const loss = computeGradients(tf, relu, weights, x, labels, fast, { paths });
      expect(Math.abs(loss - plainLoss)).toBeLessThan(1e-6);
      for (let i = 0; i < fast.length; i += 1)
        expect(Math.abs((fast[i] as number) - (plain[i] as number))).toBeLessThan(1e-6);
    }
  });

  it("fills the caller's timings: forward, backward and read-back, none negative, within the part's total", () => {
    const weights = initialWeights(spec);
    const { x, labels } = tinyData(64, 5);
    for (const oneReadback of [true, false]) {
      const out = runTrainerPart(tf, {
        spec,
        backend: 'cpu',
        exchange: 'copy',
        weights,
        rows: { kind: 'rows', x, labels },
        paths: { oneReadback },
      });
      const t = (out as { timings: { forwardMs: number; backwardMs: number; readbackMs: number; totalMs: number } })
        .timings;
      for (const ms of [t.forwardMs, t.backwardMs, t.readbackMs]) expect(ms).toBeGreaterThanOrEqual(0);
      expect(t.forwardMs).toBeGreaterThan(0);
      expect(t.forwardMs + t.backwardMs + t.readbackMs).toBeLessThanOrEqual(t.totalMs);
    }
  });
});
