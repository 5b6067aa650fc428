import { describe, expect, it } from 'vitest';
import { isWeftError, inlineExecutor } from '@weft/core';
import { clusterExecutor } from './cluster-executor.js';
import { startAgent } from './agent.js';
import { redisOptions } from './connection.js';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('cluster options', () => {
  it('reads redis:// and rediss:// URLs with credentials and database', () => {
    expect(redisOptions('redis://user:p%40ss@10.0.0.5:6380/2')).toEqual({
      host: '10.0.0.5',
      port: 6380,
      username: 'user',
      password: 'p@ss',
      db: 2,
    });
    expect(redisOptions('rediss://cache.example')).toMatchObject({ host: 'cache.example', port: 6379, tls: {} });
    expect(redisOptions({ host: 'h', port: 1 })).toEqual({ host: 'h', port: 1 });
  });

  it('rejects a connection that is not a Redis URL, a bad queue name or a bad size with INVALID_ARGUMENT', () => {
    for (const make of [
      () => clusterExecutor({ connection: 'http://127.0.0.1:6379', queue: 'q' }),
      () => clusterExecutor({ connection: 'not a url', queue: 'q' }),
      () => clusterExecutor({ connection: 'redis://127.0.0.1:1', queue: 'a:b' }),
      () => clusterExecutor({ connection: 'redis://127.0.0.1:1', queue: 'q', size: 0 }),
      () => clusterExecutor({ connection: 'redis://127.0.0.1:1', queue: 'q', maxQueue: -1 }),
    ]) {
      const error = thrown(make);
      expect(isWeftError(error, 'INVALID_ARGUMENT'), String(error)).toBe(true);
    }
  });

  it('an agent rejects bad options before it connects', async () => {
    const executor = inlineExecutor();
    await expect(
      startAgent({ connection: 'redis://127.0.0.1:1', queue: 'q', executor, retries: -1 }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(
      startAgent({ connection: 'redis://127.0.0.1:1', queue: 'q', executor, maxPayloadBytes: 0 }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(startAgent({ connection: 'ftp://x', queue: 'q', executor })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('with no Redis listening, a task rejects with UNAVAILABLE saying where and what to do, and close() returns', async () => {
    const cluster = clusterExecutor({ connection: 'redis://127.0.0.1:1', queue: 'q' });
    const error = await cluster.run({ module: 'file:///x.js', name: 'f' }, 1).catch((e: unknown) => e);
    expect(isWeftError(error, 'UNAVAILABLE')).toBe(true);
    expect((error as Error).message).toMatch(
      /Redis at 127\.0\.0\.1:1 cannot be reached \(.*ECONNREFUSED.*\); start redis-server/,
    );
    await expect(cluster.ready({ timeoutMs: 200 })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(cluster.close()).resolves.toBeUndefined();
  });

  it('an agent with no Redis listening rejects with UNAVAILABLE instead of waiting', async () => {
    const error = await startAgent({ connection: 'redis://127.0.0.1:1', queue: 'q', executor: inlineExecutor() }).catch(
      (e: unknown) => e,
    );
    expect(isWeftError(error, 'UNAVAILABLE')).toBe(true);
    expect((error as Error).message).toMatch(/127\.0\.0\.1:1 cannot be reached/);
  });
});
