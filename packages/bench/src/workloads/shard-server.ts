/**
 * @module shard-server — a small HTTP server on the loopback interface that serves shards from memory after a
 * fixed per-request latency: the `load` workload's stand-in for a remote object store. By default it runs in its own
 * worker thread, so serving costs the measured event loop nothing, as a remote store would.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { WeftError } from '@weft/core';

/** Longest per-request latency the server accepts, in ms. */
export const MAX_LATENCY_MS = 10_000;
/** How early the latency timer wakes before the deadline, in ms (then the server waits on the clock). */
const TIMER_SLACK_MS = 2;
/** Most connections the server accepts at once. */
export const MAX_CONNECTIONS = 256;

/** Options of {@link startShardServer}. */
export interface ShardServerOptions {
  /** Shard bytes by name; served at `/shards/<name>`. */
  readonly shards: ReadonlyMap<string, Uint8Array>;
  /** Delay before each response starts, in ms (0 to {@link MAX_LATENCY_MS}). */
  readonly latencyMs: number;
  /** Serve from a worker thread (default true) or from the calling thread's event loop. */
  readonly thread?: boolean;
}

/** What a shard server has done so far. */
export interface ShardServerStats {
  /** Requests answered with 200. */
  readonly served: number;
  /** Most requests waiting on the latency at the same moment. */
  readonly maxConcurrent: number;
}

/** A running shard server. */
export interface ShardServer {
  /** `http://127.0.0.1:<port>/shards/` */
  readonly baseUrl: string;
  /** Counts so far. */
  stats(): Promise<ShardServerStats>;
  /** Stops listening, drops kept-alive connections and pending responses (and ends the thread). */
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
  checkLatency(options.latencyMs);
  if (options.thread === false) return serveShards(options);
  const worker = new Worker(new URL('./shard-server-worker.js', import.meta.url));
  try {
    worker.postMessage({ shards: [...options.shards], latencyMs: options.latencyMs });
    const [reply] = (await once(worker, 'message')) as [{ baseUrl?: string; error?: string }];
    if (reply.baseUrl === undefined)
      throw new WeftError('SOURCE_FAILED', `the shard server did not start: ${reply.error ?? 'no reason given'}`);
    const baseUrl = reply.baseUrl;
    const ask = async (command: 'stats' | 'close'): Promise<ShardServerStats> => {
      const answer = once(worker, 'message') as Promise<[ShardServerStats]>;
      worker.postMessage({ command });
      return (await answer)[0];
    };
    return {
      baseUrl,
      stats: () => ask('stats'),
      async close() {
        await ask('close');
        await worker.terminate();
      },
    };
  } catch (error) {
    await worker.terminate();
    throw error;
  }
}

function checkLatency(latencyMs: number): void {
  if (!(Number.isFinite(latencyMs) && latencyMs >= 0 && latencyMs <= MAX_LATENCY_MS)) {
    throw new WeftError('INVALID_ARGUMENT', `latency must be from 0 to ${MAX_LATENCY_MS} ms (got ${latencyMs})`);
  }
}

/** Serves shards from the calling thread's event loop (what the server thread runs). */
export async function serveShards(options: ShardServerOptions): Promise<ShardServer> {
  const { latencyMs, shards } = options;
  checkLatency(latencyMs);
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
    // Timers fire up to a millisecond or more late; wake a little early and finish on the clock, so each
    // response starts `latencyMs` after its request arrived, not 1–2 ms later.
    const deadline = performance.now() + latencyMs;
    let open = true;
    const send = () => {
      if (!open) return;
      if (performance.now() < deadline) {
        setImmediate(send);
        return;
      }
      open = false;
      timers.delete(timer);
      waiting -= 1;
      served += 1;
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.byteLength }).end(bytes);
    };
    const timer = setTimeout(send, Math.max(0, latencyMs - TIMER_SLACK_MS));
    timers.add(timer);
    res.on('close', () => {
      if (open) {
        open = false;
        timers.delete(timer);
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
    stats: () => Promise.resolve({ served, maxConcurrent }),
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
