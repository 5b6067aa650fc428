/**
 * @module workloads/fit-run — the `fit` workload's run (its definition is fit.ts): each contestant trained epoch by
 * epoch in turns, then scored on the same test digits.
 */
import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { buildModel, evaluateModel, isWeftError, type Executor, type LabelledData, type TfjsLayers } from '@weft/core';
import { platform } from '@weft/core/adapter';
import { okCase, stepMetrics, unmeasuredCase, type CaseResult } from '@weft/core/study';
import { useTfjsBackend } from '@weft/node/tfjs';
import { loadMnist } from '../data/mnist.js';
import { sliceRows } from '../data/mnist-shape.js';
import type { FitContext } from './fit-options.js';
import type { FitWorkloadOptions } from './fit.js';
import type { FitContestant, FitSettings } from './fit-contestant.js';
import { modelFitContestant } from './fit-model-fit.js';
import { pytorchFitContestant } from './fit-pytorch.js';
import { pytorchThreads, wantsPytorch } from './pytorch-option.js';
import { decodeBatches, encodeBatches, weftFitContestant, type WeftFitConfig } from './fit-weft.js';
import { weftModelFitContestant } from './fit-weft-model.js';
import { MNIST_MODEL_REFS, TRAIN_LEARNING_RATE, trainModelSpec, type MnistModel } from './mnist-models.js';
import { libtensorflowVersion, type BackendProbe } from './oversubscription.js';
import { samplesPerSecond, type SamplesPerSecond } from './throughput.js';
import { NODE_TRAIN_POOLS, poolOpener } from './pool-openers.js';
import { resolvePools } from './pool-option.js';
import type { TrainPool } from './train-pool.js';

/** A contestant with its epoch times, or why it could not run. */
interface Entry {
  readonly model: MnistModel;
  readonly contestant: FitContestant;
  /** Parameters recorded beside the contestant's own (the native library's version). */
  readonly extra?: Readonly<Record<string, string>>;
  readonly epochMs: number[];
  loss: number;
  skipped?: string;
  error?: unknown;
}

function parseConfig(text: string, prefetch: number, seed: number, pool: TrainPool): WeftFitConfig {
  const [backend, where] = text.split('-') as ['wasm' | 'tensorflow', string];
  return { backend, workers: where === 'main' ? 0 : Number(where), prefetch, seed, pool };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Trains every entry epoch by epoch in turns (epoch 1 of each, then epoch 2 of each, …), so noise hits all alike. */
async function trainInTurns(context: FitContext, entries: Entry[], epochs: number): Promise<void> {
  for (const e of entries.filter((x) => x.skipped === undefined)) {
    context.progress(`fit: warming up ${e.contestant.label}`);
    await e.contestant.prepare().catch((error: unknown) => (e.error = error));
  }
  for (let epoch = 1; epoch <= epochs; epoch += 1) {
    for (const e of entries.filter((x) => x.skipped === undefined && x.error === undefined)) {
      try {
        const start = platform.now();
        const outcome = await e.contestant.epoch();
        e.epochMs.push(outcome.ms ?? platform.now() - start);
        e.loss = outcome.loss;
        context.progress(`fit: ${e.contestant.label}, epoch ${epoch}/${epochs}, loss ${e.loss.toFixed(3)}`);
      } catch (error) {
        e.error = error;
      }
    }
  }
}

/** tfjs-core and tfjs-layers together, as model factories receive them. */
const tf = { ...tfc, ...tfl } as TfjsLayers;

/** Test accuracy (%) of a model's flat weights: the MLP by Weft's evaluation, the CNN by tfjs-layers' `evaluate`. */
async function scoreOf(
  model: MnistModel,
  weights: Float32Array,
  settings: FitSettings,
  test: LabelledData,
): Promise<number> {
  if (model === 'mlp') return evaluateModel(tfc, settings.spec, weights, test).accuracy * 100;
  const scorer = await buildModel(tf, MNIST_MODEL_REFS[model]);
  let at = 0;
  scorer.setWeights(scorer.getWeights().map((w) => tf.tensor(weights.subarray(at, (at += w.size)), w.shape)));
  const accuracy = tf.tidy(() => {
    const x = tf.tensor4d(test.x, [test.rows, 28, 28, 1]);
    const result = scorer.evaluate(x, tf.tensor1d(Float32Array.from(test.labels)), { batchSize: 500 }) as tfc.Scalar[];
    return (result[1]?.dataSync()[0] as number) * 100;
  });
  scorer.dispose();
  return accuracy;
}

/** Results of the entries: samples/s, test accuracy on the same test digits, and the ratio to the same model's `model.fit`. */
async function results(
  entries: readonly Entry[],
  settings: FitSettings,
  test: LabelledData,
  epochs: number,
): Promise<CaseResult[]> {
  const trained = entries.filter((e) => e.skipped === undefined && e.error === undefined);
  const weights = new Map(trained.map((e) => [e, e.contestant.weights()] as const));
  const timings = new Map(
    trained.flatMap((e) => {
      const t = e.contestant.stepTimings?.();
      return t === undefined ? [] : [[e, stepMetrics(t)] as const];
    }),
  );
  // Every tfjs model is scored by the same code on the same backend, so accuracies compare like with like; PyTorch
  // scores itself on the same digits.
  await useTfjsBackend(tfc, 'wasm');
  const accuracy = new Map<Entry, number>();
  for (const e of trained)
    accuracy.set(
      e,
      await (e.contestant.accuracy?.() ?? scoreOf(e.model, weights.get(e) as Float32Array, settings, test)),
    );
  const rate = (e: Entry): SamplesPerSecond => samplesPerSecond(e.epochMs, settings.train.rows);
  const torch = (model: MnistModel) =>
    entries
      .filter((x) => x.model === model && x.contestant.strategy === 'pytorch' && accuracy.has(x))
      .sort((a, b) => rate(b).samplesPerSecond - rate(a).samplesPerSecond)[0];
  return entries.map((e) => {
    const c = e.contestant;
    const fit = entries.find((x) => x.model === e.model && x.contestant.strategy === 'model-fit' && accuracy.has(x));
    const fitRate = fit === undefined ? undefined : rate(fit).samplesPerSecond;
    const best = c.strategy === 'pytorch' ? undefined : torch(e.model);
    const base = {
      workload: 'fit',
      strategy: c.strategy,
      backend: c.backend,
      parameters: { ...c.parameters, epochs, ...e.extra },
      unit: 'ms',
    };
    if (e.skipped !== undefined) return unmeasuredCase('skipped', base, e.skipped);
    if (e.error !== undefined)
      return unmeasuredCase(isWeftError(e.error, 'UNSUPPORTED') ? 'skipped' : 'failed', base, reasonOf(e.error));
    return okCase({
      ...base,
      samples: e.epochMs,
      metrics: {
        ...rate(e),
        ...(fitRate === undefined || e === fit || c.strategy === 'pytorch'
          ? {}
          : { ratioToModelFit: rate(e).samplesPerSecond / fitRate }),
        ...(best === undefined
          ? {}
          : {
              ratioToPytorch: rate(e).samplesPerSecond / rate(best).samplesPerSecond,
              pytorchTestAccuracy: accuracy.get(best) as number,
            }),
        testAccuracy: accuracy.get(e) as number,
        trainLoss: e.loss,
        ...(timings.get(e) ?? {}),
      },
    });
  });
}

/** Every contestant of one model: `model.fit`, PyTorch when asked, then each Weft configuration (on the main thread, or on each pool). */
function contestantsOf(
  model: MnistModel,
  settings: FitSettings,
  configs: readonly WeftFitConfig[],
  openers: Readonly<Partial<Record<TrainPool, (size: number) => Executor>>>,
  torch:
    | {
        readonly seed: number;
        readonly epochs: number;
        readonly test: LabelledData;
        readonly threads: readonly number[];
      }
    | undefined,
): FitContestant[] {
  const list: FitContestant[] = [modelFitContestant(settings, model)];
  if (torch !== undefined) {
    for (const threads of torch.threads)
      list.push(pytorchFitContestant(settings, model, threads, torch.seed, torch.epochs, torch.test));
  }
  for (const config of configs) {
    for (const pool of config.workers === 0 ? [config.pool] : (Object.keys(openers) as TrainPool[])) {
      const where = { ...config, pool };
      const open = openers[pool] as (size: number) => Executor;
      if (model === 'mlp') list.push(weftFitContestant(settings, where, open));
      list.push(weftModelFitContestant(settings, model, where, open));
    }
  }
  return list;
}

/** Runs the `fit` workload (see `createFitWorkload` in fit.ts). */
export async function runFit(
  context: FitContext,
  options: FitWorkloadOptions,
  probe: () => Promise<BackendProbe>,
): Promise<CaseResult[]> {
  const o = context.options;
  const { train, test } = await loadMnist();
  const batch = o['batch'];
  const shards = encodeBatches(sliceRows(train, o['train-size']), batch);
  const settings: FitSettings = {
    spec: trainModelSpec(o['seed']),
    batch,
    learningRate: TRAIN_LEARNING_RATE,
    shards,
    train: decodeBatches(shards),
  };
  const pools = resolvePools(o['pools'], NODE_TRAIN_POOLS);
  const openers: Partial<Record<TrainPool, (size: number) => Executor>> = {};
  for (const pool of pools) openers[pool] = options.openExecutor ?? (await poolOpener(pool));
  const native = await probe();
  const nativeSkip =
    native.status === 'available'
      ? undefined
      : `tensorflow backend ${native.status}: ${native.reason ?? 'no reason given'}`;
  const configs = o['weft'].map((text) => parseConfig(text, o['prefetch'], o['seed'], pools[0] as TrainPool));
  const library = libtensorflowVersion(native);
  const entries: Entry[] = o['model'].flatMap((model) =>
    contestantsOf(
      model,
      settings,
      configs,
      openers,
      wantsPytorch(o) ? { seed: o['seed'], epochs: o['epochs'], test, threads: pytorchThreads(o) } : undefined,
    ).map((contestant) => ({
      model,
      contestant,
      ...(contestant.backend === 'tensorflow' && library !== undefined ? { extra: { libtensorflow: library } } : {}),
      epochMs: [],
      loss: Number.NaN,
      ...(contestant.backend === 'tensorflow' && nativeSkip !== undefined ? { skipped: nativeSkip } : {}),
    })),
  );
  try {
    await trainInTurns(context, entries, o['epochs']);
    return await results(entries, settings, test, o['epochs']);
  } finally {
    await Promise.all(entries.map((e) => e.contestant.close().catch(() => undefined)));
  }
}
