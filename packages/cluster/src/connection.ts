/** @module connection — where Redis is, as a URL or ioredis options, and the connections the cluster opens. */
import { WeftError } from '@weft/core';
import { Redis, type RedisOptions } from 'ioredis';

/** Where Redis (or Valkey) is: a `redis://` or `rediss://` URL, or ioredis connection options. */
export type ClusterConnection = string | RedisOptions;

/** The ioredis options for `connection`. Throws `INVALID_ARGUMENT` for a URL that is not `redis:` or `rediss:`. */
export function redisOptions(connection: ClusterConnection): RedisOptions {
  if (typeof connection !== 'string') return connection;
  let url: URL;
  try {
    url = new URL(connection);
  } catch {
    throw new WeftError('INVALID_ARGUMENT', `connection "${connection}" is not a URL: use redis://host:port`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new WeftError('INVALID_ARGUMENT', `connection "${connection}" must be a redis:// or rediss:// URL`);
  }
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined;
  return {
    host: url.hostname,
    port: url.port === '' ? 6379 : Number(url.port),
    ...(url.username === '' ? {} : { username: decodeURIComponent(url.username) }),
    ...(url.password === '' ? {} : { password: decodeURIComponent(url.password) }),
    ...(db === undefined || !Number.isInteger(db) ? {} : { db }),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/** `127.0.0.1:6379`: how messages name the server. */
export function describeRedis(options: RedisOptions): string {
  return `${options.host ?? '127.0.0.1'}:${options.port ?? 6379}`;
}

/**
 * A connection for BullMQ and Weft's own keys. Commands do not wait for a lost connection to come back
 * (`maxRetriesPerRequest: null` is what BullMQ's workers need; the coordinator checks the state itself).
 */
export function openRedis(options: RedisOptions): Redis {
  return new Redis({ ...options, maxRetriesPerRequest: null, lazyConnect: false });
}

/** `UNAVAILABLE`: `what` failed because Redis at `options` cannot be reached, for `reason`; and what to do. */
export function unreachable(options: RedisOptions, reason: string, what?: string, cause?: unknown): WeftError {
  return new WeftError(
    'UNAVAILABLE',
    `${what === undefined ? '' : `${what}: `}Redis at ${describeRedis(options)} cannot be reached (${reason}); start redis-server there or fix the connection option`,
    cause === undefined ? {} : { cause },
  );
}

/**
 * Resolves once `redis` is ready; rejects with `UNAVAILABLE` (and disconnects it) when its first attempt to connect
 * fails, instead of waiting for a server that may never come.
 */
export function connected(redis: Redis, options: RedisOptions): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onReady = () => {
      redis.off('error', onError);
      resolve();
    };
    const onError = (error: Error) => {
      redis.off('ready', onReady);
      redis.disconnect();
      reject(unreachable(options, error.message, undefined, error));
    };
    redis.once('ready', onReady);
    redis.once('error', onError);
  });
}
