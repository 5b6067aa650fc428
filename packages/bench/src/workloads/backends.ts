/**
 * @module backends — what the library's own parallelism gives: matMul n×n and one conv2d (GFLOP/s next to the
 * machine's theoretical fp32 peak), and one training step of the MNIST MLP and of a small CNN (ms/step, samples/s),
 * on each tfjs backend of the runtime (`cpu`, `wasm`, `tensorflow` and `cuda` where it can run in Node, Deno and Bun;
 * `wasm`, `webgl` and `webgpu` in a page), plus NumPy as a non-JavaScript reference beside Node. Runtime-neutral: the
 * backends are probed and selected by the host (`WorkloadHost.openBackends`) and measured by the same code
 * (`backends-measure.ts`) everywhere.
 */
import { unmeasuredCase, type CaseResult } from '@weft/core/study';
import { defineWorkload, everyProfile, type OptionSpec, type Workload } from '../workload.js';
import { backendPlan, measureBackend } from './backends-measure.js';
import { BACKEND_OPS, BACKENDS_WORKLOAD, peakCase } from './backends-phases.js';
import { trainModelSpec } from './mnist-models.js';

/** The non-JavaScript reference Node runs beside its backends. */
export const NUMPY_REFERENCE = 'numpy';

/** Every backend `--backends` may name, in some runtime (a backend the runtime lacks is skipped with the reason). */
export const BENCH_BACKENDS = ['cpu', 'wasm', 'tensorflow', 'cuda', 'webgl', 'webgpu', NUMPY_REFERENCE] as const;

/** The backends `asked` names on a host with `auto` = `here`, each once, in the order given. */
export function resolveBackends(asked: readonly string[], here: readonly string[]): string[] {
  return [...new Set(asked.flatMap((name) => (name === 'auto' ? here : [name])))];
}

/** The options of `backends`. */
const BACKENDS_OPTIONS = [
  {
    name: 'backends',
    kind: 'string-list',
    description: `backends to measure (auto: every tfjs backend of the runtime, and ${NUMPY_REFERENCE} (python3) as a non-JS reference beside Node)`,
    choices: ['auto', ...BENCH_BACKENDS],
    defaults: everyProfile('auto'),
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
] as const satisfies readonly OptionSpec[];

/** The `backends` workload, in every runtime. */
export const backendsWorkload: Workload = defineWorkload({
  name: BACKENDS_WORKLOAD,
  question: "What does the library's own parallelism give?",
  options: BACKENDS_OPTIONS,
  async run(context) {
    const progress = (message: string) => context.progress(message);
    const plan = backendPlan(context.options);
    const host = await context.host.openBackends();
    const cases: CaseResult[] = [peakCase(host.peak)];
    for (const backend of resolveBackends(context.options.backends, host.backends)) {
      const reference = host.reference(backend, plan, progress);
      if (reference !== undefined) {
        cases.push(...(await reference));
        continue;
      }
      progress(`backends: selecting ${backend}`);
      const opened = await host.openBackend(backend, plan);
      if (opened.status !== 'ready') {
        cases.push(
          unmeasuredCase(opened.status, { workload: BACKENDS_WORKLOAD, strategy: 'all', backend }, opened.reason),
        );
        continue;
      }
      const env = { ...opened.env, mlp: trainModelSpec(plan.seed), progress };
      cases.push(...(await measureBackend(env, plan)));
    }
    return cases;
  },
});
