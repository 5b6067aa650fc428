/**
 * @module runners/browser/globals — the few browser APIs the page and its workers use, typed here because the
 * bench compiles without the DOM library (its Node code must not see DOM types).
 */

/** A message event as the page and the workers see it. */
export interface MessageEventLike {
  readonly data: unknown;
}

/** The part of the standard `Worker` the browser workloads use. */
export interface BrowserWorker {
  postMessage(message: unknown, transfer?: unknown[]): void;
  terminate(): void;
  addEventListener(type: 'message', listener: (event: MessageEventLike) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEventLike) => void): void;
}

/** The browser globals the page needs. */
export interface BrowserGlobals {
  readonly Worker: new (url: string, options?: { type: 'module' }) => BrowserWorker;
  readonly location: { readonly origin: string };
  readonly crossOriginIsolated?: boolean;
  readonly navigator: { readonly hardwareConcurrency?: number; readonly userAgent: string };
}

/** The worker-side globals: the scope a dedicated worker runs in. */
export interface WorkerScope {
  postMessage(message: unknown, transfer?: unknown[]): void;
  addEventListener(type: 'message', listener: (event: MessageEventLike) => void): void;
}

/** This page's globals. */
export const browser = globalThis as unknown as BrowserGlobals;

/** This worker's scope. */
export const workerScope = globalThis as unknown as WorkerScope;
