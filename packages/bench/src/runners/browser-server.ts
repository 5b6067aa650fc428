/**
 * @module runners/browser-server — the small HTTP server the browser study runs on: 127.0.0.1 only, every response
 * with COOP/COEP (so the page is cross-origin isolated and may share memory), the bundle, the config, shards after a
 * fixed latency, and the endpoints the page posts its results (or its error) to.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WeftError } from '@weft/core';

/** Options of {@link startBrowserServer}. */
export interface BrowserServerOptions {
  /** Files by URL path (`/page.js`), served as JavaScript. */
  readonly files: ReadonlyMap<string, string>;
  /** Binary files by URL path (`/tfjs/x.wasm`, `/mnist.bin`), with their content type. */
  readonly assets?: ReadonlyMap<string, { readonly type: string; readonly body: Uint8Array }>;
  /** Served as `/config.json`. */
  readonly config: unknown;
  /** Shard bytes by name, served at `/shards/<name>` after `latencyMs`. */
  readonly shards: ReadonlyMap<string, Uint8Array>;
  readonly latencyMs: number;
}

/** A running browser server. */
export interface BrowserServer {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  /** Resolves with the JSON the page posts to `/results`; rejects with what it posts to `/error`. */
  readonly posted: Promise<unknown>;
  close(): Promise<void>;
}

/** Headers that make the page cross-origin isolated (`crossOriginIsolated === true`, SharedArrayBuffer allowed). */
export const ISOLATION_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
} as const;

const PAGE =
  '<!doctype html><html><head><meta charset="utf-8"><title>Weft study</title></head><body><script type="module" src="/page.js"></script></body></html>';
const MAX_POST = 64 * 1024 * 1024;

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_POST) throw new Error('posted body is too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the server on an ephemeral port of 127.0.0.1. */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  let resolvePosted: (value: unknown) => void = () => undefined;
  let rejectPosted: (error: Error) => void = () => undefined;
  const posted = new Promise<unknown>((resolve, reject) => {
    resolvePosted = resolve;
    rejectPosted = reject;
  });
  posted.catch(() => undefined); // the caller may stop listening after a timeout
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const send = (res: ServerResponse, status: number, type: string, content: string | Uint8Array) =>
    res
      .writeHead(status, { ...ISOLATION_HEADERS, 'content-type': type, 'content-length': Buffer.byteLength(content) })
      .end(content);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'POST' && (url.pathname === '/results' || url.pathname === '/error')) {
      body(req).then(
        (text) => {
          send(res, 204, 'text/plain', '');
          if (url.pathname === '/error') rejectPosted(new WeftError('TASK_FAILED', `the browser page failed: ${text}`));
          else {
            try {
              resolvePosted(JSON.parse(text));
            } catch {
              rejectPosted(new WeftError('INVALID_RESULTS', 'the browser page posted results that are not JSON'));
            }
          }
        },
        (error: unknown) => send(res, 413, 'text/plain', (error as Error).message),
      );
      return;
    }
    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'method not allowed');
    if (url.pathname === '/' || url.pathname === '/index.html') return send(res, 200, 'text/html; charset=utf-8', PAGE);
    if (url.pathname === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
    if (url.pathname === '/config.json') return send(res, 200, 'application/json', JSON.stringify(options.config));
    const file = options.files.get(url.pathname);
    if (file !== undefined) return send(res, 200, 'text/javascript; charset=utf-8', file);
    const asset = options.assets?.get(url.pathname);
    if (asset !== undefined) return send(res, 200, asset.type, asset.body);
    if (url.pathname.startsWith('/shards/')) {
      const bytes = options.shards.get(decodeURIComponent(url.pathname.slice('/shards/'.length)));
      if (bytes === undefined) return send(res, 404, 'text/plain', 'no such shard');
      const timer = setTimeout(() => {
        timers.delete(timer);
        send(res, 200, 'application/octet-stream', bytes);
      }, options.latencyMs);
      timers.add(timer);
      return;
    }
    if (process.env['WEFT_DEBUG']) process.stderr.write(`browser server: 404 for ${url.pathname}\n`);
    send(res, 404, 'text/plain', 'not found');
  });
  server.keepAliveTimeout = 30_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    posted,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
