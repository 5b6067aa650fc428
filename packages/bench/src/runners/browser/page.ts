/**
 * @module runners/browser/page — the study inside a browser page (bundled by the host with esbuild), with the same
 * options as the other runtimes. Every workload that can run in a page (`transfer`, `dispatch`, `load`, `train`,
 * `backends`) runs its own runtime-neutral code with the page's host (`page-host.ts`); this module only runs them
 * and posts the results file back to `/results`.
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
import { backendsWorkload } from '../../workloads/backends.js';
import { dispatchWorkload } from '../../workloads/dispatch.js';
import { loadWorkload } from '../../workloads/load.js';
import { trainWorkload } from '../../workloads/train.js';
import { transferWorkload } from '../../workloads/transfer.js';
import { workloadFailureCase } from '../../workloads/workload-failure.js';
import type { Profile, Workload } from '../../workload.js';
import { browser } from './globals.js';
import { pageWorkloadHost } from './page-host.js';

const progress = (message: string): void => console.log(`${PROGRESS_PREFIX}${message}`);
const origin = browser.location.origin;

// ---- the run -----------------------------------------------------------------------------------------------

/** The workloads that run in every runtime, the page included: the page runs their own code, with its host. */
const PAGE_WORKLOADS: readonly Workload[] = [
  transferWorkload,
  dispatchWorkload,
  loadWorkload,
  trainWorkload,
  backendsWorkload,
];

async function runWorkload(name: string, config: BrowserStudyConfig): Promise<CaseResult[]> {
  const workload = PAGE_WORKLOADS.find((w) => w.name === name);
  if (workload === undefined)
    return [unmeasuredCase('skipped', { workload: name, strategy: 'all' }, `${name} is not built for the browser`)];
  const options = config.options[name] ?? {};
  return workload.run({ profile: config.profile as Profile, options, progress, host: pageWorkloadHost(config) });
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
