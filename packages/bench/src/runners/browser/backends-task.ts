/**
 * @module runners/browser/backends-task — the `backends` workload in the browser page (bundled by the host as
 * `/backends.js`, loaded by the page only when the workload runs): tfjs's `wasm`, `webgl` and `webgpu` backends,
 * measured by the same code as in Node (`workloads/backends-measure.ts`). tfjs-layers and tfjs-core's gradients are
 * bundled here for the CNN step; the wasm binaries come from the host's `/tfjs/`.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import * as tfl from '@tensorflow/tfjs-layers';
import { unmeasuredCase, type CaseResult, type LabelledData, type ModelSpec } from '@weft/core';
import type { PeakInputs } from '../../workloads/backends-flops.js';
import { BACKENDS_WORKLOAD, measureBackend, peakCase, reasonOf, type BackendPlan } from '../../workloads/backends-measure.js';
import { browser } from './globals.js';

/** The backends the page measures. */
export const BROWSER_BENCH_BACKENDS = ['wasm', 'webgl', 'webgpu'] as const;

/** A name of {@link BROWSER_BENCH_BACKENDS}. */
export type BrowserBenchBackend = (typeof BROWSER_BENCH_BACKENDS)[number];

/** A selected backend (with the threads it computes with), or why it cannot run in this page. */
type Selection = { readonly ok: true; readonly threads: number; readonly version: string } | { readonly ok: false; readonly reason: string };

interface Gpu {
  requestAdapter(): Promise<unknown>;
}

/** Selects `name` in this page; never throws. */
async function select(name: BrowserBenchBackend): Promise<Selection> {
  const cores = browser.navigator.hardwareConcurrency ?? 1;
  try {
    tf.enableProdMode();
    if (name === 'wasm') {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      if (tf.engine().registry['wasm'] === undefined) {
        wasm.setWasmPaths(new URL('/tfjs/', browser.location.origin).href);
        tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false); // one thread, as in Node
      }
      if (!(await tf.setBackend('wasm'))) return { ok: false, reason: 'the wasm backend failed to initialise in this page' };
      return { ok: true, threads: 1, version: `tfjs-backend-wasm ${wasm.version_wasm}` };
    }
    if (name === 'webgl') {
      const webgl = await import('@tensorflow/tfjs-backend-webgl');
      if (!(await tf.setBackend('webgl'))) return { ok: false, reason: 'WebGL is unavailable in this page (no WebGL context: GPU disabled and no software renderer)' };
      // Headless Chromium without a GPU renders WebGL on the CPU (SwiftShader), on every core.
      const renderer = tf.env().getNumber('WEBGL_VERSION');
      return { ok: true, threads: cores, version: `tfjs-backend-webgl ${webgl.version_webgl}, WebGL ${renderer}` };
    }
    const gpu = (browser.navigator as { gpu?: Gpu }).gpu;
    if (gpu === undefined) return { ok: false, reason: 'navigator.gpu is undefined: this browser has no WebGPU' };
    if ((await gpu.requestAdapter()) === null) return { ok: false, reason: 'navigator.gpu.requestAdapter() found no adapter (no GPU, or GPU disabled)' };
    return { ok: false, reason: 'WebGPU has an adapter, but @tensorflow/tfjs-backend-webgpu is not installed in the bench' };
  } catch (error) {
    return { ok: false, reason: `${name} did not initialise: ${reasonOf(error)}` };
  }
}

/** What the page hands over: the resolved options, the host's peak inputs, the digits and the MLP spec. */
export interface BrowserBackendsInput {
  readonly plan: BackendPlan;
  readonly peak: PeakInputs;
  readonly digits: LabelledData;
  readonly mlp: ModelSpec;
  progress(message: string): void;
}

/** Measures every backend of {@link BROWSER_BENCH_BACKENDS} that runs here; the others are `skipped` with the reason. */
export async function runBrowserBackends(input: BrowserBackendsInput): Promise<CaseResult[]> {
  const cases: CaseResult[] = [peakCase(input.peak)];
  for (const backend of BROWSER_BENCH_BACKENDS) {
    input.progress(`backends: selecting ${backend}`);
    const selection = await select(backend);
    if (!selection.ok) {
      cases.push(unmeasuredCase('skipped', { workload: BACKENDS_WORKLOAD, strategy: 'all', backend }, selection.reason));
      continue;
    }
    const peak = { threads: selection.threads, inputs: input.peak };
    cases.push(...(await measureBackend({ tf, backend, digits: input.digits, mlp: input.mlp, layers: tfl, peak, version: selection.version, progress: input.progress }, input.plan)));
  }
  return cases;
}
