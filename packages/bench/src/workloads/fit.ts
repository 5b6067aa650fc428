/**
 * @module workloads/fit — Weft against the library alone: the MNIST MLP of `train`, trained by plain tfjs-node
 * `model.fit` (one process, libtensorflow's own threads) and by Weft's pipeline (loader prefetch + trainer parts
 * on workers) on wasm and on the native backend, epochs interleaved in one run, same seed, epochs and batch size.
 * This module is the workload's definition; its run (fit-run.ts) imports tfjs, loaded when the workload runs.
 */
import type { Executor } from '@weft/core';
import { defineWorkload, type Workload } from '../workload.js';
import { FIT_OPTIONS } from './fit-options.js';
import type { BackendProbe } from './oversubscription.js';
import { importTfjs, probeBackend } from './tfjs-modules.js';

/** Options of {@link createFitWorkload}. */
export interface FitWorkloadOptions {
  /** Opens the worker pool of a Weft configuration (default: each pool of `--pools`). */
  readonly openExecutor?: (size: number) => Executor;
  /** Says whether the native backend can run here (default: `probeBackend('tensorflow')`). */
  readonly probe?: () => Promise<BackendProbe>;
}

/**
 * Creates the `fit` workload: for each `--model` (the MNIST MLP 784-128-64-10 from the same seeded weights, or the
 * CNN c8-p2-c16-p2-d10; Adam lr 1e-3), plain tfjs-node `model.fit` against each Weft configuration named in
 * `--weft` (on the main thread, or on N workers of each `--pools` pool), epochs interleaved. Weft trains two ways
 * from the same loader of encoded shards: `weft-pipeline` (the MLP only: Weft's hand-written gradients) and
 * `weft-fit` (`fit()` on the tfjs-layers model, tfjs autodiff in each part). Samples are ms per epoch; metrics are
 * samples/s, the ratio to the same model's `model.fit` (same run), test accuracy (%) on the 2,000 test digits,
 * scored by the same code for every contestant of a model, and the last epoch's training loss. Without the native
 * backend, `model.fit` and the native Weft cases are skipped with the probe's reason.
 */
export function createFitWorkload(options: FitWorkloadOptions = {}): Workload {
  const probe = options.probe ?? (() => probeBackend('tensorflow'));
  return defineWorkload({
    name: 'fit',
    question: 'Does Weft train faster than the library alone (tfjs-node model.fit)?',
    options: FIT_OPTIONS,
    run: async (context) => (await importFitRun()).runFit(context, options, probe),
  });
}

/** The workload's run, once tfjs loads (a clear `UNSUPPORTED` with the install command when it does not). */
async function importFitRun(): Promise<typeof import('./fit-run.js')> {
  await importTfjs();
  return import('./fit-run.js');
}

/** The `fit` workload with Node's worker-thread pool. */
export const fitWorkload: Workload = createFitWorkload();
