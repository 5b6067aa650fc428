import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLoader, isWeftError } from '@weft/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchShard, httpSource } from './http-source.js';

const SHARDS = 16;
let base: string;
let connections = 0;
let inFlight = 0;
let maxInFlight = 0;
let holdUntil = 0; // hold responses until this many requests are in flight (or a safety timer fires)
const waiting: Array<() => void> = [];

const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  const match = /^\/shards\/s(\d+)\.bin$/.exec(req.url ?? '');
  if (match === null) {
    res.writeHead(404).end('no such shard');
    return;
  }
  inFlight += 1;
  maxInFlight = Math.max(maxInFlight, inFlight);
  const reply = () => {
    inFlight -= 1;
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.from([Number(match[1]), 42]));
  };
  waiting.push(reply);
  if (waiting.length >= holdUntil) waiting.splice(0).forEach((r) => r());
  else setTimeout(() => waiting.splice(0).forEach((r) => r()), 3000).unref();
});
server.on('connection', () => {
  connections += 1;
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/shards/`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const names = Array.from({ length: SHARDS }, (_, i) => `s${i}.bin`);

describe('httpSource', () => {
  it('runs 16 requests at once over 16 kept-alive connections, reused on the next pass', async () => {
    holdUntil = SHARDS;
    maxInFlight = 0;
    connections = 0;
    const loader = createLoader({ source: httpSource({ baseUrl: base, names }), concurrency: SHARDS, ordered: true });
    for (let pass = 0; pass < 2; pass += 1) {
      const got: number[] = [];
      for await (const { data } of loader) got.push(data[0] as number);
      expect(got).toEqual(names.map((_, i) => i));
      await new Promise((resolve) => setImmediate(resolve)); // let the agent put the sockets back on its free list
    }
    expect(maxInFlight).toBe(SHARDS); // all 16 reached the server before any answer: not limited by connections
    expect(connections).toBe(SHARDS); // the second pass opened no new connection
  });

  it('names shards by URL when given URLs', async () => {
    const urls = [`${base}s3.bin`];
    expect(await httpSource({ urls }).list()).toEqual([{ name: urls[0] }]);
  });

  it('fails with SOURCE_FAILED naming the URL on a status other than 200', async () => {
    holdUntil = 0;
    const url = `${base}missing.bin`;
    const error = await fetchShard(url).catch((e: unknown) => e);
    expect(isWeftError(error, 'SOURCE_FAILED')).toBe(true);
    expect((error as Error).message).toBe(`GET ${url} answered 404 Not Found, not 200: check the URL`);
  });

  it('fails with SOURCE_FAILED naming the URL when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/x.bin`;
    await new Promise((resolve) => closed.close(resolve));
    const error = await fetchShard(url).catch((e: unknown) => e);
    expect(isWeftError(error, 'SOURCE_FAILED')).toBe(true);
    expect((error as Error).message).toMatch(new RegExp(`^GET ${url} failed: .*ECONNREFUSED`));
  });

  it('rejects a URL that is not http(s)', () => {
    expect(() => httpSource({ urls: ['file:///etc/passwd'] })).toThrow(/is not an http\(s\) URL/);
  });
});
