/**
 * @module workloads/fit — Weft against the library alone: the MNIST MLP of `train`, trained by plain tfjs-node
 * `model.fit` (one process, libtensorflow's own threads) and by Weft's pipeline (loader prefetch + trainer parts
 * on workers) on wasm and on the native backend, epochs interleaved in one run, same seed, epochs and batch size.
 */
import * as tf from '@tensorflow/tfjs-core';
import { evaluateModel, isWeftError, okCase, platform, unmeasuredCase, type CaseResult, type Executor, type LabelledData } from '@weft/core';
import { nodeThreadsExecutor } from '@weft/node';
import { probeTfjsBackend, useTfjsBackend } from '@weft/node/tfjs';
import { loadMnist, sliceRows } from '../data/mnist.js';
import { everyProfile, type Workload, type WorkloadContext } from '../workload.js';
import type { FitContestant, FitSettings } from './fit-contestant.js';
import { modelFitContestant } from './fit-model-fit.js';
import { decodeBatches, encodeBatches, weftFitContestant, type WeftFitConfig } from './fit-weft.js';
import { libtensorflowVersion, type BackendProbe } from './oversubscription.js';
import { samplesPerSecond, type SamplesPerSecond } from './throughput.js';
import { poolOption } from './pool-option.js';
import { TRAIN_LEARNING_RATE, trainModelSpec, webWorkerOpener, type TrainPool } from './train.js';

/** The Weft configurations `--weft` may name: backend, then `main` (main thread) or a worker count. */
export const WEFT_FIT_CONFIGS: readonly string[] = ['wasm-main', 'wasm-1', 'wasm-2', 'wasm-4', 'tensorflow-main', 'tensorflow-1', 'tensorflow-2', 'tensorflow-4'];

/** Options of {@link createFitWorkload}. */
export interface FitWorkloadOptions {
  /** Opens the worker pool of a Weft configuration (default: by `--pool`, `nodeThreadsExecutor` or Weft's Web Worker pool). */
  readonly openExecutor?: (size: number) => Executor;
  /** Says whether the native backend can run here (default: `probeTfjsBackend('tensorflow')`). */
  readonly probe?: () => Promise<BackendProbe>;
}

/** A contestant with its epoch times, or why it could not run. */
interface Entry {
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
async function trainInTurns(context: WorkloadContext, entries: Entry[], epochs: number): Promise<void> {
  for (const e of entries.filter((x) => x.skipped === undefined)) {
    context.progress(`fit: warming up ${e.contestant.label}`);
    await e.contestant.prepare().catch((error: unknown) => (e.error = error));
  }
  for (let epoch = 1; epoch <= epochs; epoch += 1) {
    for (const e of entries.filter((x) => x.skipped === undefined && x.error === undefined)) {
      try {
        const start = platform.now();
        e.loss = await e.contestant.epoch();
        e.epochMs.push(platform.now() - start);
        context.progress(`fit: ${e.contestant.label}, epoch ${epoch}/${epochs}, loss ${e.loss.toFixed(3)}`);
      } catch (error) {
        e.error = error;
      }
    }
  }
}

/** Results of the entries: samples/s, test accuracy on the same test digits, and the ratio to `model.fit`. */
async function results(entries: readonly Entry[], settings: FitSettings, test: LabelledData, epochs: number): Promise<CaseResult[]> {
  const trained = entries.filter((e) => e.skipped === undefined && e.error === undefined);
  const weights = new Map(trained.map((e) => [e, e.contestant.weights()] as const));
  // Every model is scored by the same code on the same backend, so accuracies compare like with like.
  await useTfjsBackend(tf, 'wasm');
  const accuracy = new Map(trained.map((e) => [e, evaluateModel(tf, settings.spec, weights.get(e) as Float32Array, test).accuracy * 100] as const));
  const rate = (e: Entry): SamplesPerSecond => samplesPerSecond(e.epochMs, settings.train.rows);
  const fit = entries.find((e) => e.contestant.strategy === 'model-fit' && accuracy.has(e));
  const fitRate = fit === undefined ? undefined : rate(fit).samplesPerSecond;
  return entries.map((e) => {
    const c = e.contestant;
    const base = { workload: 'fit', strategy: c.strategy, backend: c.backend, parameters: { ...c.parameters, epochs, ...e.extra }, unit: 'ms' };
    if (e.skipped !== undefined) return unmeasuredCase('skipped', base, e.skipped);
    if (e.error !== undefined) return unmeasuredCase(isWeftError(e.error, 'UNSUPPORTED') ? 'skipped' : 'failed', base, reasonOf(e.error));
    return okCase({
      ...base,
      samples: e.epochMs,
      metrics: {
        ...rate(e),
        ...(fitRate === undefined || e === fit ? {} : { ratioToModelFit: rate(e).samplesPerSecond / fitRate }),
        testAccuracy: accuracy.get(e) as number,
        trainLoss: e.loss,
      },
    });
  });
}

/**
 * Creates the `fit` workload: the MNIST MLP (784-128-64-10, ReLU, Adam lr 1e-3, the same seeded initial weights)
 * trained by plain tfjs-node `model.fit` and by each Weft configuration named in `--weft` (loader prefetch of
 * encoded shards, trainer parts on N workers or the main thread), epochs interleaved. Samples are ms per epoch;
 * metrics are samples/s, the ratio to `model.fit`'s samples/s (same run), test accuracy (%) on the 2,000 test
 * digits, scored by the same code for every model, and the last epoch's training loss. Without the native backend,
 * `model.fit` and the native Weft cases are skipped with the probe's reason.
 */
export function createFitWorkload(options: FitWorkloadOptions = {}): Workload {
  const probe = options.probe ?? (() => probeTfjsBackend('tensorflow'));
  return {
    name: 'fit',
    question: 'Does Weft train faster than the library alone (tfjs-node model.fit)?',
    options: [
      {
        name: 'weft',
        kind: 'string-list',
        description: 'Weft configurations: backend-main (main thread) or backend-N (N workers)',
        choices: WEFT_FIT_CONFIGS,
        defaults: { smoke: 'wasm-2,tensorflow-main', quick: 'wasm-2,tensorflow-main,tensorflow-1,tensorflow-2', full: 'wasm-2,wasm-4,tensorflow-main,tensorflow-1,tensorflow-2' },
      },
      { name: 'epochs', kind: 'positive-int', description: 'timed epochs per contestant', defaults: { smoke: '1', quick: '5', full: '8' } },
      { name: 'batch', kind: 'positive-int', description: 'global batch size (also the loader\'s shard size)', defaults: { smoke: '128', quick: '512', full: '512' } },
      { name: 'prefetch', kind: 'positive-int', description: 'shards Weft\'s loader keeps ahead of the trainer', defaults: everyProfile('4') },
      { name: 'train-size', kind: 'positive-int', description: 'training digits used (at most 8000)', defaults: { smoke: '384', quick: '8000', full: '8000' } },
      { name: 'seed', kind: 'positive-int', description: 'seed of the weights and the shard order', defaults: everyProfile('1') },
      poolOption,
    ],
    async run(context) {
      const o = context.options;
      const { train, test } = await loadMnist();
      const batch = o['batch'] as number;
      const shards = encodeBatches(sliceRows(train, o['train-size'] as number), batch);
      const settings: FitSettings = { spec: trainModelSpec(o['seed'] as number), batch, learningRate: TRAIN_LEARNING_RATE, shards, train: decodeBatches(shards) };
      const pool = o['pool'] as TrainPool;
      const openPool = options.openExecutor ?? (pool === 'web-workers' ? await webWorkerOpener() : (size: number) => nodeThreadsExecutor({ size }));
      const native = await probe();
      const nativeSkip = native.status === 'available' ? undefined : `tensorflow backend ${native.status}: ${native.reason ?? 'no reason given'}`;
      const contestants: FitContestant[] = [
        modelFitContestant(settings),
        ...(o['weft'] as readonly string[]).map((text) => weftFitContestant(settings, parseConfig(text, o['prefetch'] as number, o['seed'] as number, pool), openPool)),
      ];
      const library = libtensorflowVersion(native);
      const entries: Entry[] = contestants.map((contestant) => ({
        contestant,
        ...(contestant.backend === 'tensorflow' && library !== undefined ? { extra: { libtensorflow: library } } : {}),
        epochMs: [],
        loss: Number.NaN,
        ...(contestant.backend === 'tensorflow' && nativeSkip !== undefined ? { skipped: nativeSkip } : {}),
      }));
      try {
        await trainInTurns(context, entries, o['epochs'] as number);
        return await results(entries, settings, test, o['epochs'] as number);
      } finally {
        await Promise.all(entries.map((e) => e.contestant.close().catch(() => undefined)));
      }
    },
  };
}

/** The `fit` workload with Node's worker-thread pool. */
export const fitWorkload: Workload = createFitWorkload();
