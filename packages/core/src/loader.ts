/**
 * @module loader — the I/O side: shards from a {@link Source}, read with a concurrency limit, decoded (inline or
 * on any {@link Executor}), and delivered in shard order or completion order with bounded prefetch.
 */
import { isWeftError, WeftError } from './errors.js';
import type { Executor } from './executor.js';
import { checkPositiveInteger } from './option-checks.js';
import type { AbortSignalLike } from './platform.js';
import type { ShardInfo, Source } from './source.js';
import type { TaskRef, TransferItem } from './task.js';

/** The input of a decode task run on an executor: the shard's name and its bytes (transferred where possible). */
export interface DecodeInput {
  readonly shard: string;
  readonly bytes: Uint8Array;
}

/** A decode step run as a task on an executor (for example a worker pool), so decoding leaves the event loop. */
export interface ExecutorDecode<T> {
  readonly executor: Executor;
  readonly task: TaskRef<DecodeInput, T>;
}

/** How shard bytes become items: a plain function on the calling thread, or a task on an executor. */
export type Decode<T> = ((bytes: Uint8Array, shard: ShardInfo) => T | Promise<T>) | ExecutorDecode<T>;

/** Options of {@link createLoader}. */
export interface LoaderOptions<T> {
  /** Where the shards come from. */
  readonly source: Source;
  /** Most shards being read at once (a shard's slot frees when its bytes arrive, before it is decoded). Default 4. */
  readonly concurrency?: number;
  /**
   * Most shards ahead of the consumer: started (being read or decoded) or ready, and not yet taken by the consumer.
   * A slow consumer therefore stops new reads. Must be at least `concurrency`. Default `2 * concurrency`.
   */
  readonly prefetch?: number;
  /** True (default): deliver in the source's shard order. False: deliver in completion order. */
  readonly ordered?: boolean;
  /** Turns a shard's bytes into the item delivered. Without it, items are the raw bytes. */
  readonly decode?: Decode<T>;
  /** Only these shards, in this order (default: `source.list()`, listed again at the start of each pass). */
  readonly shards?: readonly ShardInfo[];
  /** Aborting stops the pass: reads in flight are aborted and the iteration rejects with `ABORTED`. */
  readonly signal?: AbortSignalLike;
}

/** One delivered item. */
export interface LoadedShard<T> {
  readonly shard: ShardInfo;
  /** Position of the shard in the pass's shard list. */
  readonly index: number;
  /** Bytes read from the source. */
  readonly bytes: number;
  /** The decoded item (the raw bytes without a decode step). */
  readonly data: T;
}

/** An async iterable of decoded shards; each `for await` is one pass (an epoch) over the source. */
export type Loader<T> = AsyncIterable<LoadedShard<T>>;

interface AbortControllerLike {
  readonly signal: AbortSignalLike;
  abort(reason?: unknown): void;
}

const AbortControllerCtor = (globalThis as unknown as { AbortController: new () => AbortControllerLike })
  .AbortController;

function defaultDecode<T>(bytes: Uint8Array): T {
  return bytes as unknown as T;
}

/** The bytes as input for a task, with a transfer list when the executor moves buffers. */
function transferable(bytes: Uint8Array, executor: Executor): { bytes: Uint8Array; transfer: TransferItem[] } {
  if (!executor.capabilities.transfer || !(bytes.buffer instanceof ArrayBuffer)) return { bytes, transfer: [] };
  // Transfer only a buffer the view covers whole; otherwise copy first so no unrelated bytes move.
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  return { bytes: own, transfer: [own.buffer] };
}

function readError(shard: ShardInfo, error: unknown): unknown {
  if (isWeftError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new WeftError('SOURCE_FAILED', `reading shard "${shard.name}" failed: ${message}`, { cause: error });
}

function decodeError(shard: ShardInfo, error: unknown): unknown {
  // Failures of the executor itself (closed, crashed, aborted) are not about the data: pass them on.
  if (isWeftError(error) && error.code !== 'DATA_CORRUPT' && error.code !== 'TASK_FAILED') return error;
  const message = error instanceof Error ? error.message : String(error);
  return new WeftError('DATA_CORRUPT', `shard "${shard.name}" could not be decoded: ${message}`, { cause: error });
}

/**
 * Creates a loader: iterate it with `for await` to read, decode and receive every shard of the source once.
 * At most `concurrency` shards are read at a time, at most `prefetch` are ahead of the consumer, and delivery is
 * in shard order (`ordered`, default) or completion order. A failing read rejects the iteration with
 * `SOURCE_FAILED`, a failing decode with `DATA_CORRUPT`, both naming the shard; the other reads are aborted.
 * Breaking out of the loop aborts the reads in flight and starts no more.
 *
 * @example
 * ```ts
 * const loader = createLoader({ source: httpSource({ baseUrl, names }), concurrency: 16, decode: decodeShard });
 * for await (const { shard, data } of loader) train(data);
 * ```
 */
export function createLoader<T = Uint8Array>(options: LoaderOptions<T>): Loader<T> {
  const concurrency = checkPositiveInteger('concurrency', options.concurrency ?? 4);
  const prefetch = checkPositiveInteger('prefetch', options.prefetch ?? 2 * concurrency);
  if (prefetch < concurrency) {
    throw new WeftError(
      'INVALID_ARGUMENT',
      `prefetch (${prefetch}) must be at least concurrency (${concurrency}): it bounds the shards started but not yet consumed`,
    );
  }
  const ordered = options.ordered ?? true;
  const decode = options.decode;
  const decodeOne: (bytes: Uint8Array, shard: ShardInfo, signal: AbortSignalLike) => Promise<T> =
    decode === undefined
      ? (bytes) => Promise.resolve(defaultDecode<T>(bytes))
      : typeof decode === 'function'
        ? async (bytes, shard) => decode(bytes, shard)
        : (bytes, shard, signal) => {
            const input = transferable(bytes, decode.executor);
            return decode.executor.run(
              decode.task,
              { shard: shard.name, bytes: input.bytes },
              { transfer: input.transfer, signal },
            );
          };

  return {
    [Symbol.asyncIterator]: () => pass(options, { concurrency, prefetch, ordered, decodeOne }),
  };
}

interface PassSettings<T> {
  readonly concurrency: number;
  readonly prefetch: number;
  readonly ordered: boolean;
  readonly decodeOne: (bytes: Uint8Array, shard: ShardInfo, signal: AbortSignalLike) => Promise<T>;
}

async function* pass<T>(
  options: LoaderOptions<T>,
  settings: PassSettings<T>,
): AsyncGenerator<LoadedShard<T>, void, undefined> {
  const { concurrency, prefetch, ordered, decodeOne } = settings;
  const outer = options.signal;
  const onOuterAbort = () => fail(new WeftError('ABORTED', 'loading was aborted', { cause: outer?.reason }));
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  // One controller per read, so each signal carries few listeners; failing or stopping aborts them all.
  const active = new Set<AbortControllerLike>();
  const abortAll = (reason: unknown) => {
    for (const c of active) c.abort(reason);
    active.clear();
  };
  const fail = (error: unknown) => {
    if (failure !== undefined) return;
    failure = { error };
    abortAll(error);
    notify();
  };
  if (outer?.aborted) throw new WeftError('ABORTED', 'loading was aborted', { cause: outer.reason });
  outer?.addEventListener('abort', onOuterAbort, { once: true });

  try {
    const shards = options.shards ?? (await options.source.list());
    const ready = new Map<number, LoadedShard<T>>(); // ordered: by index
    const completed: LoadedShard<T>[] = []; // unordered: completion order
    let started = 0;
    let inFlight = 0;
    let ahead = 0; // started and not yet taken by the consumer
    let delivered = 0;

    const startOne = (index: number) => {
      const shard = shards[index] as ShardInfo;
      const controller = new AbortControllerCtor();
      active.add(controller);
      const signal = controller.signal;
      inFlight += 1;
      ahead += 1;
      let reading = true;
      const readDone = () => {
        if (!reading) return;
        reading = false;
        inFlight -= 1;
      };
      options.source
        .read(shard, signal)
        .then(
          (bytes) => {
            readDone();
            if (failure !== undefined) return undefined;
            // The read's slot is free: start the next read before decoding this shard, so decoding never holds
            // a request back (the shard still counts against the prefetch window until it is consumed).
            pump();
            const size = bytes.byteLength;
            return decodeOne(bytes, shard, signal).then(
              (data) => ({ shard, index, bytes: size, data }),
              (error: unknown) => {
                throw decodeError(shard, error);
              },
            );
          },
          (error: unknown) => {
            throw readError(shard, error);
          },
        )
        .then(
          (item) => {
            active.delete(controller);
            if (item === undefined || failure !== undefined) return;
            if (ordered) ready.set(index, item);
            else completed.push(item);
            notify();
          },
          (error: unknown) => {
            readDone();
            active.delete(controller);
            fail(error);
          },
        );
    };

    const pump = () => {
      while (failure === undefined && started < shards.length && inFlight < concurrency && ahead < prefetch) {
        startOne(started);
        started += 1;
      }
    };

    while (delivered < shards.length) {
      pump();
      let item: LoadedShard<T> | undefined;
      while (failure === undefined && (item = ordered ? ready.get(delivered) : completed.shift()) === undefined) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      if (failure !== undefined) throw failure.error;
      const next = item as LoadedShard<T>;
      if (ordered) ready.delete(delivered);
      delivered += 1;
      ahead -= 1;
      pump(); // the consumer holds this item now: the window moves on while it works
      yield next;
    }
  } finally {
    outer?.removeEventListener('abort', onOuterAbort);
    if (failure === undefined) {
      failure = { error: new WeftError('ABORTED', 'the loader was stopped') };
      abortAll(failure.error);
    }
  }
}
