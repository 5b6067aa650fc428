// PyTorch beside Weft: the same initial weights and epoch order give PyTorch the same first-step loss and nearly the
// same first-epoch loss as Weft's own trainer, for the spec MLP and the CNN. Needs a Python with torch
// ($WEFT_PYTHON, else python3): skipped with a notice without one, a failure when WEFT_REQUIRE_PYTORCH=1 (CI).
import * as tf from '@tensorflow/tfjs-core';
import { computeGradients, initialWeights, inlineExecutor } from '@weft/core';
import { useTfjsBackend } from '@weft/node/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../data/mnist.js';
import { sliceRows } from '../data/mnist-shape.js';
import { trainModelSpec } from './mnist-models.js';
import { probePytorch, pythonCommand, startPytorch } from './pytorch-trainer.js';
import { epochOrders, prepareTrainer, pytorchTrainer } from './train-trainers.js';

const probe = await probePytorch();
const present = probe.status === 'available' || process.env['WEFT_REQUIRE_PYTORCH'] === '1';
if (!present)
  console.warn(
    `\n*** SKIPPED: the PyTorch comparison's tests: ${probe.status === 'missing' ? probe.reason : ''}; set WEFT_REQUIRE_PYTORCH=1 to make this a failure. ***\n`,
  );

const { train: all, test } = await loadMnist();
const train = sliceRows(all, 1024);
const BATCH = 128;

describe.runIf(present)('PyTorch beside Weft', () => {
  beforeAll(() => useTfjsBackend(tf, 'cpu'));

  it(`finds torch in ${pythonCommand()}`, () => {
    expect(probe).toMatchObject({ status: 'available', torch: expect.stringMatching(/^\d+\.\d+/) });
  });

  it('gives the spec MLP the same first-step loss and first-epoch loss as Weft, and a close accuracy', async () => {
    const seed = 3;
    const spec = trainModelSpec(seed);
    const [order] = epochOrders('mlp', seed, train.rows, 1) as [Int32Array];
    // Weft's loss of the initial weights on the first batch of the first epoch.
    const first = order.subarray(0, BATCH);
    const x = new Float32Array(BATCH * 784);
    first.forEach((row, i) => x.set(train.x.subarray(row * 784, (row + 1) * 784), i * 784));
    const weights = initialWeights(spec);
    const weftFirst = computeGradients(
      tf,
      spec,
      weights,
      x,
      Int32Array.from(first, (r) => train.labels[r] as number),
      new Float32Array(weights.length),
    );
    const weft = await prepareTrainer({
      model: 'mlp',
      backend: 'cpu',
      executor: inlineExecutor(),
      parts: 1,
      exchange: 'copy',
      batch: BATCH,
      seed,
      train,
    });
    const torch = await pytorchTrainer({ model: 'mlp', batch: BATCH, seed, train, test, threads: 1, epochs: 2 });
    try {
      const weftEpoch = await weft.trainEpoch();
      const torchEpoch = await torch.trainEpoch();
      expect(torchEpoch.ms).toBeGreaterThan(0);
      // float32 on both sides, different kernels: the same numbers to about 1e-5 relative.
      expect(Math.abs((torchEpoch.firstLoss ?? Number.NaN) - weftFirst)).toBeLessThan(1e-4);
      expect(Math.abs(torchEpoch.loss - weftEpoch.loss) / weftEpoch.loss).toBeLessThan(5e-3);
      const accuracies = [await weft.testAccuracy(test), await torch.testAccuracy(test)];
      expect(Math.abs((accuracies[0] as number) - (accuracies[1] as number))).toBeLessThan(1);
    } finally {
      await torch.close?.();
    }
  }, 240_000);

  it('builds the CNN from tfjs weights (conv kernels, NHWC flatten) with the same first-epoch loss as fit()', async () => {
    const seed = 1;
    const rows = sliceRows(train, 128);
    const weft = await prepareTrainer({
      model: 'cnn',
      backend: 'cpu',
      executor: inlineExecutor(),
      parts: 1,
      exchange: 'copy',
      batch: 32,
      seed,
      train: rows,
    });
    const torch = await pytorchTrainer({ model: 'cnn', batch: 32, seed, train: rows, test, threads: 1, epochs: 1 });
    try {
      const weftEpoch = await weft.trainEpoch();
      const torchEpoch = await torch.trainEpoch();
      expect(Math.abs(torchEpoch.loss - weftEpoch.loss) / weftEpoch.loss).toBeLessThan(5e-3);
    } finally {
      await torch.close?.();
    }
  }, 240_000); // 35 s here beside the other packages' tests (Python, torch and tfjs in one test)

  it('says in one line what the script could not do', async () => {
    const weights = initialWeights(trainModelSpec(1));
    const setup = {
      model: 'mlp' as const,
      threads: 1,
      weights,
      shapes: [[784, 10]],
      train,
      test,
      orders: epochOrders('mlp', 1, train.rows, 1),
      batch: BATCH,
      learningRate: 1e-3,
      epsilon: 1e-8,
      warmupSteps: 1,
    };
    await expect(startPytorch(setup)).rejects.toThrow(
      /^PyTorch: ValueError: the weights hold 109386 values; the shapes \[\[784, 10\]\] need 7840$/,
    );
  }, 60_000);
});
