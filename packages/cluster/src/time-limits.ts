/** @module time-limits — waits that give up: closing must not wait for a Redis that is gone. */

/** The value of `promise` if it resolves within `ms`, else undefined; never rejects. */
export async function withinMs<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([promise.catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits for `promise` to settle, at most `ms`; never rejects. */
export async function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  await withinMs(promise, ms);
}

/** How long closing waits for BullMQ's objects to close before it drops their connections. */
export const CLOSE_LIMIT_MS = 2_000;
