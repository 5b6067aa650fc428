/**
 * @module worker-realm — what keeps a worker from starting a pool of its own by accident. A page bundle that holds
 * its task functions gives them the bundle's URL, so each worker imports the whole page to find a task, the page
 * starts a pool, and every worker starts more workers. While a Weft worker imports a task module, creating a pool
 * fails instead, with an error that names the module.
 *
 * The marks live on `globalThis` under `Symbol.for` keys: the worker entry and the page bundle it imports may each
 * hold their own copy of `@weft/core`.
 */
import { WeftError } from './errors.js';

const WORKER_REALM = Symbol.for('weft.workerRealm');
const IMPORTING = Symbol.for('weft.importingTaskModule');

const marks = globalThis as unknown as Record<symbol, unknown>;

/** Marks this realm as a Weft worker (called by {@link createWorkerLoop}). */
export function markWorkerRealm(): void {
  marks[WORKER_REALM] = true;
}

/** In a Weft worker, records that `module` is being imported until `loading` settles; elsewhere does nothing. */
export function trackTaskImport(module: string, loading: Promise<unknown>): void {
  if (marks[WORKER_REALM] !== true) return;
  marks[IMPORTING] = module;
  const clear = (): void => {
    if (marks[IMPORTING] === module) delete marks[IMPORTING];
  };
  loading.then(clear, clear);
}

/**
 * Throws `UNSUPPORTED` when called while a Weft worker imports a task module: that module starts a pool as it loads.
 */
export function checkNotImportingTask(): void {
  const module = marks[IMPORTING];
  if (typeof module !== 'string') return;
  throw new WeftError(
    'UNSUPPORTED',
    `a worker pool was started while a worker imported the task module ${module}: that module starts a pool when it loads (a page bundle that holds its tasks?), so every worker would start more workers; keep task functions in a module of their own, bundled as its own entry point`,
  );
}
