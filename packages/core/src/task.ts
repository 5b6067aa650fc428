/**
 * @module task — a task is a named export of an ES module, found by module URL and export name,
 * so the same task module runs on the calling thread or in a worker of any runtime.
 */
import { WeftError, describeError } from './errors.js';
import { trackTaskImport } from './worker-realm.js';

/** Anything that may appear in a transfer list (`ArrayBuffer`, `MessagePort`, …). */
export type TransferItem = object;

/**
 * A reference to a task: the URL of the module that exports it and the export's name.
 * `I` and `O` are the task's input and output types (compile-time only).
 */
export interface TaskRef<I = unknown, O = unknown> {
  /** Absolute URL of the ES module (usually `import.meta.url` of the task module). */
  readonly module: string;
  /** Name of the exported function. */
  readonly name: string;
  /**
   * True when running the task twice with the same input is harmless (it has no side effects, or they are
   * idempotent). Executors that can lose a running task without knowing whether it ran (a cluster whose agent died)
   * run an idempotent task again elsewhere and reject any other with `WORKER_CRASHED`. Default `false`.
   */
  readonly idempotent?: boolean;
  /** Phantom member carrying the input and output types; never set. */
  readonly types?: (input: I) => O;
}

/**
 * The function a task module exports. It receives the input (structured-cloned or transferred when it ran
 * in a worker) and returns the output, or a promise of it. Return {@link withTransfer} to transfer buffers back.
 */
export type TaskFunction<I = unknown, O = unknown> = (
  input: I,
) => O | Promise<O> | TransferResult<O> | Promise<TransferResult<O>>;

/** A task's result together with the buffers to transfer (not copy) back to the caller. */
export interface TransferResult<T> {
  readonly weftTransfer: true;
  readonly value: T;
  readonly transfer: readonly TransferItem[];
}

/** Options of {@link defineTask}. */
export interface DefineTaskOptions {
  /** The task may run more than once for one call without harm (see {@link TaskRef.idempotent}). Default `false`. */
  readonly idempotent?: boolean;
}

/**
 * Names a task: the module that exports it (its URL, usually `import.meta.url`, or the name given to
 * {@link registerTaskModule}) and the export's name.
 *
 * @example
 * ```ts
 * // tasks.ts
 * export function square(n: number) { return n * n; }
 * export const squareTask = defineTask<number, number>(import.meta.url, 'square');
 * // safe to run again if a cluster agent dies mid-task:
 * export const squareAgainTask = defineTask<number, number>(import.meta.url, 'square', { idempotent: true });
 * ```
 */
export function defineTask<I, O>(
  module: string | { readonly href: string },
  name: string,
  options: DefineTaskOptions = {},
): TaskRef<I, O> {
  const href = typeof module === 'string' ? module : module.href;
  checkModuleName(href);
  if (name.length === 0) throw new WeftError('INVALID_ARGUMENT', 'task name must not be empty');
  return options.idempotent === true ? { module: href, name, idempotent: true } : { module: href, name };
}

/** Throws `INVALID_ARGUMENT` unless `href` is an absolute URL (or a `scheme:name` given to registerTaskModule). */
function checkModuleName(href: string): void {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(href)) {
    throw new WeftError(
      'INVALID_ARGUMENT',
      `task module must be an absolute URL (got "${href}"): pass import.meta.url`,
    );
  }
}

/** `module#name`: how errors and reports name a task. */
export function taskLabel(task: Pick<TaskRef, 'module' | 'name'>): string {
  const file = task.module.slice(task.module.lastIndexOf('/') + 1);
  return `${file}#${task.name}`;
}

/** Marks `value` so that the buffers in `transfer` are moved, not copied, back to the caller. */
export function withTransfer<T>(value: T, transfer: readonly TransferItem[]): TransferResult<T> {
  return { weftTransfer: true, value, transfer };
}

/** True when `result` was made by {@link withTransfer}. */
export function isTransferResult(result: unknown): result is TransferResult<unknown> {
  return typeof result === 'object' && result !== null && (result as { weftTransfer?: unknown }).weftTransfer === true;
}

const modules = new Map<string, Promise<Record<string, unknown>>>();

/** Task modules registered in this realm by {@link registerTaskModule}, shared by every copy of `@weft/core` in it. */
const REGISTERED = Symbol.for('weft.registeredTaskModules');

function registered(): Map<string, Record<string, unknown>> {
  const realm = globalThis as unknown as Record<symbol, Map<string, Record<string, unknown>> | undefined>;
  return (realm[REGISTERED] ??= new Map<string, Record<string, unknown>>());
}

/**
 * Makes a module's exports the tasks of `module` in this realm, so that workers find them without importing
 * anything: the way to run tasks from a bundle, whose code has no URL of its own to import. Call it in a worker entry
 * that bundles the task functions, and define the tasks under the same name on the caller's side.
 *
 * @param module - the name the caller's task references use, a URL or any `scheme:name` (e.g. `"bundle:tasks"`)
 * @param exports - the module's exports (`import * as tasks from './tasks.js'`)
 * @throws `INVALID_ARGUMENT` when `module` has no scheme or `exports` is not an object
 *
 * @example
 * ```ts
 * // weft-worker.js, started with createWorker: () => new Worker(new URL('./weft-worker.js', import.meta.url), { type: 'module' })
 * import '@weft/browser/worker';
 * import { registerTaskModule } from '@weft/core';
 * import * as tasks from './tasks.js';
 * registerTaskModule('bundle:tasks', tasks);
 * // on the page: const squareTask = defineTask<number, number>('bundle:tasks', 'square');
 * ```
 */
export function registerTaskModule(module: string, exports: Record<string, unknown>): void {
  checkModuleName(module);
  if (typeof exports !== 'object' || exports === null) {
    throw new WeftError(
      'INVALID_ARGUMENT',
      `registerTaskModule("${module}") needs the module's exports as an object (import * as tasks from ...)`,
    );
  }
  registered().set(module, exports);
}

/**
 * Imports a task's module (once per thread; later calls hit a cache) and returns its function.
 * Rejects with `TASK_NOT_FOUND` when the module cannot be imported or has no such function export.
 */
export async function loadTask(task: Pick<TaskRef, 'module' | 'name'>): Promise<TaskFunction> {
  let loading = modules.get(task.module);
  const own = registered().get(task.module);
  if (loading === undefined && own !== undefined) loading = Promise.resolve(own);
  if (loading === undefined) {
    // Task modules are found at run time by URL: tell bundlers not to resolve this import at build time.
    loading = import(/* @vite-ignore */ /* webpackIgnore: true */ task.module) as Promise<Record<string, unknown>>;
    modules.set(task.module, loading);
    trackTaskImport(task.module, loading);
    loading.catch(() => modules.delete(task.module));
  }
  let mod: Record<string, unknown>;
  try {
    mod = await loading;
  } catch (cause) {
    throw new WeftError('TASK_NOT_FOUND', `cannot import task module ${task.module}: ${describeError(cause)}`, {
      cause,
      task: taskLabel(task),
    });
  }
  const fn = mod[task.name];
  if (typeof fn !== 'function') {
    throw new WeftError('TASK_NOT_FOUND', `${task.module} has no exported function "${task.name}"`, {
      task: taskLabel(task),
    });
  }
  return fn as TaskFunction;
}

/** Runs a task function and splits its result into value and transfer list. */
export async function callTask(
  fn: TaskFunction,
  input: unknown,
): Promise<{ value: unknown; transfer: readonly TransferItem[] }> {
  const result = await fn(input);
  return isTransferResult(result)
    ? { value: result.value, transfer: result.transfer }
    : { value: result, transfer: [] };
}
