import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDataParallelTrainer } from './data-parallel-trainer.js';
import { EXCHANGES, splitSizes } from './part-trainer.js';
import { currentBackendTrainerPartTask as task } from './data-parallel-trainer.fixture.js';
import { isWeftError } from './errors.js';
import type { Executor } from './executor.js';
import { concurrentExecutor, inlineExecutor } from './local-executors.js';
import type { ModelSpec } from './model.js';
import { createPrng } from './prng.js';
import { evaluateModel, type LabelledData } from './trainer-part.js';

const spec: ModelSpec = { kind: 'mlp', layers: [8, 16, 3], activation: 'relu', seed: 5 };

/** Three Gaussian blobs in 8 dimensions: learnable, so accuracy tells whether training works. */
function blobs(rows: number, seed: number): LabelledData {
  const prng = createPrng(seed);
  const x = new Float32Array(rows * 8);
  const labels = new Int32Array(rows);
  for (let r = 0; r < rows; r += 1) {
    const c = prng.int(3);
    labels[r] = c;
    for (let f = 0; f < 8; f += 1) x[r * 8 + f] = prng.normal() + (f % 3 === c ? 2 : 0);
  }
  return { x, labels, rows, features: 8 };
}

/** An executor that claims no shared memory, like a browser page that is not cross-origin isolated. */
function withoutSharedMemory(executor: Executor): Executor {
  return {
    ...executor,
    capabilities: { ...executor.capabilities, sharedMemory: false },
    run: executor.run.bind(executor),
    map: executor.map.bind(executor),
  };
}

beforeAll(async () => {
  tf.enableProdMode(); // silences tfjs's "running in Node" banner
  await tf.setBackend('cpu');
});

describe('splitSizes', () => {
  it('splits near-equally and drops empty parts', () => {
    expect(splitSizes(10, 3)).toEqual([4, 3, 3]);
    expect(splitSizes(2, 4)).toEqual([1, 1]);
  });
});

describe('createDataParallelTrainer', () => {
  const data = blobs(90, 1);
  const batch = Int32Array.from({ length: 37 }, (_, i) => (i * 7) % 90);

  it.each(EXCHANGES)('with %s, 3 parts take the same step as 1 part', async (exchange) => {
    const one = createDataParallelTrainer({ executor: inlineExecutor(), task, spec, backend: 'cpu', data, parts: 1 });
    const pool = concurrentExecutor({ concurrency: 3 });
    const three = createDataParallelTrainer({ executor: pool, task, spec, backend: 'cpu', data, parts: 3, exchange });
    for (let s = 0; s < 3; s += 1) {
      const [a, b] = [await one.step(batch), await three.step(batch)];
      expect(b).toBeCloseTo(a, 5);
    }
    const wa = one.weights();
    const wb = three.weights();
    let maxDiff = 0;
    for (let i = 0; i < wa.length; i += 1) maxDiff = Math.max(maxDiff, Math.abs((wa[i] as number) - (wb[i] as number)));
    expect(maxDiff).toBeLessThan(1e-5);
    expect(three.steps).toBe(3);
  });

  it('sends rows with each task when the executor does not share memory, with the same result', async () => {
    const plain = withoutSharedMemory(concurrentExecutor({ concurrency: 2 }));
    const rows = createDataParallelTrainer({
      executor: plain,
      task,
      spec,
      backend: 'cpu',
      data,
      parts: 2,
      exchange: 'transfer',
    });
    const shared = createDataParallelTrainer({
      executor: inlineExecutor(),
      task,
      spec,
      backend: 'cpu',
      data,
      parts: 2,
    });
    expect([rows.dataPath, shared.dataPath]).toEqual(['rows', 'indices']);
    expect(await rows.step(batch)).toBeCloseTo(await shared.step(batch), 5);
    expect(rows.weights()).toEqual(shared.weights());
  });

  it.each(EXCHANGES)(
    'with %s, stepRows on rows given with the call takes the same step as step on their indices',
    async (exchange) => {
      const byIndex = createDataParallelTrainer({
        executor: inlineExecutor(),
        task,
        spec,
        backend: 'cpu',
        data,
        parts: 1,
      });
      const byRows = createDataParallelTrainer({
        executor: concurrentExecutor({ concurrency: 2 }),
        task,
        spec,
        backend: 'cpu',
        data,
        parts: 2,
        exchange,
      });
      const x = new Float32Array(batch.length * 8);
      const labels = new Int32Array(batch.length);
      batch.forEach((row, i) => {
        x.set(data.x.subarray(row * 8, (row + 1) * 8), i * 8);
        labels[i] = data.labels[row] as number;
      });
      for (let s = 0; s < 2; s += 1) expect(await byRows.stepRows(x, labels)).toBeCloseTo(await byIndex.step(batch), 5);
      const [wa, wb] = [byIndex.weights(), byRows.weights()];
      expect(Math.max(...wa.map((v, i) => Math.abs(v - (wb[i] as number))))).toBeLessThan(1e-5);
      expect(byRows.steps).toBe(2);
      const error = await byRows.stepRows(x.subarray(8), labels).catch((e: unknown) => e);
      expect(isWeftError(error, 'INVALID_ARGUMENT')).toBe(true);
    },
  );

  it('refuses training data or step rows with a label outside the classes, before any work', async () => {
    const bad = { ...data, labels: Int32Array.from(data.labels, (l, i) => (i === 7 ? 3 : l)) };
    expect(() =>
      createDataParallelTrainer({ executor: inlineExecutor(), task, spec, backend: 'cpu', data: bad, parts: 1 }),
    ).toThrow(/label 3 at row 7 is outside the model's 3 classes/);
    const trainer = createDataParallelTrainer({
      executor: inlineExecutor(),
      task,
      spec,
      backend: 'cpu',
      data,
      parts: 1,
    });
    await expect(trainer.stepRows(new Float32Array(16), Int32Array.of(0, 5))).rejects.toThrow(
      /label 5 at row 1 is outside/,
    );
    expect(trainer.steps).toBe(0);
  });

  it('rejects "shared" exchange without shared memory with UNSUPPORTED', () => {
    let error: unknown;
    try {
      createDataParallelTrainer({
        executor: withoutSharedMemory(inlineExecutor()),
        task,
        spec,
        backend: 'cpu',
        data,
        parts: 2,
        exchange: 'shared',
      });
    } catch (e) {
      error = e;
    }
    expect(isWeftError(error, 'UNSUPPORTED')).toBe(true);
  });

  it('learns: two epochs over separable data give high accuracy and lower loss', async () => {
    const train = blobs(600, 2);
    const test = blobs(300, 3);
    const trainer = createDataParallelTrainer({
      executor: concurrentExecutor({ concurrency: 2 }),
      task,
      spec,
      backend: 'cpu',
      data: train,
      parts: 2,
      exchange: 'shared',
      optimizer: { learningRate: 0.01 },
    });
    const first = await trainer.trainEpoch(32);
    const second = await trainer.trainEpoch(32);
    expect(first).toMatchObject({ epoch: 1, steps: 19, samples: 600 });
    expect(second.loss).toBeLessThan(first.loss);
    expect(evaluateModel(tf, spec, trainer.weights(), test).accuracy).toBeGreaterThan(0.9);
  });

  it.each([1, 2])(
    'takes each step apart on %i part(s): the phases add up to the step, and the steps to the epoch, within a tenth',
    async (parts) => {
      const train = blobs(2400, 4);
      const wide: ModelSpec = { kind: 'mlp', layers: [8, 256, 128, 3], activation: 'relu', seed: 2 };
      const trainer = createDataParallelTrainer({
        executor: parts === 1 ? inlineExecutor() : concurrentExecutor({ concurrency: parts }),
        task,
        spec: wide,
        backend: 'cpu',
        data: train,
        parts,
        exchange: 'copy',
      });
      expect(trainer.stepTimings()).toBeUndefined();
      const started = performance.now();
      const epoch = await trainer.trainEpoch(200);
      const epochMs = performance.now() - started;
      const t = trainer.stepTimings();
      expect(t?.steps).toBe(epoch.steps);
      const phases =
        (t?.prepareMs ?? 0) +
        (t?.forwardMs ?? 0) +
        (t?.backwardMs ?? 0) +
        (t?.readbackMs ?? 0) +
        (t?.partOtherMs ?? 0) +
        (t?.dispatchMs ?? 0) +
        (t?.combineMs ?? 0) +
        (t?.optimiserMs ?? 0);
      expect(Math.abs(phases - (t?.stepMs ?? 0))).toBeLessThan(0.1 * (t?.stepMs ?? 0));
      expect(Math.abs((t?.stepMs ?? 0) * epoch.steps - epochMs)).toBeLessThan(0.1 * epochMs);
      expect(t?.forwardMs).toBeGreaterThan(0);
      expect(t?.backwardMs).toBeGreaterThan(0);
      expect(t?.optimiserMs).toBeGreaterThan(0);
    },
  );
});
