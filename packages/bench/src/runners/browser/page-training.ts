/**
 * @module runners/browser/page-training — what the Chromium page gives the `train` workload: the digits the host
 * serves at `/mnist.bin`, Weft's web workers, and the spec MLP's trainer on tfjs wasm (`/train-task.js`, the part
 * task the workers import). The other models and backends, and PyTorch, are Node's: their cases are skipped here.
 */
import { WeftError, type Evaluation, type LabelledData, type ModelSpec } from '@weft/core';
import type { TrainHost } from '../../workloads/host.js';
import type { TrainPool } from '../../workloads/train-pool.js';
import { specTrainer } from '../../workloads/spec-trainer.js';
import { browser } from './globals.js';
import { weftExecutorOpener } from './weft-executor.js';
import type * as TrainTask from './train-task.js';

const origin = browser.location.origin;

/** The train and test digits the host serves at `/mnist.bin` (int32 header: train rows, test rows, features). */
export async function fetchMnist(): Promise<{ train: LabelledData; test: LabelledData }> {
  const buffer = await (await fetch(`${origin}/mnist.bin`)).arrayBuffer();
  const [trainRows, testRows, features] = new Int32Array(buffer, 0, 3) as unknown as [number, number, number];
  let at = 12;
  const take = <T>(make: (offset: number, length: number) => T, length: number): T => {
    const view = make(at, length);
    at += length * 4;
    return view;
  };
  const part = (rows: number): LabelledData => ({
    x: take((o, n) => new Float32Array(buffer, o, n), rows * features),
    labels: take((o, n) => new Int32Array(buffer, o, n), rows),
    rows,
    features,
  });
  const train = part(trainRows);
  return { train, test: part(testRows) };
}

/** The page's training host; `weftUnavailable` says why Weft's web-worker executor is not in the bundle. */
export async function openPageTraining(weftUnavailable: string | undefined): Promise<TrainHost> {
  const task = (await import(`${origin}/train-task.js`)) as typeof TrainTask;
  const { train, test } = await fetchMnist();
  // Opening a pool is synchronous for the workload: the executor's module is loaded here, once.
  const open = await weftExecutorOpener(weftUnavailable).catch((error: unknown) => (): never => {
    throw new WeftError('UNSUPPORTED', (error as Error).message);
  });
  const score = async (spec: ModelSpec, weights: Float32Array, digits: LabelledData): Promise<number> =>
    ((await task.evaluate(spec, weights, digits)) satisfies Evaluation).accuracy;
  return {
    train,
    test,
    pools: { threads: 'web-workers', all: ['web-workers'] },
    openPool(pool: TrainPool, size: number) {
      if (pool !== 'web-workers')
        throw new WeftError('UNSUPPORTED', `${pool} runs in Node, Deno and Bun: a page has web workers`);
      return open(size);
    },
    unsupported: (model, backend) =>
      backend !== 'wasm'
        ? `the browser trainer runs on wasm only (not ${backend})`
        : model !== 'mlp'
          ? `the browser trainer trains the spec MLP only (not ${model}): tfjs-layers models train in Node`
          : undefined,
    async prepareTrainer(settings) {
      return specTrainer(settings, task.trainerPartTask, score);
    },
    pytorchTrainer: () =>
      Promise.reject(new WeftError('UNSUPPORTED', 'PyTorch runs beside Node, Deno and Bun, not in a page')),
    useBackend: () => task.ensureWasm(),
  };
}
