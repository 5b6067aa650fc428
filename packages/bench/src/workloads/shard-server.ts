/**
 * @module shard-server — a small HTTP server on the loopback interface that serves shards from memory after a
 * fixed per-request latency: the `load` workload's stand-in for a remote object store.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WeftError } from '@weft/core';

/** Longest per-request latency the server accepts, in ms. */
export const MAX_LATENCY_MS = 10_000;
/** Most connections the server accepts at once. */
export const MAX_CONNECTIONS = 256;

/** Options of {@link startShardServer}. */
export interface ShardServerOptions {
  /** Shard bytes by name; served at `/shards/<name>`. */
  readonly shards: ReadonlyMap<string, Uint8Array>;
  /** Delay before each response starts, in ms (0 to {@link MAX_LATENCY_MS}). */
  readonly latencyMs: number;
}

/** A running shard server. */
export interface ShardServer {
  /** `http://127.0.0.1:<port>/shards/` */
  readonly baseUrl: string;
  /** Requests answered with 200 so far. */
  readonly served: number;
  /** Most requests waiting on the latency at the same moment so far. */
  readonly maxConcurrent: number;
  /** Stops listening, drops kept-alive connections and pending responses. */
  close(): Promise<void>;
}

/**
 * Starts a shard server on 127.0.0.1 (an ephemeral port; never another interface). Only `GET /shards/<name>` is
 * answered (200 with the bytes, else 404/405).
 *
 * @example
 * ```ts
 * const server = await startShardServer({ shards: new Map([['a.bin', bytes]]), latencyMs: 20 });
 * try { await fetch(`${server.baseUrl}a.bin`); } finally { await server.close(); }
 * ```
 */
export async function startShardServer(options: ShardServerOptions): Promise<ShardServer> {
  const { latencyMs, shards } = options;
  if (!(Number.isFinite(latencyMs) && latencyMs >= 0 && latencyMs <= MAX_LATENCY_MS)) {
    throw new WeftError('INVALID_ARGUMENT', `latency must be from 0 to ${MAX_LATENCY_MS} ms (got ${latencyMs})`);
  }
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let served = 0;
  let waiting = 0;
  let maxConcurrent = 0;
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    const prefix = '/shards/';
    const name = req.url?.startsWith(prefix) ? decodeURIComponent(req.url.slice(prefix.length)) : undefined;
    const bytes = name === undefined ? undefined : shards.get(name);
    if (bytes === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`no shard at ${req.url ?? ''}`);
      return;
    }
    waiting += 1;
    maxConcurrent = Math.max(maxConcurrent, waiting);
    const send = () => {
      timers.delete(timer);
      waiting -= 1;
      served += 1;
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.byteLength }).end(bytes);
    };
    const timer = setTimeout(send, latencyMs);
    timers.add(timer);
    res.on('close', () => {
      if (timers.delete(timer)) {
        clearTimeout(timer);
        waiting -= 1;
      }
    });
  });
  server.maxConnections = MAX_CONNECTIONS;
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/shards/`,
    get served() {
      return served;
    },
    get maxConcurrent() {
      return maxConcurrent;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
