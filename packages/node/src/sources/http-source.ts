/**
 * @module http-source — shards fetched over HTTP with Node's `fetch`, whose connection pool keeps connections
 * alive and opens as many per origin as there are requests in flight (so concurrency 16 means 16 connections).
 */
import { WeftError, type AbortSignalLike, type ShardInfo, type Source } from '@weft/core';
import { toAbortSignal } from './signal.js';

/** Options of {@link httpSource}: full URLs, or a base URL and shard names relative to it. */
export type HttpSourceOptions = (
  | { readonly urls: readonly string[] }
  | { readonly baseUrl: string; readonly names: readonly string[] }
) & {
  /** Extra request headers (authorisation, …). */
  readonly headers?: Readonly<Record<string, string>>;
};

/**
 * GETs one URL's body. Rejects with `SOURCE_FAILED` naming the URL when the request fails or the status is not 200;
 * with the signal's reason when aborted.
 */
export async function fetchShard(url: string, signal?: AbortSignalLike, headers?: Readonly<Record<string, string>>): Promise<Uint8Array> {
  const nodeSignal = toAbortSignal(signal);
  let response: Response;
  try {
    response = await fetch(url, { ...(nodeSignal ? { signal: nodeSignal } : {}), ...(headers ? { headers } : {}) });
  } catch (error) {
    if (nodeSignal?.aborted) throw nodeSignal.reason;
    const cause = (error as { cause?: { message?: string } }).cause;
    const why = cause?.message ?? (error as Error).message;
    throw new WeftError('SOURCE_FAILED', `GET ${url} failed: ${why}; check that the server is up and the URL is right`, { cause: error });
  }
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => undefined);
    throw new WeftError('SOURCE_FAILED', `GET ${url} answered ${response.status} ${response.statusText}, not 200: check the URL`);
  }
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    if (nodeSignal?.aborted) throw nodeSignal.reason;
    throw new WeftError('SOURCE_FAILED', `GET ${url}: the body broke off: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * A {@link Source} over HTTP(S) URLs. Shard names are the URLs (`urls`) or the given names (`baseUrl` + `names`).
 *
 * @example
 * ```ts
 * const source = httpSource({ baseUrl: 'http://127.0.0.1:8080/shards/', names: ['a.bin', 'b.bin'] });
 * ```
 */
export function httpSource(options: HttpSourceOptions): Source {
  const entries: Array<readonly [string, string]> =
    'urls' in options
      ? options.urls.map((url) => [url, url] as const)
      : options.names.map((name) => [name, new URL(encodeURI(name), ensureSlash(options.baseUrl)).href] as const);
  const urls = new Map(entries);
  if (urls.size !== entries.length) throw new WeftError('INVALID_ARGUMENT', 'httpSource: shard URLs/names must be unique');
  for (const [, url] of entries) {
    if (!/^https?:\/\//i.test(url)) throw new WeftError('INVALID_ARGUMENT', `httpSource: ${url} is not an http(s) URL`);
  }
  return {
    list: () => Promise.resolve(entries.map(([name]) => ({ name }))),
    read(shard: ShardInfo, signal) {
      const url = urls.get(shard.name);
      if (url === undefined) return Promise.reject(new WeftError('SOURCE_FAILED', `http source has no shard "${shard.name}": list() it for valid names`));
      return fetchShard(url, signal, options.headers);
    },
  };
}

function ensureSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}
