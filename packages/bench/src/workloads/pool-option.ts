/**
 * @module workloads/pool-option — where the training workloads run their workers: `node:worker_threads`, Weft's Web
 * Worker pool (Deno, Bun, a page) or child processes; the `--pools` option and what `auto` and `threads` mean on a
 * runtime. Browser-safe: each runtime's pools are opened by its host.
 */
import type { OptionSpec } from '../workload.js';
import { TRAIN_POOLS, type RuntimePools, type TrainPool } from './train-pool.js';

const POOL_DESCRIPTION =
  'auto (every pool this runtime has), threads (its own thread pool: web-workers in Deno and Chromium, worker-threads elsewhere), worker-threads, web-workers, processes (child processes, one backend each) or cluster (@weft/cluster on this machine: a private redis-server and one agent process per worker; never in auto)';

/**
 * `--pools`: the pools a workload compares, by default every pool of the runtime (`auto`: its threads against
 * processes; in Bun both thread pools; in a page its web workers). The smoke profile runs the runtime's own thread
 * pool only (`threads`), with processes too when `smokeProcesses`.
 */
export function poolsOption(smokeProcesses: boolean) {
  return {
    name: 'pools',
    kind: 'string-list',
    description: `where the data-parallel parts run: ${POOL_DESCRIPTION}`,
    choices: ['auto', 'threads', ...TRAIN_POOLS],
    defaults: { smoke: smokeProcesses ? 'threads,processes' : 'threads', quick: 'auto', full: 'auto' },
  } as const satisfies OptionSpec;
}

/** The pools `--pools` names on a runtime with `pools`, each once, in the order given (`auto` and `threads` expanded). */
export function resolvePools(asked: readonly string[], pools: RuntimePools): TrainPool[] {
  const named = asked.flatMap((name) =>
    name === 'auto' ? pools.all : name === 'threads' ? [pools.threads] : [name as TrainPool],
  );
  return [...new Set(named)];
}
