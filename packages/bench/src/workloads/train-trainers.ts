/**
 * @module workloads/train-trainers — how Node, Deno and Bun train a model of the `train` workload an epoch at a
 * time: the MLP described by an `MlpSpec` with Weft's hand-written gradients (`spec-trainer.ts`), any tfjs-layers
 * model (the MLP again, or the CNN) with tfjs autodiff in each part (`fit`), and PyTorch beside them. All start from
 * seeded weights.
 */
import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { WeftError, buildModel, evaluateModel, initialWeights, parameterShapes, type TfjsLayers } from '@weft/core';
import { createPrng } from '@weft/core/study';
import { ensureTfjsBackend, fit, type TfjsBackendName } from '@weft/node/tfjs';
import { cnnUnsupportedReason } from './backends-ops.js';
import { MNIST_MODEL_REFS, TRAIN_LEARNING_RATE, trainModelSpec, type TrainModel } from './mnist-models.js';
import { specTrainer, WARMUP_STEPS } from './spec-trainer.js';
import type { EpochTrainer, PytorchTrainerSettings, TrainerSettings } from './epoch-trainer.js';
import { layersWeights } from './fit-weft-model.js';
import { startPytorch } from './pytorch-trainer.js';
import { trainerPartTask } from './train-task.js';

/** tfjs-core and tfjs-layers together, as model factories receive them. */
const tf = { ...tfc, ...tfl } as TfjsLayers;

/** The `mlp-layers` and `cnn` trainers (tfjs-layers models, `fit`), after warm-up steps on a throw-away model. */
async function layersTrainer(s: TrainerSettings): Promise<EpochTrainer> {
  // The optimiser step runs on this thread: it needs the backend too.
  await ensureTfjsBackend(s.backend);
  const unsupported = s.model === 'cnn' ? cnnUnsupportedReason(tf, s.backend) : undefined;
  if (unsupported !== undefined) throw new WeftError('UNSUPPORTED', unsupported);
  const ref = MNIST_MODEL_REFS[s.model === 'cnn' ? 'cnn' : 'mlp'];
  const data = { x: s.train.x, y: s.train.labels };
  const options = {
    executor: s.executor,
    backend: s.backend as TfjsBackendName,
    parts: s.parts,
    exchange: s.exchange,
    batchSize: s.batch,
  };
  const warm = await buildModel(tf, ref);
  const rows = Math.min(s.batch * WARMUP_STEPS, s.train.rows);
  await fit(
    warm,
    { x: s.train.x.subarray(0, rows * s.train.features), y: s.train.labels.subarray(0, rows) },
    { ...options, epochs: 1 },
  );
  warm.dispose();
  const model = await buildModel(tf, ref);
  let epoch = 0;
  return {
    async trainEpoch() {
      epoch += 1;
      const history = await fit(model, data, { ...options, epochs: 1, seed: s.seed + epoch });
      return { loss: history.history['loss']?.[0] as number };
    },
    testAccuracy: (test) =>
      tf.tidy(() => {
        const x = tf.tensor2d(test.x, [test.rows, test.features]);
        const result = model.evaluate(
          model.inputs[0]?.shape.length === 4 ? tfc.reshape(x, [test.rows, 28, 28, 1]) : x,
          tf.tensor1d(Float32Array.from(test.labels)),
          { batchSize: 1000 },
        );
        return ((result as tfc.Scalar[])[1]?.dataSync()[0] as number) * 100;
      }),
  };
}

/**
 * The row order of each of `epochs` epochs, exactly as the Weft trainer of `model` visits the training rows: the `mlp`
 * trainer reshuffles one order with a generator seeded `seed` every epoch; `fit()` (layers models, one call per epoch)
 * shuffles the rows afresh with seed `seed + epoch`.
 */
export function epochOrders(model: TrainModel, seed: number, rows: number, epochs: number): Int32Array[] {
  const identity = () => Int32Array.from({ length: rows }, (_, i) => i);
  const running = createPrng(seed);
  const order = identity();
  return Array.from({ length: epochs }, (_, e) =>
    model === 'mlp' ? running.shuffle(order).slice() : createPrng(seed + e + 1).shuffle(identity()),
  );
}

/** The initial weights of `model`'s Weft trainer, flat, with each tensor's shape (what PyTorch starts from). */
export async function startingWeights(
  model: TrainModel,
  seed: number,
): Promise<{ weights: Float32Array; shapes: number[][] }> {
  if (model === 'mlp') {
    const spec = trainModelSpec(seed);
    return { weights: initialWeights(spec), shapes: parameterShapes(spec).map((p) => [...p.shape]) };
  }
  const built = await buildModel(tf, MNIST_MODEL_REFS[model === 'cnn' ? 'cnn' : 'mlp']);
  const weights = layersWeights(built);
  const shapes = built.getWeights().map((t) => [...t.shape]);
  built.dispose();
  return { weights, shapes };
}

/**
 * The PyTorch contestant of `model` on `threads` threads: the same initial weights, epoch orders, batch and Adam
 * as the Weft trainer of the same model.
 */
export async function pytorchTrainer(s: PytorchTrainerSettings): Promise<EpochTrainer> {
  const { weights, shapes } = await startingWeights(s.model, s.seed);
  const trainer = await startPytorch({
    model: s.model === 'cnn' ? 'cnn' : 'mlp',
    threads: s.threads,
    weights,
    shapes,
    train: s.train,
    test: s.test,
    orders: s.orders ?? epochOrders(s.model, s.seed, s.train.rows, s.epochs),
    batch: s.batch,
    learningRate: TRAIN_LEARNING_RATE,
    epsilon: s.epsilon ?? (s.model === 'mlp' ? 1e-8 : 1e-7),
    warmupSteps: WARMUP_STEPS,
  });
  return {
    trainEpoch: () => trainer.epoch(),
    testAccuracy: async () => (await trainer.evaluate()).accuracy,
    close: () => trainer.close(),
  };
}

/** Prepares the trainer of `settings.model` (warm-up included). Throws `UNSUPPORTED` where it cannot train. */
export function prepareTrainer(settings: TrainerSettings): Promise<EpochTrainer> {
  return settings.model === 'mlp'
    ? specTrainer(settings, trainerPartTask, (spec, weights, test) => evaluateModel(tfc, spec, weights, test).accuracy)
    : layersTrainer(settings);
}
