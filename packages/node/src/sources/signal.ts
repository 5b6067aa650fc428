/** @module signal — turns Weft's `AbortSignalLike` into a Node `AbortSignal` for `fs` and `fetch`. */
import type { AbortSignalLike } from '@weft/core';

/** `signal` itself when it is a real `AbortSignal`, otherwise a real one that aborts with it. */
export function toAbortSignal(signal: AbortSignalLike | undefined): AbortSignal | undefined {
  if (signal === undefined || signal instanceof AbortSignal) return signal;
  const controller = new AbortController();
  if (signal.aborted) controller.abort(signal.reason);
  else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  return controller.signal;
}
