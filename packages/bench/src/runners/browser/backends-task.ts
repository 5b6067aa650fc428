/**
 * @module runners/browser/backends-task — the `backends` workload in the browser page (bundled by the host as
 * `/backends.js`, loaded by the page only when the workload runs): tfjs's `wasm`, `webgl` and `webgpu` backends,
 * selected by `@weft/browser/tfjs` and measured by the same code as in Node (`workloads/backends-measure.ts`).
 * tfjs-layers and tfjs-core's gradients are bundled here for the CNN step; the wasm binaries come from the host's
 * `/tfjs/`.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import * as tfl from '@tensorflow/tfjs-layers';
import { probeTfjsBackend, useTfjsBackend, type TfjsBackendName, type TfjsBackendProbe } from '@weft/browser/tfjs';
import type { LabelledData, ModelSpec } from '@weft/core';
import { unmeasuredCase, type CaseResult } from '@weft/core/study';
import type { PeakInputs } from '../../workloads/backends-flops.js';
import { measureBackend, reasonOf, type BackendPlan } from '../../workloads/backends-measure.js';
import { BACKENDS_WORKLOAD, peakCase, type PeakBasis } from '../../workloads/backends-phases.js';
import { browser } from './globals.js';

/** The backends the page measures: wasm on one thread (as in Node), webgl and webgpu. */
export const BROWSER_BENCH_BACKENDS: readonly TfjsBackendName[] = ['wasm', 'webgl', 'webgpu'];

/** A renderer that computes on the CPU (headless Chromium without a GPU), so the CPU's peak applies. */
const SOFTWARE_RENDERER = /SwiftShader|llvmpipe|software/i;

/**
 * The peak a selected backend is compared with: wasm runs one thread; webgl/webgpu on a software renderer use every
 * core; on a real GPU no CPU peak applies.
 */
function peakBasis(selected: TfjsBackendProbe, inputs: PeakInputs): PeakBasis {
  const cores = browser.navigator.hardwareConcurrency ?? inputs.cores;
  if (selected.name === 'wasm' || selected.name === 'cpu') return { threads: 1, inputs };
  return SOFTWARE_RENDERER.test(selected.detail ?? '') ? { threads: cores, inputs } : { threads: cores };
}

/** What the page hands over: the resolved options, the host's peak inputs, the digits and the MLP spec. */
export interface BrowserBackendsInput {
  readonly plan: BackendPlan;
  readonly peak: PeakInputs;
  readonly digits: LabelledData;
  readonly mlp: ModelSpec;
  progress: (message: string) => void;
}

/** Measures every backend of {@link BROWSER_BENCH_BACKENDS} that runs here; the others are `skipped` with the reason. */
export async function runBrowserBackends(input: BrowserBackendsInput): Promise<CaseResult[]> {
  const cases: CaseResult[] = [peakCase(input.peak)];
  for (const backend of BROWSER_BENCH_BACKENDS) {
    input.progress(`backends: selecting ${backend}`);
    const options = { wasmPaths: new URL('/tfjs/', browser.location.origin).href, wasmThreads: 1 };
    const probe = await probeTfjsBackend(tf, backend, options);
    if (probe.status !== 'available') {
      cases.push(
        unmeasuredCase(
          'skipped',
          { workload: BACKENDS_WORKLOAD, strategy: 'all', backend },
          `${probe.status}: ${probe.reason ?? 'no reason given'}`,
        ),
      );
      continue;
    }
    let selected: TfjsBackendProbe;
    try {
      selected = await useTfjsBackend(tf, backend, options);
    } catch (error) {
      cases.push(
        unmeasuredCase(
          'failed',
          { workload: BACKENDS_WORKLOAD, strategy: 'all', backend },
          `probed available, then failed to select: ${reasonOf(error)}`,
        ),
      );
      continue;
    }
    const version = [selected.version, selected.detail].filter((s) => s !== undefined).join(', ');
    const env = {
      tf,
      backend,
      digits: input.digits,
      mlp: input.mlp,
      layers: tfl,
      peak: peakBasis(selected, input.peak),
      progress: input.progress,
    };
    cases.push(...(await measureBackend({ ...env, ...(version === '' ? {} : { version }) }, input.plan)));
  }
  return cases;
}
