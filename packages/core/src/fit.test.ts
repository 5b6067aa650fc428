import '@tensorflow/tfjs-backend-cpu';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { isWeftError } from './errors.js';
import { fitModel, type FitData, type FitOptions } from './fit.js';
import { cnnModel, createMlp, mlpModel, modelPartTask, regressionModel, tf } from './fit.fixture.js';
import { createLoader } from './loader.js';
import { concurrentExecutor, inlineExecutor } from './local-executors.js';
import { buildModel, defineModel, type ModelRef } from './model-ref.js';
import { EXCHANGES } from './part-trainer.js';
import { createPrng } from './prng.js';
import { memorySource } from './source.js';

/** Three Gaussian blobs in `features` dimensions (the class shows in every third feature). */
function blobs(rows: number, features: number, seed: number): { x: Float32Array; labels: Int32Array } {
  const prng = createPrng(seed);
  const x = new Float32Array(rows * features);
  const labels = new Int32Array(rows);
  for (let r = 0; r < rows; r += 1) {
    const c = prng.int(3);
    labels[r] = c;
    for (let f = 0; f < features; f += 1) x[r * features + f] = prng.normal() + (f % 3 === c ? 2 : 0);
  }
  return { x, labels };
}

function oneHot(labels: Int32Array, classes: number): Float32Array {
  const y = new Float32Array(labels.length * classes);
  labels.forEach((c, i) => (y[i * classes + c] = 1));
  return y;
}

function flat(model: LayersModel): Float32Array {
  return Float32Array.from(model.getWeights().flatMap((w) => Array.from(w.dataSync())));
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i += 1) max = Math.max(max, Math.abs((a[i] as number) - (b[i] as number)));
  return max;
}

/** Two models built from `ref` with the same (seeded) initial weights. */
async function twins(ref: ModelRef): Promise<[LayersModel, LayersModel]> {
  const a = await buildModel(tf, ref);
  const b = await buildModel(tf, ref);
  b.setWeights(a.getWeights());
  return [a, b];
}

const base = { task: modelPartTask, backend: 'cpu' } as const;

beforeAll(async () => {
  tf.enableProdMode();
  await tf.setBackend('cpu');
});

describe('fitModel', () => {
  const mlpData = blobs(96, 8, 1);
  const cnn = blobs(60, 36, 2);
  const cases: Array<[string, ModelRef, FitData]> = [
    ['MLP, sparse categorical cross-entropy', mlpModel, { x: mlpData.x, y: mlpData.labels }],
    ['CNN, categorical cross-entropy with L2', cnnModel, { x: cnn.x, y: oneHot(cnn.labels, 3) }],
    ['regression, mean squared error', regressionModel, { x: mlpData.x, y: mlpData.x.filter((_, i) => i % 8 < 2) }],
  ];

  for (const [what, ref, data] of cases) {
    it.each(EXCHANGES)(`${what}: 3 parts (%s) end with the same weights as 1 part`, async (exchange) => {
      const [one, three] = await twins(ref);
      const options = { ...base, epochs: 2, batchSize: 25, seed: 7 };
      const h1 = await fitModel(tf, one, data, { ...options, executor: inlineExecutor() });
      const h3 = await fitModel(tf, three, data, {
        ...options,
        executor: concurrentExecutor({ concurrency: 3 }),
        parts: 3,
        exchange,
      });
      expect(maxDiff(flat(one), flat(three))).toBeLessThan(1e-5);
      expect(h3.history['loss']?.[1]).toBeCloseTo(h1.history['loss']?.[1] as number, 5);
      expect(h3.params).toEqual({ epochs: 2, batchSize: 25, parts: 3, exchange });
    });
  }

  it('takes the same steps as tfjs model.fit on the same batches', async () => {
    const [weft, tfjs] = await twins(mlpModel);
    const x = tf.tensor2d(mlpData.x, [96, 8]);
    const y = tf.tensor1d(Float32Array.from(mlpData.labels));
    await tfjs.fit(x, y, { epochs: 2, batchSize: 32, shuffle: false, verbose: 0 });
    await fitModel(
      tf,
      weft,
      { x, y },
      { ...base, executor: concurrentExecutor({ concurrency: 2 }), epochs: 2, batchSize: 32, shuffle: false },
    );
    expect(maxDiff(flat(weft), flat(tfjs))).toBeLessThan(1e-5);
    tf.dispose([x, y]);
  });

  it('reports a model.fit-like history and calls every callback in order', async () => {
    const model = await buildModel(tf, mlpModel);
    const validation = blobs(60, 8, 3);
    const calls: string[] = [];
    const history = await fitModel(
      tf,
      model,
      { x: mlpData.x, y: mlpData.labels },
      {
        ...base,
        executor: concurrentExecutor({ concurrency: 2 }),
        epochs: 5,
        seed: 2,
        batchSize: 40,
        validationData: { x: validation.x, y: validation.labels },
        callbacks: {
          onTrainBegin: () => void calls.push('train'),
          onEpochBegin: (e) => void calls.push(`epoch ${e}`),
          onBatchEnd: (b, logs) =>
            void calls.push(`batch ${b} size ${logs['size']} ${Object.keys(logs).sort().join(',')}`),
          onEpochEnd: (e, logs) => void calls.push(`end ${e} ${Object.keys(logs).sort().join(',')}`),
          onTrainEnd: () => void calls.push('done'),
        },
      },
    );
    expect(history.epoch).toEqual([0, 1, 2, 3, 4]);
    expect(Object.keys(history.history).sort()).toEqual(['acc', 'loss', 'val_acc', 'val_loss']);
    const last = (key: string): number => history.history[key]?.[4] as number;
    expect(last('loss')).toBeLessThan(history.history['loss']?.[0] as number);
    expect(last('acc')).toBeGreaterThan(0.8);
    expect(last('val_acc')).toBeGreaterThan(0.8);
    expect(calls.slice(0, 5)).toEqual([
      'train',
      'epoch 0',
      'batch 0 size 40 acc,batch,loss,size',
      'batch 1 size 40 acc,batch,loss,size',
      'batch 2 size 16 acc,batch,loss,size',
    ]);
    expect(calls[5]).toBe('end 0 acc,loss,val_acc,val_loss');
    expect(calls.at(-1)).toBe('done');
    expect(calls.filter((c) => c.startsWith('batch'))).toHaveLength(15);
  });

  it('trains on a Loader: shards regrouped into global batches, the same steps as the same rows in memory', async () => {
    const [streamed, inMemory] = await twins(mlpModel);
    // 96 rows in shards of 20 (the last 16), regrouped into batches of 32.
    const shards = Array.from({ length: 5 }, (_, i) => {
      const rows = Math.min(20, 96 - i * 20);
      return {
        name: `s${i}`,
        bytes: new Uint8Array(new Float32Array(mlpData.x.subarray(i * 160, i * 160 + rows * 8)).buffer),
      };
    });
    const labelsOf = new Map(
      shards.map((s, i) => [s.name, mlpData.labels.slice(i * 20, i * 20 + s.bytes.length / 32)]),
    );
    const loader = createLoader({
      source: memorySource(shards),
      decode: (bytes, shard) => ({
        x: new Float32Array(bytes.slice().buffer),
        y: labelsOf.get(shard.name) as Int32Array,
      }),
    });
    let batches = 0;
    const options: Omit<FitOptions, 'executor'> = {
      ...base,
      epochs: 2,
      batchSize: 32,
      shuffle: false,
      callbacks: { onBatchEnd: () => void (batches += 1) },
    };
    await fitModel(tf, streamed, loader, { ...options, executor: concurrentExecutor({ concurrency: 2 }) });
    await fitModel(
      tf,
      inMemory,
      { x: mlpData.x, y: mlpData.labels },
      { ...options, callbacks: {}, executor: inlineExecutor() },
    );
    expect(batches).toBe(6);
    expect(maxDiff(flat(streamed), flat(inMemory))).toBeLessThan(1e-5);
  });

  it('rejects a loader shard whose sparse targets are not class indices, naming the shard', async () => {
    const model = await buildModel(tf, mlpModel);
    const shards = [0, 1].map((i) => ({
      name: `s${i}`,
      bytes: new Uint8Array(new Float32Array(mlpData.x.subarray(i * 80, i * 80 + 80)).buffer),
    }));
    const loader = createLoader({
      source: memorySource(shards),
      decode: (bytes, shard) => ({
        x: new Float32Array(bytes.slice().buffer),
        y: Int32Array.from(mlpData.labels.subarray(0, 10), (l, i) => (shard.name === 's1' && i === 2 ? -1 : l)),
      }),
    });
    const error = await fitModel(tf, model, loader, {
      ...base,
      executor: inlineExecutor(),
      batchSize: 8,
      shuffle: false,
    }).catch((e: unknown) => e);
    expect(isWeftError(error, 'INVALID_ARGUMENT') && (error as Error).message).toBe(
      "shard s1.y[2] is -1, not a class index of the model's 3 classes: sparse targets must be integers in [0, 3)",
    );
  });

  it('aborting mid-epoch rejects with ABORTED and leaves the weights of the last completed step', async () => {
    const model = await buildModel(tf, mlpModel);
    const controller = new AbortController();
    let atAbort: Float32Array | undefined;
    const error = await fitModel(
      tf,
      model,
      { x: mlpData.x, y: mlpData.labels },
      {
        ...base,
        executor: concurrentExecutor({ concurrency: 2 }),
        epochs: 5,
        batchSize: 16,
        signal: controller.signal,
        callbacks: {
          onBatchEnd: (batch) => {
            if (batch !== 2) return;
            atAbort = flat(model);
            controller.abort();
          },
        },
      },
    ).catch((e: unknown) => e);
    expect(isWeftError(error, 'ABORTED')).toBe(true);
    expect(maxDiff(flat(model), atAbort as Float32Array)).toBe(0);
  });

  it('refuses what it cannot train with one clear error each', async () => {
    const executor = inlineExecutor();
    const data = { x: mlpData.x, y: mlpData.labels };
    const failure = (model: LayersModel, d: FitData, extra: Partial<FitOptions> = {}) =>
      fitModel(tf, model, d, { ...base, executor, ...extra }).catch((e: unknown) => e);

    const unnamed = createMlp(tf);
    const noDefinition = await failure(unnamed, data);
    expect(isWeftError(noDefinition, 'INVALID_ARGUMENT') && (noDefinition as Error).message).toContain('defineModel');

    const uncompiled = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 3 })] });
    expect(((await failure(uncompiled, data, { definition: mlpModel })) as Error).message).toContain(
      'compile the model',
    );

    const lossFunction = createMlp(tf);
    lossFunction.compile({ optimizer: 'sgd', loss: (a, b) => tf.losses.meanSquaredError(a, b) });
    expect(isWeftError(await failure(lossFunction, data, { definition: mlpModel }), 'UNSUPPORTED')).toBe(true);

    const normalised = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [8], units: 3 }), tf.layers.batchNormalization()],
    });
    normalised.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    expect(((await failure(normalised, data, { definition: mlpModel })) as Error).message).toContain(
      'BatchNormalization',
    );

    const model = await buildModel(tf, mlpModel);
    const ragged = await failure(model, { x: mlpData.x.subarray(0, 13), y: mlpData.labels });
    expect(isWeftError(ragged, 'INVALID_ARGUMENT') && (ragged as Error).message).toContain('whole number of rows of 8');
    expect(
      isWeftError(await failure(model, { x: mlpData.x, y: mlpData.labels.subarray(0, 5) }), 'INVALID_ARGUMENT'),
    ).toBe(true);
    expect(isWeftError(await failure(model, data, { epochs: 0 }), 'INVALID_ARGUMENT')).toBe(true);
    const outside = await failure(model, {
      x: mlpData.x,
      y: Int32Array.from(mlpData.labels, (l, i) => (i === 4 ? 3 : l)),
    });
    expect(isWeftError(outside, 'INVALID_ARGUMENT') && (outside as Error).message).toBe(
      "data.y[4] is 3, not a class index of the model's 3 classes: sparse targets must be integers in [0, 3)",
    );

    const otherArchitecture = await failure(model, data, { definition: cnnModel });
    expect(isWeftError(otherArchitecture, 'INVALID_ARGUMENT') && (otherArchitecture as Error).message).toContain(
      'same factory',
    );

    const missing = await failure(model, data, { definition: defineModel(import.meta.url, 'noSuchFactory') });
    expect(isWeftError(missing, 'TASK_NOT_FOUND')).toBe(true);
  });
});
