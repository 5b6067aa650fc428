import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isWeftError } from '@weft/core';
import { fileSource } from '@weft/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeShards, type ShardSet } from '../data/shards.js';
import { LOAD_STRATEGIES, latencyBoundShardsPerSecond, loadWorkload } from './load.js';
import { fakeHost, hostContext } from './host.fixture.js';

// Worker threads load built files, so the passes that use a pool run the built workload (build the package first).
const built = await import('../../dist/workloads/load.js');
const builtHost = await import('../../dist/hosts/node/load-host.js');
const { nodeWorkloadHost } = await import('../../dist/hosts/node/node-host.js');

let dir: string;
let set: ShardSet;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'weft-load-test-'));
  set = await writeShards(dir, 8);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const fileSetup = (paths: readonly string[]) => ({
  kind: 'file' as const,
  source: fileSource({ paths }),
  locate: (name: string) => ({ path: name }),
  shards: paths.length,
  totalBytes: set.totalBytes,
  latencyMs: 0,
});

describe('latencyBoundShardsPerSecond', () => {
  it('is concurrency / latency, with the last partial round counted whole and concurrency capped by shards', () => {
    expect(latencyBoundShardsPerSecond(100, 1, 20)).toBe(50);
    expect(latencyBoundShardsPerSecond(96, 16, 20)).toBe(800);
    expect(latencyBoundShardsPerSecond(100, 16, 20)).toBeCloseTo(100 / 0.14, 6); // 7 rounds of 20 ms
    expect(latencyBoundShardsPerSecond(10, 32, 20)).toBe(500); // one round
  });
});

describe('loadPass', () => {
  it('decodes all 10,000 digits with every strategy', async () => {
    const pool = await builtHost.openNodeLoadPool(2);
    try {
      for (const strategy of LOAD_STRATEGIES) {
        expect(await built.loadPass(fileSetup(set.paths), { strategy, concurrency: 3, pool })).toBe(10_000);
      }
    } finally {
      await pool.executor.close();
    }
  });

  it('rejects with DATA_CORRUPT naming the shard when a shard is corrupt, with every strategy', async () => {
    const corruptDir = await mkdtemp(join(tmpdir(), 'weft-load-corrupt-'));
    const pool = await builtHost.openNodeLoadPool(2);
    try {
      const paths = await Promise.all(
        set.contents.map(async (bytes, i) => {
          const path = join(corruptDir, set.names[i] as string);
          const copy = bytes.slice();
          if (i === 5) copy[copy.length - 1] = 200; // a label out of range, and a checksum that no longer matches
          await writeFile(path, i === 3 ? copy.subarray(0, copy.length - 1) : copy); // shard 3 is truncated
          return path;
        }),
      );
      // Strategies that only move bytes check each shard's header: they catch the truncated shard.
      for (const strategy of LOAD_STRATEGIES) {
        const error = await built
          .loadPass(fileSetup(paths), { strategy, concurrency: 2, pool })
          .catch((e: unknown) => e);
        expect(isWeftError(error, 'DATA_CORRUPT'), `${strategy}: ${String(error)}`).toBe(true);
        expect((error as Error).message).toMatch(/shard ".*shard-0000[35]\.bin"/);
      }
      // Strategies that decode also verify the checksum.
      await writeFile(paths[3] as string, set.contents[3] as Uint8Array);
      for (const strategy of ['event-loop-decode', 'workers-decode', 'event-loop-worker-decode'] as const) {
        const error = await built
          .loadPass(fileSetup(paths), { strategy, concurrency: 2, pool })
          .catch((e: unknown) => e);
        expect(isWeftError(error, 'DATA_CORRUPT'), `${strategy}: ${String(error)}`).toBe(true);
        expect((error as Error).message).toMatch(/shard ".*shard-00005\.bin".*checksum .* does not match/);
      }
    } finally {
      await pool.executor.close();
      await rm(corruptDir, { recursive: true, force: true });
    }
  });
});

describe('load workload', () => {
  it('measures every source and strategy, with the ideal fraction for HTTP only', async () => {
    const cases = await built.loadWorkload.run({
      profile: 'smoke',
      options: {
        sources: ['file', 'http'],
        'latency-ms': 2,
        concurrency: [1, 4],
        threads: [1],
        shards: 6,
        strategies: LOAD_STRATEGIES,
        samples: 1,
      },
      progress: () => undefined,
      host: nodeWorkloadHost,
    });
    expect(
      cases.map((c) => `${String(c.parameters.source)}/${c.strategy}/${String(c.parameters.concurrency)}`),
    ).toEqual(
      ['file', 'http'].flatMap((s) => [
        `${s}/sequential/1`,
        `${s}/event-loop/1`,
        `${s}/event-loop/4`,
        `${s}/event-loop-decode/4`,
        `${s}/workers/1`,
        `${s}/workers-decode/1`,
        `${s}/event-loop-worker-decode/4`,
      ]),
    );
    for (const c of cases) {
      expect(c.status, c.reason).toBe('ok');
      expect(c.metrics.shardsPerSecond).toBeGreaterThan(0);
      expect(c.metrics.megabytesPerSecond).toBeGreaterThan(0);
      expect('idealFraction' in c.metrics).toBe(c.parameters.source === 'http');
    }
  });

  it('rejects more shards than digits with INVALID_ARGUMENT', async () => {
    const run = built.loadWorkload.run({
      profile: 'smoke',
      options: {
        sources: ['file'],
        'latency-ms': 0,
        concurrency: [1],
        threads: [1],
        shards: 10_001,
        strategies: ['sequential'],
        samples: 1,
      },
      progress: () => undefined,
      host: nodeWorkloadHost,
    });
    await expect(run).rejects.toThrow(/shards must be an integer from 1 to 10000/);
  });
});

describe('load workload (runtime-neutral, on a fake host)', () => {
  it("reads the host's shards, skips a source and workers the host cannot give, each with its reason", async () => {
    const { host, log } = fakeHost({ pools: [] });
    const cases = await loadWorkload.run(
      hostContext(loadWorkload, host, { sources: 'file,http', shards: '4', 'latency-ms': '0', concurrency: '1,4' }),
    );
    expect(cases.map((c) => [c.strategy, c.parameters['source'] ?? 'http', c.status])).toEqual([
      ['all', 'file', 'skipped'],
      ['sequential', 'http', 'ok'],
      ['event-loop', 'http', 'ok'],
      ['event-loop', 'http', 'ok'],
      ['event-loop-decode', 'http', 'ok'],
      ['workers', 'http', 'skipped'],
      ['workers-decode', 'http', 'skipped'],
      ['event-loop-worker-decode', 'http', 'skipped'],
    ]);
    expect(cases[0]?.reason).toBe('this fake host has no local files');
    expect(cases[5]?.reason).toBe('2 workers are not available here: this fake host starts no workers');
    expect(cases[1]?.metrics['shardsPerSecond']).toBeGreaterThan(0);
    expect(log.shardSetsClosed).toBe(1);
  });
});
