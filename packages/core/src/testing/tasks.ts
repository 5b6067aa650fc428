/**
 * @module testing/tasks — fixture tasks for the executor conformance suite. Each runs unchanged on the calling
 * thread or in a worker; the module is loaded once per thread, so {@link whichThread} tells threads apart.
 */
import { WeftError, type WeftErrorCode } from '../errors.js';
import { platform } from '../platform.js';
import { defineTask, withTransfer, type TransferResult } from '../task.js';

declare global {
  /** `import.meta.url` exists in every runtime Weft supports; core compiles without their types, so declare it. */
  interface ImportMeta {
    url: string;
  }
}

/** A token drawn once per thread (per module instance), so tasks can tell which thread ran them. */
const threadToken = `${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;

function sleepMs(ms: number): Promise<void> {
  return new Promise((resolve) => platform.setTimeout(resolve, ms));
}

/** Returns its input unchanged. */
export function echo<T>(input: T): T {
  return input;
}
/** Task reference of {@link echo}. */
export const echoTask = defineTask<unknown, unknown>(import.meta.url, 'echo');

/** Adds two numbers. */
export function add(input: { a: number; b: number }): number {
  return input.a + input.b;
}
/** Task reference of {@link add}. */
export const addTask = defineTask<{ a: number; b: number }, number>(import.meta.url, 'add');

/** Waits `ms` milliseconds, then resolves with `ms`. */
export async function sleep(ms: number): Promise<number> {
  await sleepMs(ms);
  return ms;
}
/** Task reference of {@link sleep}. */
export const sleepTask = defineTask<number, number>(import.meta.url, 'sleep');

/** Waits `ms` milliseconds, then resolves with `value` (for ordering tests). */
export async function delayedEcho(input: { value: unknown; ms: number }): Promise<unknown> {
  await sleepMs(input.ms);
  return input.value;
}
/** Task reference of {@link delayedEcho}. */
export const delayedEchoTask = defineTask<{ value: unknown; ms: number }, unknown>(import.meta.url, 'delayedEcho');

/** Throws a `WeftError` with the given code and message. */
export function fail(input: { code: WeftErrorCode; message: string }): never {
  throw new WeftError(input.code, input.message);
}
/** Task reference of {@link fail}. */
export const failTask = defineTask<{ code: WeftErrorCode; message: string }, never>(import.meta.url, 'fail');

/** Throws a plain `Error` named `FixtureError` with the given message. */
export function throwError(message: string): never {
  const error = new Error(message);
  error.name = 'FixtureError';
  throw error;
}
/** Task reference of {@link throwError}. */
export const throwErrorTask = defineTask<string, never>(import.meta.url, 'throwError');

/** Creates an `ArrayBuffer` of `length` bytes filled with 0, 1, 2, … and transfers it back. */
export function makeBuffer(length: number): TransferResult<ArrayBuffer> {
  const buffer = new ArrayBuffer(length);
  const bytes = new Uint8Array(buffer);
  for (let i = 0; i < length; i += 1) bytes[i] = i & 0xff;
  return withTransfer(buffer, [buffer]);
}
/** Task reference of {@link makeBuffer}. */
export const makeBufferTask = defineTask<number, ArrayBuffer>(import.meta.url, 'makeBuffer');

/** Returns the byte length of the buffer it received and the sum of its bytes. */
export function measureBuffer(buffer: ArrayBuffer): { byteLength: number; sum: number } {
  let sum = 0;
  for (const byte of new Uint8Array(buffer)) sum += byte;
  return { byteLength: buffer.byteLength, sum };
}
/** Task reference of {@link measureBuffer}. */
export const measureBufferTask = defineTask<ArrayBuffer, { byteLength: number; sum: number }>(
  import.meta.url,
  'measureBuffer',
);

/** Writes `value` at `index` of an `Int32Array` over a `SharedArrayBuffer` with `Atomics.store`, then notifies. */
export function atomicsWrite(input: { shared: SharedArrayBuffer; index: number; value: number }): number {
  const view = new Int32Array(input.shared);
  Atomics.store(view, input.index, input.value);
  Atomics.notify(view, input.index);
  return input.value;
}
/** Task reference of {@link atomicsWrite}. */
export const atomicsWriteTask = defineTask<{ shared: SharedArrayBuffer; index: number; value: number }, number>(
  import.meta.url,
  'atomicsWrite',
);

/** Throws inside a timer, so the error is uncaught in the thread running the task; the task never settles. */
export function crash(message: string): Promise<never> {
  platform.setTimeout(() => {
    throw new Error(`fixture crash: ${message}`);
  }, 1);
  return new Promise<never>(() => undefined);
}
/** Task reference of {@link crash}. */
export const crashTask = defineTask<string, never>(import.meta.url, 'crash');

/**
 * Ends the thread running the task: `close()` in a Web Worker (browsers, Deno, Bun), `process.exit(3)` in a Node
 * worker thread. The task never settles.
 */
export function exit(): Promise<never> {
  const host = globalThis as unknown as {
    WorkerGlobalScope?: abstract new () => unknown;
    close?: () => void;
    process?: { exit?: (code: number) => void };
  };
  if (
    typeof host.WorkerGlobalScope === 'function' &&
    globalThis instanceof host.WorkerGlobalScope &&
    typeof host.close === 'function'
  ) {
    host.close();
  } else {
    host.process?.exit?.(3);
  }
  return new Promise<never>(() => undefined);
}
/** Task reference of {@link exit}. */
export const exitTask = defineTask<void, never>(import.meta.url, 'exit');

/** Waits `sleepMs` (default 0) ms, then returns a token that identifies the thread that ran it. */
export async function whichThread(input: { sleepMs?: number } = {}): Promise<string> {
  if (input.sleepMs !== undefined && input.sleepMs > 0) await sleepMs(input.sleepMs);
  return threadToken;
}
/** Task reference of {@link whichThread}. */
export const whichThreadTask = defineTask<{ sleepMs?: number }, string>(import.meta.url, 'whichThread');

/** Leaves a rejected promise unhandled, which takes the thread down; the task never settles. */
export function rejectLater(message: string): Promise<never> {
  void Promise.reject(new Error(`fixture unhandled rejection: ${message}`));
  return new Promise<never>(() => undefined);
}
/** Task reference of {@link rejectLater}. */
export const rejectLaterTask = defineTask<string, never>(import.meta.url, 'rejectLater');

/**
 * Counts its runs in `counter[0]` (an `Int32Array` over a `SharedArrayBuffer`, when given), then returns an object
 * holding a function, which structured clone cannot send back.
 */
export function makeUncloneable(input: { counter?: Int32Array } = {}): { readonly callback: () => number } {
  if (input.counter !== undefined) Atomics.add(input.counter, 0, 1);
  return { callback: () => 1 };
}
/** Task reference of {@link makeUncloneable}. */
export const makeUncloneableTask = defineTask<{ counter?: Int32Array }, { readonly callback: () => number }>(
  import.meta.url,
  'makeUncloneable',
);

/** Throws an error object whose `property` getter (`message`, `stack`, `code` or `name`) throws when read. */
export function throwUnreadable(property: 'message' | 'stack' | 'code' | 'name'): never {
  const error = new Error('readable at first');
  Object.defineProperty(error, property, {
    get() {
      throw new Error(`the ${property} getter throws`);
    },
  });
  throw error;
}
/** Task reference of {@link throwUnreadable}. */
export const throwUnreadableTask = defineTask<'message' | 'stack' | 'code' | 'name', never>(
  import.meta.url,
  'throwUnreadable',
);

/**
 * Keeps the thread busy in a synchronous loop for `ms` milliseconds (no await: nothing else runs on the thread
 * meanwhile), then sets `done[0]` to 1 (an `Int32Array` over a `SharedArrayBuffer`, when given) and returns `ms`.
 */
export function spin(input: { ms: number; done?: Int32Array }): number {
  const end = platform.now() + input.ms;
  while (platform.now() < end) {
    // busy on purpose
  }
  if (input.done !== undefined) Atomics.store(input.done, 0, 1);
  return input.ms;
}
/** Task reference of {@link spin}. */
export const spinTask = defineTask<{ ms: number; done?: Int32Array }, number>(import.meta.url, 'spin');

/** Allocates memory until the thread runs out of it (for workers started with a small heap limit). */
export function exhaustMemory(): never {
  const hoard: number[][] = [];
  for (;;) hoard.push(Array.from({ length: 1 << 16 }, (_, i) => i + hoard.length));
}
/** Task reference of {@link exhaustMemory}. */
export const exhaustMemoryTask = defineTask<void, never>(import.meta.url, 'exhaustMemory');

/**
 * Takes the next ticket of `counter[0]` (an `Int32Array` over a `SharedArrayBuffer`) and returns it with a token of
 * the thread that ran it, so the order in which tasks started on each thread can be checked.
 */
export function ticket(input: { counter: Int32Array }): { readonly ticket: number; readonly thread: string } {
  return { ticket: Atomics.add(input.counter, 0, 1), thread: threadToken };
}
/** Task reference of {@link ticket}. */
export const ticketTask = defineTask<{ counter: Int32Array }, { readonly ticket: number; readonly thread: string }>(
  import.meta.url,
  'ticket',
);
