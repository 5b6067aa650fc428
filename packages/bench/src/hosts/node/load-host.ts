/**
 * @module hosts/node/load-host — the `load` workload's shards and workers in Node, Deno and Bun: shard files in a
 * scratch folder, served over loopback HTTP by the shard server for `http`, and worker_threads that read them with
 * `@weft/node`'s file and HTTP readers.
 */
import { fileSource, httpSource, nodeThreadsExecutor } from '@weft/node';
import { writeShards } from '../../data/shards.js';
import { makeScratchDir, removeScratchDir } from '../../scratch-dirs.js';
import type { HostShardSet, LoadPool, LoadSourceKind } from '../../workloads/host.js';
import { decodeShardTask, readShardTask } from '../../workloads/load-task.js';
import { startShardServer } from '../../workloads/shard-server.js';

/** Writes `shards` shard files; `http` serves them from a loopback server answering after `latencyMs`. */
export async function openNodeShardSet(kind: LoadSourceKind, shards: number, latencyMs: number): Promise<HostShardSet> {
  const dir = await makeScratchDir('weft-load-');
  try {
    const set = await writeShards(dir, shards);
    const common = { shards, totalBytes: set.totalBytes };
    if (kind === 'file') {
      const source = fileSource({ paths: set.paths });
      return {
        ...common,
        source,
        locate: (name) => ({ path: name }),
        latencyMs: 0,
        close: () => removeScratchDir(dir),
      };
    }
    const server = await startShardServer({
      shards: new Map(set.names.map((n, i) => [n, set.contents[i] as Uint8Array])),
      latencyMs,
    });
    return {
      ...common,
      source: httpSource({ baseUrl: server.baseUrl, names: set.names }),
      locate: (name) => ({ url: `${server.baseUrl}${encodeURIComponent(name)}` }),
      latencyMs,
      close: () => server.close().finally(() => removeScratchDir(dir)),
    };
  } catch (error) {
    await removeScratchDir(dir);
    throw error;
  }
}

/** `threads` worker threads running the load tasks. */
export function openNodeLoadPool(threads: number): Promise<LoadPool> {
  return Promise.resolve({
    executor: nodeThreadsExecutor({ size: threads }),
    readTask: readShardTask,
    decodeTask: decodeShardTask,
  });
}
