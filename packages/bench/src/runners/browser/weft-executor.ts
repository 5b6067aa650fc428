/** @module runners/browser/weft-executor — Weft's web-worker executor, from the bundle the host built beside the page. */
import type { Executor } from '@weft/core';
import { browser } from './globals.js';

const origin = browser.location.origin;

/**
 * Loads `@weft/browser`'s `webWorkerExecutor` (see runners/browser-bundle.ts) and returns how to open a pool of
 * `threads` workers; rejects with `weftUnavailable` when the host could not bundle it.
 */
export async function weftExecutorOpener(weftUnavailable: string | undefined): Promise<(threads: number) => Executor> {
  if (weftUnavailable !== undefined) throw new Error(weftUnavailable);
  const { webWorkerExecutor } = (await import(`${origin}/weft-browser.js`)) as {
    webWorkerExecutor: (o: { size: number; workerUrl: string }) => Executor;
  };
  return (threads) => webWorkerExecutor({ size: threads, workerUrl: `${origin}/weft-worker.js` });
}

/** A pool of `threads` of Weft's web workers. */
export async function weftExecutor(threads: number, weftUnavailable: string | undefined): Promise<Executor> {
  return (await weftExecutorOpener(weftUnavailable))(threads);
}
