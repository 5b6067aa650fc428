/**
 * @module runners/browser/page — the study inside a browser page (bundled by the host with esbuild), with the same
 * options as the other runtimes. The runtime-neutral workloads (`transfer`, `dispatch`, `load`) run their own code
 * with the page's host (`page-host.ts`); `train` and `backends` still have page versions here. The results file is posted back to `/results`.
 */
import {
  createDataParallelTrainer,
  inlineExecutor,
  describeError,
  detectRuntime,
  type DataParallelTrainer,
  type Evaluation,
  type Exchange,
  type Executor,
  type LabelledData,
  type ModelSpec,
} from '@weft/core';
import { platform } from '@weft/core/adapter';
import {
  okCase,
  RESULTS_SCHEMA_VERSION,
  summarize,
  unmeasuredCase,
  validateResults,
  type CaseResult,
  type ResultsFile,
} from '@weft/core/study';
import type { BrowserStudyConfig } from './config.js';
import { PROGRESS_PREFIX } from './config.js';
import { backendPlan } from '../../workloads/backends-measure.js';
import { dispatchWorkload } from '../../workloads/dispatch.js';
import { loadWorkload } from '../../workloads/load.js';
import { transferWorkload } from '../../workloads/transfer.js';
import { workloadFailureCase } from '../../workloads/workload-failure.js';
import type { Profile, Workload, WorkloadContext } from '../../workload.js';
import { browser } from './globals.js';
import { pageWorkloadHost, weftExecutor } from './page-host.js';

const progress = (message: string): void => console.log(`${PROGRESS_PREFIX}${message}`);
const origin = browser.location.origin;

// ---- train ------------------------------------------------------------------------------------------------

/** The MLP the `train` and `backends` workloads train, as in Node: 784-128-64-10, ReLU. */
const mnistMlp = (seed: number): ModelSpec => ({ kind: 'mlp', layers: [784, 128, 64, 10], activation: 'relu', seed });

/** The train and test digits the host serves at `/mnist.bin` (int32 header: train rows, test rows, features). */
async function fetchMnist(): Promise<{ train: LabelledData; test: LabelledData }> {
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

interface TrainModule {
  readonly trainerPartTask: Parameters<typeof createDataParallelTrainer>[0]['task'];
  evaluate(spec: ModelSpec, weights: Float32Array, test: LabelledData): Promise<Evaluation>;
}

interface Contestant {
  readonly strategy: 'main-thread' | 'data-parallel-web-workers';
  readonly workers: number;
  readonly exchange: Exchange;
  readonly executor: Executor;
  trainer?: DataParallelTrainer;
  readonly epochMs: number[];
  trainLoss: number;
  error?: unknown;
}

/** Main thread against Weft's web workers, epochs interleaved, exactly as the Node `train` workload does it. */
async function runTrain(
  options: Readonly<Record<string, unknown>>,
  weftUnavailable: string | undefined,
): Promise<CaseResult[]> {
  const trainModule = (await import(`${origin}/train-task.js`)) as TrainModule;
  const { train: allTrain, test } = await fetchMnist();
  const cases: CaseResult[] = [];
  const epochs = options['epochs'] as number;
  const seed = options['seed'] as number;
  const rows = Math.min(options['train-size'] as number, allTrain.rows);
  const train: LabelledData = {
    x: allTrain.x.subarray(0, rows * allTrain.features),
    labels: allTrain.labels.subarray(0, rows),
    rows,
    features: allTrain.features,
  };
  const spec = mnistMlp(seed);
  for (const backend of options['backends'] as string[]) {
    for (const batch of options['batch'] as number[]) {
      const base = { backend, batch, epochs, seed, trainSize: rows };
      const identity = (c: Contestant) => ({
        workload: 'train',
        strategy: c.strategy,
        backend,
        parameters: { ...base, workers: c.workers, exchange: c.strategy === 'main-thread' ? 'none' : c.exchange },
        unit: 'ms',
      });
      if (backend !== 'wasm') {
        cases.push(
          unmeasuredCase(
            'skipped',
            { workload: 'train', strategy: 'all', backend, parameters: base },
            `the browser trainer runs on wasm only (not ${backend})`,
          ),
        );
        continue;
      }
      const contestants: Contestant[] = [
        {
          strategy: 'main-thread',
          workers: 1,
          exchange: 'copy',
          executor: inlineExecutor(),
          epochMs: [],
          trainLoss: Number.NaN,
        },
      ];
      const pools: Executor[] = [];
      for (const workers of options['workers'] as number[]) {
        if (weftUnavailable !== undefined) {
          cases.push(
            unmeasuredCase(
              'skipped',
              { workload: 'train', strategy: 'data-parallel-web-workers', backend, parameters: { ...base, workers } },
              weftUnavailable,
            ),
          );
          continue;
        }
        const pool = await weftExecutor(workers, weftUnavailable);
        pools.push(pool);
        for (const exchange of options['exchange'] as Exchange[]) {
          contestants.push({
            strategy: 'data-parallel-web-workers',
            workers,
            exchange,
            executor: pool,
            epochMs: [],
            trainLoss: Number.NaN,
          });
        }
      }
      try {
        for (const c of contestants) {
          progress(`train: warming up ${c.strategy}, ${c.workers} workers, ${c.exchange}`);
          try {
            const common = {
              executor: c.executor,
              task: trainModule.trainerPartTask,
              spec,
              backend,
              parts: c.workers,
              exchange: c.exchange,
              optimizer: { learningRate: 1e-3 },
              data: train,
            };
            const warm = createDataParallelTrainer(common);
            const warmRows = Int32Array.from({ length: Math.min(batch, rows) }, (_, r) => r);
            for (let i = 0; i < 8; i += 1) await warm.step(warmRows);
            c.trainer = createDataParallelTrainer({ ...common, shuffleSeed: seed });
          } catch (error) {
            c.error = error;
          }
        }
        for (let e = 0; e < epochs; e += 1) {
          for (const c of contestants.filter((x) => x.error === undefined)) {
            try {
              const start = platform.now();
              const report = await (c.trainer as DataParallelTrainer).trainEpoch(batch);
              c.epochMs.push(platform.now() - start);
              c.trainLoss = report.loss;
              progress(`train: ${c.strategy}, ${c.workers} workers, ${c.exchange}, epoch ${e + 1}/${epochs}`);
            } catch (error) {
              c.error = error;
            }
          }
        }
      } finally {
        await Promise.all(pools.map((p) => p.close()));
      }
      const baseline = contestants[0] as Contestant;
      const baselineMs = baseline.error === undefined ? summarize(baseline.epochMs).median : undefined;
      for (const c of contestants) {
        if (c.error !== undefined) {
          cases.push(
            unmeasuredCase(
              'failed',
              identity(c),
              c.error instanceof Error ? `${c.error.name}: ${c.error.message}` : describeError(c.error),
            ),
          );
          continue;
        }
        const median = summarize(c.epochMs).median;
        const speedup = baselineMs === undefined ? undefined : baselineMs / median;
        const accuracy = (await trainModule.evaluate(spec, (c.trainer as DataParallelTrainer).weights(), test))
          .accuracy;
        cases.push(
          okCase({
            ...identity(c),
            samples: c.epochMs,
            metrics: {
              samplesPerSecond: rows / (median / 1000),
              ...(speedup === undefined ? {} : { speedup, efficiency: speedup / c.workers }),
              testAccuracy: accuracy * 100,
              trainLoss: c.trainLoss,
            },
          }),
        );
      }
    }
  }
  return cases;
}

// ---- backends ---------------------------------------------------------------------------------------------

/** wasm, webgl and webgpu measured by the Node workload's own code (bundled as `/backends.js` with tfjs-layers). */
async function runBackends(
  options: Readonly<Record<string, unknown>>,
  config: BrowserStudyConfig,
): Promise<CaseResult[]> {
  if (config.peak === undefined) throw new Error('the host sent no peak inputs for the backends workload');
  const backends = (await import(`${origin}/backends.js`)) as typeof import('./backends-task.js');
  const { train } = await fetchMnist();
  const plan = backendPlan(options as WorkloadContext['options']);
  return backends.runBrowserBackends({ plan, peak: config.peak, digits: train, mlp: mnistMlp(plan.seed), progress });
}

// ---- the run -----------------------------------------------------------------------------------------------

/** The workloads that run in every runtime: the page runs their own code, with its host. */
const NEUTRAL_WORKLOADS: readonly Workload[] = [transferWorkload, dispatchWorkload, loadWorkload];

async function runWorkload(name: string, config: BrowserStudyConfig): Promise<CaseResult[]> {
  const options = config.options[name] ?? {};
  const neutral = NEUTRAL_WORKLOADS.find((w) => w.name === name);
  if (neutral !== undefined) {
    const host = pageWorkloadHost(config);
    return neutral.run({ profile: config.profile as Profile, options, progress, host });
  }
  switch (name) {
    case 'train':
      return runTrain(options, config.weftUnavailable);
    case 'backends':
      return runBackends(options, config);
    default:
      return [unmeasuredCase('skipped', { workload: name, strategy: 'all' }, `${name} is not built for the browser`)];
  }
}

async function main(): Promise<void> {
  const createdAt = new Date().toISOString();
  const config = (await (await fetch(`${origin}/config.json`)).json()) as BrowserStudyConfig;
  const cases: CaseResult[] = [];
  for (const name of config.workloads) {
    progress(`${name}: starting`);
    try {
      cases.push(...(await runWorkload(name, config)));
    } catch (error) {
      cases.push(workloadFailureCase(name, error));
    }
  }
  const { name, version: reduced } = detectRuntime();
  // The user agent string is reduced to the major version (156.0.0.0); client hints give the full one.
  const hints = (
    browser.navigator as {
      userAgentData?: {
        getHighEntropyValues(keys: string[]): Promise<{ fullVersionList?: Array<{ brand: string; version: string }> }>;
      };
    }
  ).userAgentData;
  const full = await hints?.getHighEntropyValues(['fullVersionList']).catch(() => undefined);
  const version = full?.fullVersionList?.find((b) => /Chrom/.test(b.brand))?.version ?? reduced;
  const results: ResultsFile = {
    schema: 'weft-results',
    schemaVersion: RESULTS_SCHEMA_VERSION,
    runId: config.runId,
    createdAt,
    host: { ...config.host, cores: browser.navigator.hardwareConcurrency ?? config.host.cores },
    runtime: { name, version },
    versions: config.versions,
    profile: config.profile,
    cases,
  };
  validateResults(results);
  await fetch(`${origin}/results`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(results),
  });
}

main().catch((error: unknown) => {
  void fetch(`${origin}/error`, { method: 'POST', body: error instanceof Error ? `${error.message}` : String(error) });
});
