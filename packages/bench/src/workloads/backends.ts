/**
 * @module backends — what the library's own parallelism gives: matMul n×n and one conv2d (GFLOP/s next to the
 * machine's theoretical fp32 peak), and one training step of the MNIST MLP and of a small CNN (ms/step, samples/s),
 * on each tfjs backend of this runtime (`cpu`, `wasm`, `tensorflow`; `cuda` where it can run), plus NumPy as a
 * non-JavaScript reference in Node.
 */
import { detectRuntime } from '@weft/core';
import { unmeasuredCase, type CaseResult } from '@weft/core/study';
import { useTfjsBackend, type TfjsBackendProbe } from '@weft/node/tfjs';
import { loadMnist } from '../data/mnist.js';
import { everyProfile, type Workload, type WorkloadContext } from '../workload.js';
import type { PeakInputs } from './backends-flops.js';
import { backendPlan, measureBackend, reasonOf, type BackendPlan } from './backends-measure.js';
import { BACKEND_OPS, BACKENDS_WORKLOAD, peakCase } from './backends-phases.js';
import { NUMPY_REFERENCE, numpyReference } from './backends-numpy.js';
import { hostPeakInputs } from './backends-peak.js';
import { trainModelSpec } from './mnist-models.js';
import { importTfjs, probeBackend, type TfjsModules } from './tfjs-modules.js';

/** The backends this workload knows in Node, Deno and Bun, and the NumPy reference. */
export const NODE_BENCH_BACKENDS = ['cpu', 'wasm', 'tensorflow', 'cuda', NUMPY_REFERENCE] as const;

/** A name of {@link NODE_BENCH_BACKENDS}. */
export type NodeBenchBackend = (typeof NODE_BENCH_BACKENDS)[number];

/** Threads a backend computes with: 1 for `cpu` and (single-threaded) `wasm`, the intra-op pool for the native ones. */
export function backendThreads(backend: string, cores: number): number {
  if (backend === 'cpu' || backend === 'wasm') return 1;
  // libtensorflow sizes its intra-op pool from TF_NUM_INTRAOP_THREADS when set, else from the cores.
  const intraOp = Number(process.env['TF_NUM_INTRAOP_THREADS']);
  return Number.isInteger(intraOp) && intraOp > 0 ? intraOp : cores;
}

/** Selects `backend` (after probing it) and measures it; an unavailable backend is one `skipped` case with the probe's reason. */
async function runBackend(
  context: WorkloadContext,
  backend: Exclude<NodeBenchBackend, 'numpy'>,
  plan: BackendPlan,
  shared: { peak: PeakInputs; probes: ReadonlyMap<string, TfjsBackendProbe> },
): Promise<CaseResult[]> {
  const whole = (status: 'skipped' | 'failed', reason: string) => [
    unmeasuredCase(status, { workload: BACKENDS_WORKLOAD, strategy: 'all', backend }, reason),
  ];
  const probe = shared.probes.get(backend) ?? (await probeBackend(backend));
  if (probe.status !== 'available') return whole('skipped', `${probe.status}: ${probe.reason ?? 'no reason given'}`);
  let tfjs: TfjsModules;
  try {
    tfjs = await importTfjs();
  } catch (error) {
    return whole('skipped', reasonOf(error));
  }
  const tf = tfjs.tfc;
  try {
    await useTfjsBackend(tf, backend, { quiet: true });
  } catch (error) {
    return whole('failed', `${backend} did not initialise: ${reasonOf(error)}`);
  }
  const { train } = await loadMnist();
  // Which wasm binary runs (SIMD or not) matters as much as its version.
  const simd =
    backend === 'wasm'
      ? `, ${(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true ? 'SIMD' : 'no SIMD'} binary, 1 thread`
      : '';
  return measureBackend(
    {
      tf,
      backend,
      digits: train,
      mlp: trainModelSpec(plan.seed),
      // tfjs-layers' builders; loading tfjs-layers registers the gradients the CNN needs.
      layers: tfjs.tf,
      // cuda computes on the GPU: no CPU peak applies to it.
      peak: {
        threads: backendThreads(backend, shared.peak.cores),
        ...(backend === 'cuda' ? {} : { inputs: shared.peak }),
      },
      progress: (m) => context.progress(m),
      ...(probe.version === undefined ? {} : { version: `${probe.version}${simd}` }),
    },
    plan,
  );
}

/** The `backends` workload in Node, Deno and Bun. */
export const backendsWorkload: Workload = {
  name: BACKENDS_WORKLOAD,
  question: "What does the library's own parallelism give?",
  options: [
    {
      name: 'backends',
      kind: 'string-list',
      description: `tfjs backends to measure, and ${NUMPY_REFERENCE} (python3) as a non-JS reference in Node`,
      choices: NODE_BENCH_BACKENDS,
      defaults: everyProfile(NODE_BENCH_BACKENDS.join(',')),
    },
    {
      name: 'ops',
      kind: 'string-list',
      description: 'operations to measure',
      choices: BACKEND_OPS,
      defaults: everyProfile(BACKEND_OPS.join(',')),
    },
    {
      name: 'sizes',
      kind: 'int-list',
      description: 'matMul sizes n (n×n by n×n)',
      defaults: { smoke: '64,128', quick: '256,512,1024', full: '256,512,1024,2048' },
    },
    {
      name: 'conv-batch',
      kind: 'positive-int',
      description: 'batch of the conv2d (28×28×32 → 3×3×64, same)',
      defaults: { smoke: '2', quick: '32', full: '32' },
    },
    {
      name: 'batch',
      kind: 'positive-int',
      description: 'digits per training step (MLP and CNN)',
      defaults: { smoke: '32', quick: '128', full: '128' },
    },
    {
      name: 'warmup',
      kind: 'positive-int',
      description: 'warm-up runs after the first run, at most',
      defaults: { smoke: '1', quick: '3', full: '5' },
    },
    {
      name: 'samples',
      kind: 'positive-int',
      description: 'steady-state runs per case at most',
      defaults: { smoke: '3', quick: '10', full: '30' },
    },
    {
      name: 'budget-ms',
      kind: 'positive-int',
      description: 'the warm-up stops after this many ms (at least 1 run), the steady state too (at least 3 runs)',
      defaults: { smoke: '200', quick: '2000', full: '10000' },
    },
    {
      name: 'case-timeout-s',
      kind: 'positive-int',
      description: 'a case still running after this long is failed',
      defaults: everyProfile('300'),
    },
    { name: 'seed', kind: 'positive-int', description: 'seed of the inputs and weights', defaults: everyProfile('1') },
  ],
  async run(context) {
    const plan = backendPlan(context.options);
    const peak = hostPeakInputs();
    const cases: CaseResult[] = [peakCase(peak)];
    // cuda is probed before anything loads: once tfjs-node has loaded, tfjs-node-gpu cannot, and the probe would
    // give that instead of the host's own reason (no device, no CUDA libraries, package not installed).
    const selected = context.options['backends'] as readonly NodeBenchBackend[];
    const probes = new Map<string, TfjsBackendProbe>();
    if (selected.includes('cuda')) probes.set('cuda', await probeBackend('cuda'));
    const shared = { peak, probes };
    for (const backend of selected) {
      if (backend !== NUMPY_REFERENCE) {
        cases.push(...(await runBackend(context, backend, plan, shared)));
      } else if (detectRuntime().name !== 'node') {
        cases.push(
          unmeasuredCase(
            'skipped',
            { workload: BACKENDS_WORKLOAD, strategy: 'matMul', backend, parameters: { reference: 'non-JS' } },
            'the NumPy reference runs in Node only',
          ),
        );
      } else if (plan.ops.includes('matMul')) {
        context.progress(`backends: ${NUMPY_REFERENCE} matMul (python3, a non-JS reference)`);
        cases.push(...(await numpyReference(plan.sizes, plan.phases, peak, plan.caseTimeoutMs)));
      }
    }
    return cases;
  },
};
