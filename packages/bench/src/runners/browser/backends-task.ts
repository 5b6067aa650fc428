/**
 * @module runners/browser/backends-task — the page's host for the `backends` workload (bundled by the host as
 * `/backends.js`, loaded by the page only when the workload runs): tfjs's `wasm`, `webgl` and `webgpu` backends,
 * selected by `@weft/browser/tfjs`; the workload measures them with the same code as in Node.
 * tfjs-layers and tfjs-core's gradients are bundled here for the CNN step; the wasm binaries come from the host's
 * `/tfjs/`.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import * as tfl from '@tensorflow/tfjs-layers';
import { probeTfjsBackend, useTfjsBackend, type TfjsBackendName, type TfjsBackendProbe } from '@weft/browser/tfjs';
import type { LabelledData } from '@weft/core';
import type { PeakInputs } from '../../workloads/backends-flops.js';
import { reasonOf } from '../../workloads/backends-measure.js';
import type { PeakBasis } from '../../workloads/backends-phases.js';
import type { BackendsHost } from '../../workloads/host.js';
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

/**
 * The page's backends host: {@link BROWSER_BENCH_BACKENDS}, probed and selected by `@weft/browser/tfjs` with the wasm
 * binaries from the host's `/tfjs/`, measured on `digits` against the host machine's `peak`.
 */
export function pageBackendsHost(peak: PeakInputs, digits: LabelledData): BackendsHost {
  return {
    backends: BROWSER_BENCH_BACKENDS,
    peak,
    async openBackend(backend) {
      if (!BROWSER_BENCH_BACKENDS.includes(backend as TfjsBackendName))
        return { status: 'skipped', reason: `${backend} runs in Node, Deno and Bun, not in a page` };
      const options = { wasmPaths: new URL('/tfjs/', browser.location.origin).href, wasmThreads: 1 };
      const probe = await probeTfjsBackend(tf, backend as TfjsBackendName, options);
      if (probe.status !== 'available')
        return { status: 'skipped', reason: `${probe.status}: ${probe.reason ?? 'no reason given'}` };
      let selected: TfjsBackendProbe;
      try {
        selected = await useTfjsBackend(tf, backend as TfjsBackendName, options);
      } catch (error) {
        return { status: 'failed', reason: `probed available, then failed to select: ${reasonOf(error)}` };
      }
      const version = [selected.version, selected.detail].filter((s) => s !== undefined).join(', ');
      return {
        status: 'ready',
        env: {
          tf,
          backend,
          digits,
          layers: tfl,
          peak: peakBasis(selected, peak),
          ...(version === '' ? {} : { version }),
        },
      };
    },
    reference: () => undefined,
  };
}
