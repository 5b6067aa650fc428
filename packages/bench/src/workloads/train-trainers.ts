/**
 * @module workloads/train-trainers — the two ways the `train` workload trains a model an epoch at a time: the MLP
 * described by an `MlpSpec` with Weft's hand-written gradients (`createDataParallelTrainer`), and any tfjs-layers
 * model (the MLP again, or the CNN) with tfjs autodiff in each part (`fit`). Both start from seeded weights.
 */
import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  WeftError,
  buildModel,
  createDataParallelTrainer,
  evaluateModel,
  initialWeights,
  parameterShapes,
  type Exchange,
  type Executor,
  type LabelledData,
  type TfjsLayers,
} from '@weft/core';
import { createPrng } from '@weft/core/study';
import { ensureTfjsBackend, fit, type TfjsBackendName } from '@weft/node/tfjs';
import { cnnUnsupportedReason } from './backends-ops.js';
import { MNIST_MODEL_REFS, TRAIN_LEARNING_RATE, trainModelSpec, type TrainModel } from './mnist-models.js';
import type { EpochTrainer } from './epoch-trainer.js';
import { layersWeights } from './fit-weft-model.js';
import { startPytorch } from './pytorch-trainer.js';
import { trainerPartTask } from './train-task.js';

/** Warm-up steps before timing: each initialises the backend in the workers and lets the JIT settle. */
const WARMUP_STEPS = 8;

/** What both trainers need. */
export interface TrainerSettings {
  readonly model: TrainModel;
  readonly backend: TfjsBackendName;
  readonly executor: Executor;
  readonly parts: number;
  readonly exchange: Exchange;
  readonly batch: number;
  readonly seed: number;
  readonly train: LabelledData;
}

/** The `mlp` trainer (spec and hand-written gradients), after warm-up steps on a throw-away trainer. */
async function specTrainer(s: TrainerSettings): Promise<EpochTrainer> {
  const spec = trainModelSpec(s.seed);
  const common = {
    executor: s.executor,
    task: trainerPartTask,
    spec,
    backend: s.backend,
    parts: s.parts,
    exchange: s.exchange,
    optimizer: { learningRate: TRAIN_LEARNING_RATE },
    data: s.train,
  };
  const warm = createDataParallelTrainer(common);
  const rows = Int32Array.from({ length: Math.min(s.batch, s.train.rows) }, (_, r) => r);
  for (let i = 0; i < WARMUP_STEPS; i += 1) await warm.step(rows);
  const trainer = createDataParallelTrainer({ ...common, shuffleSeed: s.seed });
  return {
    trainEpoch: async () => ({ loss: (await trainer.trainEpoch(s.batch)).loss }),
    stepTimings: () => trainer.stepTimings(),
    testAccuracy: (test) => evaluateModel(tfc, spec, trainer.weights(), test).accuracy * 100,
  };
}

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
    backend: s.backend,
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

/** What {@link pytorchTrainer} trains. */
export interface PytorchTrainerSettings extends Pick<TrainerSettings, 'model' | 'batch' | 'seed' | 'train'> {
  readonly threads: number;
  readonly epochs: number;
  readonly test: LabelledData;
  /** Each epoch's row order (default: the `train` workload's Weft trainer's, {@link epochOrders}). */
  readonly orders?: readonly Int32Array[];
  /** Adam's epsilon (default: Weft's 1e-8 for the spec MLP, tfjs's 1e-7 for layers models). */
  readonly epsilon?: number;
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
  return settings.model === 'mlp' ? specTrainer(settings) : layersTrainer(settings);
}
