/**
 * @module platform — the few runtime facilities core needs (clock, timers, abort signals, runtime name),
 * typed here so that core compiles with `lib: ["ES2022"]` and no Node or DOM types.
 */

/** The part of the standard `AbortSignal` that Weft uses. Both Node's and the DOM's signals satisfy it. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** Opaque timer handle returned by {@link platform}.setTimeout. */
export type TimerHandle = unknown;

/** The runtimes Weft measures, plus `unknown` for anything else. */
export type RuntimeName = 'node' | 'deno' | 'bun' | 'chromium' | 'unknown';

interface StandardGlobals {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  queueMicrotask(callback: () => void): void;
  performance?: { now(): number };
  navigator?: { hardwareConcurrency?: number; userAgent?: string };
  Deno?: { version?: { deno?: string } };
  Bun?: { version?: string };
  process?: { versions?: { node?: string } };
  SharedArrayBuffer?: unknown;
  crossOriginIsolated?: boolean;
}

const globals = globalThis as unknown as StandardGlobals;

/** Standard timers and clock, available in every runtime Weft supports. */
export const platform = {
  /** Milliseconds from an arbitrary origin, with sub-millisecond resolution where the runtime gives it. */
  now(): number {
    return globals.performance ? globals.performance.now() : Date.now();
  },
  setTimeout(callback: () => void, ms: number): TimerHandle {
    return globals.setTimeout(callback, ms);
  },
  clearTimeout(handle: TimerHandle): void {
    globals.clearTimeout(handle);
  },
  queueMicrotask(callback: () => void): void {
    globals.queueMicrotask(callback);
  },
} as const;

/** Which runtime this code runs in, with its version (`''` when unknown). */
export function detectRuntime(): { readonly name: RuntimeName; readonly version: string } {
  if (globals.Deno?.version?.deno) return { name: 'deno', version: globals.Deno.version.deno };
  if (typeof globals.Bun?.version === 'string') return { name: 'bun', version: globals.Bun.version };
  if (globals.process?.versions?.node) return { name: 'node', version: globals.process.versions.node };
  const agent = globals.navigator?.userAgent ?? '';
  const chrome = /Chrom(?:e|ium)\/([\d.]+)/.exec(agent);
  if (chrome?.[1]) return { name: 'chromium', version: chrome[1] };
  return { name: 'unknown', version: '' };
}

/** True when `SharedArrayBuffer` exists and may be shared with workers (in browsers: cross-origin isolated). */
export function sharedMemoryAvailable(): boolean {
  if (typeof globals.SharedArrayBuffer !== 'function') return false;
  return globals.crossOriginIsolated !== false;
}

/** Logical cores reported by the runtime (`navigator.hardwareConcurrency`), or 1 when unknown. */
export function hardwareConcurrency(): number {
  const n = globals.navigator?.hardwareConcurrency;
  return typeof n === 'number' && n > 0 ? n : 1;
}
