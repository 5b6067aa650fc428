import { describe, expect, it } from 'vitest';
import { fetchShard } from '@weft/node';
import { MAX_LATENCY_MS, serveShards, startShardServer } from './shard-server.js';

const shards = new Map([
  ['a.bin', new Uint8Array([1, 2, 3])],
  ['b c.bin', new Uint8Array([4])],
]);

describe('shard server', () => {
  it('serves shards by name on 127.0.0.1 and 404s anything else', async () => {
    const server = await serveShards({ shards, latencyMs: 1 });
    try {
      expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/shards\/$/);
      expect([...(await fetchShard(`${server.baseUrl}a.bin`))]).toEqual([1, 2, 3]);
      expect([...(await fetchShard(`${server.baseUrl}${encodeURIComponent('b c.bin')}`))]).toEqual([4]);
      await expect(fetchShard(`${server.baseUrl}zzz.bin`)).rejects.toThrow(/answered 404/);
      await expect(fetchShard(server.baseUrl.replace('/shards/', '/other'))).rejects.toThrow(/answered 404/);
      const res = await fetch(`${server.baseUrl}a.bin`, { method: 'POST' });
      expect(res.status).toBe(405);
      expect(await server.stats()).toEqual({ served: 2, maxConcurrent: 1 });
    } finally {
      await server.close();
    }
  });

  it('holds concurrent requests at the same time (latency per request, not a queue)', async () => {
    const server = await serveShards({ shards, latencyMs: 50 });
    try {
      await Promise.all(Array.from({ length: 8 }, () => fetchShard(`${server.baseUrl}a.bin`)));
      expect((await server.stats()).maxConcurrent).toBe(8);
    } finally {
      await server.close();
    }
  });

  it('refuses a latency outside 0..MAX_LATENCY_MS', async () => {
    await expect(serveShards({ shards, latencyMs: MAX_LATENCY_MS + 1 })).rejects.toThrow(
      /latency must be from 0 to 10000 ms/,
    );
    await expect(startShardServer({ shards, latencyMs: -1 })).rejects.toThrow(/latency must be/);
  });

  it('runs in its own thread from the built package, and stops listening on close', async () => {
    // Worker threads load built files: use dist (build the package first).
    const { startShardServer: startBuilt } = await import('../../dist/workloads/shard-server.js');
    const server = await startBuilt({ shards, latencyMs: 1 });
    expect([...(await fetchShard(`${server.baseUrl}a.bin`))]).toEqual([1, 2, 3]);
    expect((await server.stats()).served).toBe(1);
    await server.close();
    await expect(fetchShard(`${server.baseUrl}a.bin`)).rejects.toThrow(
      /failed: .*ECONNREFUSED|socket hang up|ECONNRESET/,
    );
  });
});
