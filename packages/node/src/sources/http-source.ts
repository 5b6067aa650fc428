/**
 * @module http-source — shards fetched over HTTP(S) with Node's `http` client and a keep-alive agent without a
 * per-origin socket limit (so concurrency 16 means 16 connections, reused by later requests). Node's `http` client
 * costs less CPU per request than its `fetch`, which matters when one event loop keeps 16–32 requests in flight.
 */
import http from 'node:http';
import https from 'node:https';
import { WeftError, type AbortSignalLike, type ShardInfo, type Source } from '@weft/core';
import { toAbortSignal } from './signal.js';

/** Options of {@link httpSource}: full URLs, or a base URL and shard names relative to it. */
export type HttpSourceOptions = (
  { readonly urls: readonly string[] } | { readonly baseUrl: string; readonly names: readonly string[] }
) & {
  /** Extra request headers (authorisation, …). */
  readonly headers?: Readonly<Record<string, string>>;
};

/** Keep-alive agents with no per-origin socket limit, so N requests in flight use N connections, reused later. */
const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 256, scheduling: 'lifo' }),
  https: new https.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 256, scheduling: 'lifo' }),
};

/**
 * GETs one URL's body over a kept-alive connection. Rejects with `SOURCE_FAILED` naming the URL when the request
 * fails or the status is not 200; with the signal's reason when aborted.
 */
export function fetchShard(
  url: string,
  signal?: AbortSignalLike,
  headers?: Readonly<Record<string, string>>,
): Promise<Uint8Array> {
  const nodeSignal = toAbortSignal(signal);
  if (nodeSignal?.aborted) return Promise.reject(nodeSignal.reason);
  const secure = url.startsWith('https:');
  const get = secure ? https.get : http.get;
  return new Promise<Uint8Array>((resolve, reject) => {
    const failed = (why: string, cause: unknown) =>
      reject(
        nodeSignal?.aborted
          ? nodeSignal.reason
          : new WeftError(
              'SOURCE_FAILED',
              `GET ${url} failed: ${why}; check that the server is up and the URL is right`,
              { cause },
            ),
      );
    const request = get(
      url,
      {
        agent: secure ? agents.https : agents.http,
        ...(headers ? { headers: { ...headers } } : {}),
        ...(nodeSignal ? { signal: nodeSignal } : {}),
      },
      (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          reject(
            new WeftError(
              'SOURCE_FAILED',
              `GET ${url} answered ${response.statusCode} ${response.statusMessage}, not 200: check the URL`,
            ),
          );
          return;
        }
        const length = Number(response.headers['content-length']);
        const chunks: Buffer[] = [];
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          received += chunk.length;
        });
        response.on('error', (error) => failed(`the body broke off: ${error.message}`, error));
        response.on('end', () => {
          if (!response.complete || (Number.isFinite(length) && received !== length)) {
            failed(`the body broke off after ${received} bytes`, undefined);
            return;
          }
          // One fresh ArrayBuffer holding exactly the body, so callers may transfer it.
          const bytes = new Uint8Array(received);
          let at = 0;
          for (const chunk of chunks) {
            bytes.set(chunk, at);
            at += chunk.length;
          }
          resolve(bytes);
        });
      },
    );
    request.on('error', (error) => failed(error.message, error));
  });
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
  if (urls.size !== entries.length)
    throw new WeftError('INVALID_ARGUMENT', 'httpSource: shard URLs/names must be unique');
  for (const [, url] of entries) {
    if (!/^https?:\/\//i.test(url)) throw new WeftError('INVALID_ARGUMENT', `httpSource: ${url} is not an http(s) URL`);
  }
  return {
    list: () => Promise.resolve(entries.map(([name]) => ({ name }))),
    read(shard: ShardInfo, signal) {
      const url = urls.get(shard.name);
      if (url === undefined)
        return Promise.reject(
          new WeftError('SOURCE_FAILED', `http source has no shard "${shard.name}": list() it for valid names`),
        );
      return fetchShard(url, signal, options.headers);
    },
  };
}

function ensureSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}
