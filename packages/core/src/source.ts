/**
 * @module source — where the loader's shards come from: the {@link Source} contract that adapters implement
 * (files and HTTP in `@weft/node`), and {@link memorySource}, an in-memory source for tests and examples.
 */
import { WeftError } from './errors.js';
import { platform, type AbortSignalLike } from './platform.js';

/** One shard a source can read. */
export interface ShardInfo {
  /** Unique name of the shard within its source (file name, URL, key); errors name the shard by it. */
  readonly name: string;
  /** Size in bytes, when the source knows it before reading. */
  readonly bytes?: number;
}

/**
 * A place shards are read from. Core defines it; adapters implement it (`fileSource`, `httpSource` in
 * `@weft/node`). A source must allow several `read` calls in flight at once.
 */
export interface Source {
  /** Lists the shards, in their canonical order (the order an ordered loader delivers them in). */
  list(): Promise<readonly ShardInfo[]>;
  /**
   * Reads one shard's bytes. Stops early and rejects when `signal` aborts.
   * Rejects with `SOURCE_FAILED` naming the shard (path, URL) when the shard cannot be read.
   */
  read(shard: ShardInfo, signal: AbortSignalLike): Promise<Uint8Array>;
}

/** Options of {@link memorySource}. */
export interface MemorySourceOptions {
  /** Waits this many ms (on the platform timer) before each read resolves, to mimic a slow store. Default 0. */
  readonly latencyMs?: number;
}

/**
 * A source over shards held in memory, in the given order. Each read returns a copy of the shard's bytes,
 * so a consumer may transfer or change them.
 *
 * @example
 * ```ts
 * const source = memorySource({ a: new Uint8Array([1]), b: new Uint8Array([2]) }, { latencyMs: 5 });
 * for await (const { shard, data } of createLoader({ source })) console.log(shard.name, data);
 * ```
 */
export function memorySource(
  shards: Readonly<Record<string, Uint8Array>> | ReadonlyArray<{ readonly name: string; readonly bytes: Uint8Array }>,
  options: MemorySourceOptions = {},
): Source {
  const entries = Array.isArray(shards)
    ? (shards as ReadonlyArray<{ readonly name: string; readonly bytes: Uint8Array }>).map(
        (s) => [s.name, s.bytes] as const,
      )
    : Object.entries(shards as Readonly<Record<string, Uint8Array>>);
  const byName = new Map<string, Uint8Array>(entries);
  if (byName.size !== entries.length)
    throw new WeftError('INVALID_ARGUMENT', 'memorySource: shard names must be unique');
  const latencyMs = options.latencyMs ?? 0;
  if (!(Number.isFinite(latencyMs) && latencyMs >= 0)) {
    throw new WeftError('INVALID_ARGUMENT', `memorySource: latencyMs must be a non-negative number (got ${latencyMs})`);
  }
  return {
    list: () => Promise.resolve(entries.map(([name, bytes]) => ({ name, bytes: bytes.byteLength }))),
    read(shard, signal) {
      const bytes = byName.get(shard.name);
      if (bytes === undefined) {
        return Promise.reject(
          new WeftError(
            'SOURCE_FAILED',
            `memory source has no shard "${shard.name}": list() the source for valid names`,
          ),
        );
      }
      const aborted = (): unknown => signal.reason ?? new WeftError('ABORTED', `read of "${shard.name}" was aborted`);
      if (signal.aborted) return Promise.reject(aborted());
      if (latencyMs === 0) return Promise.resolve(bytes.slice());
      return new Promise((resolve, reject) => {
        const onAbort = () => {
          platform.clearTimeout(timer);
          reject(aborted());
        };
        const timer = platform.setTimeout(() => {
          signal.removeEventListener('abort', onAbort);
          resolve(bytes.slice());
        }, latencyMs);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}
