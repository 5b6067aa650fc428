/**
 * @module hosts/node/backends-host — what Node, Deno and Bun give the `backends` workload: `@weft/node/tfjs`'s
 * backends (`cpu`, `wasm`, `tensorflow`, `cuda`), probed and selected on this thread with the MNIST digits and
 * tfjs-layers, the machine's peak from `/proc/cpuinfo`, and NumPy (python3) as a non-JavaScript reference in Node.
 */
import { detectRuntime } from '@weft/core';
import { unmeasuredCase } from '@weft/core/study';
import { TFJS_BACKENDS, useTfjsBackend, type TfjsBackendName, type TfjsBackendProbe } from '@weft/node/tfjs';
import { loadMnist } from '../../data/mnist.js';
import { NUMPY_REFERENCE } from '../../workloads/backends.js';
import { reasonOf } from '../../workloads/backends-measure.js';
import { numpyReference } from '../../workloads/backends-numpy.js';
import { hostPeakInputs } from '../../workloads/backends-peak.js';
import { BACKENDS_WORKLOAD } from '../../workloads/backends-phases.js';
import type { BackendsHost, OpenedBackend } from '../../workloads/host.js';
import { importTfjs, probeBackend } from '../../workloads/tfjs-modules.js';

/** Threads a backend computes with: 1 for `cpu` and (single-threaded) `wasm`, the intra-op pool for the native ones. */
function backendThreads(backend: string, cores: number): number {
  if (backend === 'cpu' || backend === 'wasm') return 1;
  // libtensorflow sizes its intra-op pool from TF_NUM_INTRAOP_THREADS when set, else from the cores.
  const intraOp = Number(process.env['TF_NUM_INTRAOP_THREADS']);
  return Number.isInteger(intraOp) && intraOp > 0 ? intraOp : cores;
}

/** Probes `backend`, selects it on this thread and gives what its cases need, or why it cannot run. */
async function openNodeBackend(
  backend: string,
  probe: TfjsBackendProbe,
  peak: BackendsHost['peak'],
): Promise<OpenedBackend> {
  if (probe.status !== 'available')
    return { status: 'skipped', reason: `${probe.status}: ${probe.reason ?? 'no reason given'}` };
  const tfjs = await importTfjs().catch((error: unknown) => reasonOf(error));
  if (typeof tfjs === 'string') return { status: 'skipped', reason: tfjs };
  const tf = tfjs.tfc;
  try {
    await useTfjsBackend(tf, backend as TfjsBackendName, { quiet: true });
  } catch (error) {
    return { status: 'failed', reason: `${backend} did not initialise: ${reasonOf(error)}` };
  }
  const { train } = await loadMnist();
  // Which wasm binary runs (SIMD or not) matters as much as its version.
  const simd =
    backend === 'wasm'
      ? `, ${(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true ? 'SIMD' : 'no SIMD'} binary, 1 thread`
      : '';
  return {
    status: 'ready',
    env: {
      tf,
      backend,
      digits: train,
      // tfjs-layers' builders; loading tfjs-layers registers the gradients the CNN needs.
      layers: tfjs.tf,
      // cuda computes on the GPU: no CPU peak applies to it.
      peak: { threads: backendThreads(backend, peak.cores), ...(backend === 'cuda' ? {} : { inputs: peak }) },
      ...(probe.version === undefined ? {} : { version: `${probe.version}${simd}` }),
    },
  };
}

/**
 * The backends host of Node, Deno and Bun. cuda is probed first, before anything loads: once tfjs-node has loaded,
 * tfjs-node-gpu cannot, and the probe would give that instead of the host's own reason (no device, no CUDA
 * libraries, package not installed).
 */
export async function openNodeBackends(): Promise<BackendsHost> {
  const cuda = await probeBackend('cuda');
  const peak = hostPeakInputs();
  return {
    backends: [...TFJS_BACKENDS, NUMPY_REFERENCE],
    peak,
    async openBackend(backend) {
      if (!TFJS_BACKENDS.includes(backend as TfjsBackendName))
        return {
          status: 'skipped',
          reason: `${backend} runs in a browser page, not here (${TFJS_BACKENDS.join(', ')})`,
        };
      const probe = backend === 'cuda' ? cuda : await probeBackend(backend as TfjsBackendName);
      return openNodeBackend(backend, probe, peak);
    },
    reference(backend, plan, progress) {
      if (backend !== NUMPY_REFERENCE) return undefined;
      if (detectRuntime().name !== 'node') {
        const identity = {
          workload: BACKENDS_WORKLOAD,
          strategy: 'matMul',
          backend,
          parameters: { reference: 'non-JS' },
        };
        return Promise.resolve([unmeasuredCase('skipped', identity, 'the NumPy reference runs in Node only')]);
      }
      if (!plan.ops.includes('matMul')) return Promise.resolve([]);
      progress(`backends: ${NUMPY_REFERENCE} matMul (python3, a non-JS reference)`);
      return numpyReference(plan.sizes, plan.phases, peak, plan.caseTimeoutMs);
    },
  };
}
