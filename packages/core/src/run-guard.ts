/** @module run-guard — abort signals and time limits for one task, shared by every executor. */
import { WeftError } from './errors.js';
import { platform, type AbortSignalLike } from './platform.js';

/** The error a task is rejected with when its signal aborts. */
export function abortedError(task: string, signal: AbortSignalLike): WeftError {
  return new WeftError('ABORTED', `task ${task} was aborted`, { cause: signal.reason, task });
}

/** The error a task is rejected with when it exceeds its time limit. */
export function timeoutError(task: string, timeoutMs: number): WeftError {
  return new WeftError('TIMEOUT', `task ${task} did not finish within ${timeoutMs} ms`, { task });
}

/**
 * Calls `onFail` once with `ABORTED` when `signal` aborts, or with `TIMEOUT` after `timeoutMs` (counted from now).
 * Returns a function that disarms both; call it when the task settles.
 */
export function guardRun(
  task: string,
  options: { readonly signal?: AbortSignalLike | undefined; readonly timeoutMs?: number | undefined },
  onFail: (error: WeftError) => void,
): () => void {
  const { signal, timeoutMs } = options;
  let done = false;
  const fail = (error: WeftError) => {
    if (done) return;
    disarm();
    onFail(error);
  };
  const onAbort = () => fail(abortedError(task, signal as AbortSignalLike));
  const timer =
    timeoutMs === undefined ? undefined : platform.setTimeout(() => fail(timeoutError(task, timeoutMs)), timeoutMs);
  signal?.addEventListener('abort', onAbort, { once: true });
  function disarm(): void {
    done = true;
    if (timer !== undefined) platform.clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
  return disarm;
}
