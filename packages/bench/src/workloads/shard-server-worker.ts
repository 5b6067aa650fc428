/** @module shard-server-worker — the worker thread that runs a shard server (see shard-server.ts). */
import { parentPort } from 'node:worker_threads';
import { serveShards, type ShardServer } from './shard-server.js';

const port = parentPort;
if (port === null) throw new Error('shard-server-worker must run in a worker thread');
let server: ShardServer | undefined;

port.on(
  'message',
  (message: { shards?: Array<[string, Uint8Array]>; latencyMs?: number; command?: 'stats' | 'close' }) => {
    if (message.shards !== undefined) {
      serveShards({ shards: new Map(message.shards), latencyMs: message.latencyMs ?? 0 }).then(
        (started) => {
          server = started;
          port.postMessage({ baseUrl: started.baseUrl });
        },
        (error: unknown) => port.postMessage({ error: error instanceof Error ? error.message : String(error) }),
      );
      return;
    }
    const current = server;
    if (current === undefined) return;
    const reply = async () => {
      const stats = await current.stats();
      if (message.command === 'close') await current.close();
      port.postMessage(stats);
    };
    void reply();
  },
);
