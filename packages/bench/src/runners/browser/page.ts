/**
 * @module runners/browser/page — the study inside a browser page (bundled by the host with esbuild), with the same
 * options as the other runtimes. The runtime-neutral workloads (`transfer`, `dispatch`, `load`, `train`) run their
 * own code with the page's host (`page-host.ts`); `backends` runs its measurement module in the page
 * (`backends-task.ts`). The results file is posted back to `/results`.
 */
import { detectRuntime } from '@weft/core';
import {
  RESULTS_SCHEMA_VERSION,
  unmeasuredCase,
  validateResults,
  type CaseResult,
  type ResultsFile,
} from '@weft/core/study';
import type { BrowserStudyConfig } from './config.js';
import { PROGRESS_PREFIX } from './config.js';
import { registeredCases } from '../../model/vocabulary.js';
import { backendPlan } from '../../workloads/backends-measure.js';
import { dispatchWorkload } from '../../workloads/dispatch.js';
import { loadWorkload } from '../../workloads/load.js';
import { trainModelSpec } from '../../workloads/mnist-models.js';
import { trainWorkload } from '../../workloads/train.js';
import { transferWorkload } from '../../workloads/transfer.js';
import { workloadFailureCase } from '../../workloads/workload-failure.js';
import type { Profile, Workload, WorkloadContext } from '../../workload.js';
import { browser } from './globals.js';
import { pageWorkloadHost } from './page-host.js';
import { fetchMnist } from './page-training.js';

const progress = (message: string): void => console.log(`${PROGRESS_PREFIX}${message}`);
const origin = browser.location.origin;

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
  return backends.runBrowserBackends({
    plan,
    peak: config.peak,
    digits: train,
    mlp: trainModelSpec(plan.seed),
    progress,
  });
}

// ---- the run -----------------------------------------------------------------------------------------------

/** The workloads that run in every runtime: the page runs their own code, with its host. */
const NEUTRAL_WORKLOADS: readonly Workload[] = [transferWorkload, dispatchWorkload, loadWorkload, trainWorkload];

async function runWorkload(name: string, config: BrowserStudyConfig): Promise<CaseResult[]> {
  const options = config.options[name] ?? {};
  const neutral = NEUTRAL_WORKLOADS.find((w) => w.name === name);
  if (neutral !== undefined) {
    const host = pageWorkloadHost(config);
    return neutral.run({ profile: config.profile as Profile, options, progress, host });
  }
  if (name === 'backends') return runBackends(options, config);
  return [unmeasuredCase('skipped', { workload: name, strategy: 'all' }, `${name} is not built for the browser`)];
}

async function main(): Promise<void> {
  const createdAt = new Date().toISOString();
  const config = (await (await fetch(`${origin}/config.json`)).json()) as BrowserStudyConfig;
  const cases: CaseResult[] = [];
  for (const name of config.workloads) {
    progress(`${name}: starting`);
    try {
      cases.push(...registeredCases(await runWorkload(name, config)));
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
