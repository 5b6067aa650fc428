/**
 * @module backends-numpy — a non-JavaScript reference for the `backends` workload: NumPy's matMul (its BLAS) in a
 * `python3` child process, timed in the same three phases, on one thread and on every core. Node only.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { unmeasuredCase, type CaseResult } from '@weft/core/study';
import { matMulFlops, type PeakInputs } from './backends-flops.js';
import { reasonOf } from './backends-measure.js';
import { NUMPY_REFERENCE } from './backends.js';
import { BACKENDS_WORKLOAD, backendCase, MIN_STEADY_SAMPLES, type PhasePlan, type Phases } from './backends-phases.js';

const run = promisify(execFile);

/** Times `a @ b` (float32) per size in the three phases and prints `{ numpy, python, cases: [{ n, firstMs, ... }] }`. */
const SCRIPT = `
import json, sys, time
import numpy as np
sizes, warmup, samples, budget, least = json.loads(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
rng = np.random.default_rng(1)
out = {"numpy": np.__version__, "python": sys.version.split()[0], "cases": []}
for n in sizes:
    a = rng.uniform(-1, 1, (n, n)).astype(np.float32)
    b = rng.uniform(-1, 1, (n, n)).astype(np.float32)
    def once():
        t = time.perf_counter()
        c = a @ b
        return (time.perf_counter() - t) * 1000
    first = once()
    warm = [once() for _ in range(warmup)]
    steady, start = [], time.perf_counter()
    while len(steady) < samples:
        steady.append(once())
        if len(steady) >= least and (time.perf_counter() - start) * 1000 > budget:
            break
    out["cases"].append({"n": n, "firstMs": first, "warmupMs": warm, "steadyMs": steady})
print(json.dumps(out))
`;

interface NumpyOutput {
  readonly numpy: string;
  readonly python: string;
  readonly cases: ReadonlyArray<{ readonly n: number } & Phases>;
}

/** The environment variables that cap NumPy's BLAS (OpenBLAS, MKL, BLIS via OpenMP) at `threads`. */
export function blasThreadEnv(threads: number): Record<string, string> {
  const t = String(threads);
  return { OPENBLAS_NUM_THREADS: t, OMP_NUM_THREADS: t, MKL_NUM_THREADS: t, BLIS_NUM_THREADS: t };
}

/**
 * NumPy's matMul for every size, once with one BLAS thread and once with one per core, as `backend: 'numpy'`
 * cases labelled as a non-JavaScript reference. Without `python3` or NumPy: one `skipped` case with the reason.
 */
export async function numpyReference(
  sizes: readonly number[],
  phases: PhasePlan,
  peak: PeakInputs,
  timeoutMs: number,
): Promise<CaseResult[]> {
  const cases: CaseResult[] = [];
  for (const threads of [...new Set([1, peak.cores])]) {
    let output: NumpyOutput;
    try {
      const args = [
        '-c',
        SCRIPT,
        JSON.stringify(sizes),
        String(phases.warmup),
        String(phases.samples),
        String(phases.budgetMs),
        String(MIN_STEADY_SAMPLES),
      ];
      const { stdout } = await run('python3', args, {
        timeout: timeoutMs,
        env: { ...process.env, ...blasThreadEnv(threads) },
      });
      output = JSON.parse(stdout) as NumpyOutput;
    } catch (error) {
      const e = error as { code?: unknown; stderr?: string };
      const why =
        e.code === 'ENOENT'
          ? 'python3 is not installed'
          : /No module named .?numpy/.test(e.stderr ?? '')
            ? 'python3 has no numpy (pip install numpy)'
            : `python3 failed: ${(e.stderr ?? '').trim().split('\n').pop() || reasonOf(error)}`;
      return [
        unmeasuredCase(
          'skipped',
          {
            workload: BACKENDS_WORKLOAD,
            strategy: 'matMul',
            backend: NUMPY_REFERENCE,
            parameters: { reference: 'non-JS' },
          },
          why,
        ),
      ];
    }
    for (const c of output.cases) {
      const parameters = { n: c.n, reference: `non-JS: numpy ${output.numpy}, python ${output.python}` };
      cases.push(
        backendCase(
          {
            strategy: 'matMul',
            backend: NUMPY_REFERENCE,
            parameters,
            flops: matMulFlops(c.n),
            peak: { threads, inputs: peak },
          },
          c,
        ),
      );
    }
  }
  return cases;
}
