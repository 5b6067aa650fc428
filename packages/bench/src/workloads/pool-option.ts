/** @module workloads/pool-option — the `--pool` option of the workloads that train on workers in one process. */
import { detectRuntime } from '@weft/core';
import type { OptionSpec } from '../workload.js';
import { everyProfile } from '../workload.js';

/** True in Deno: copying messages through its Node-compatible `worker_threads` is far slower than its Web Workers. */
const isDeno = detectRuntime().name === 'deno';

/**
 * `--pool worker-threads|web-workers`: where the workers run. Default: Weft's Web Worker pool in Deno, whose
 * `node:worker_threads` copies messages tens of times slower (see the README), `node:worker_threads` elsewhere.
 */
export const poolOption: OptionSpec = {
  name: 'pool',
  kind: 'string',
  description: 'where the workers run: worker-threads (node:worker_threads) or web-workers (Deno, Bun)',
  choices: ['worker-threads', 'web-workers'],
  defaults: everyProfile(isDeno ? 'web-workers' : 'worker-threads'),
};
