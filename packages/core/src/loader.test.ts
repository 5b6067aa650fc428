import { describe, expect, it } from 'vitest';
import { isWeftError, WeftError } from './errors.js';
import type { Executor } from './executor.js';
import { concurrentExecutor } from './local-executors.js';
import { createLoader } from './loader.js';
import { sumBytesTask } from './loader.fixture.js';
import type { AbortSignalLike } from './platform.js';
import { memorySource, type ShardInfo, type Source } from './source.js';

const AbortControllerCtor = (
  globalThis as unknown as { AbortController: new () => { signal: AbortSignalLike; abort(): void } }
).AbortController;

const shardsOf = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `s${i}`, bytes: new Uint8Array([i, i + 1, i + 2]) }));

/** A source whose reads finish only when the test releases them, and which counts reads in flight. */
function controlledSource(n: number) {
  const pending = new Map<string, { resolve: (b: Uint8Array) => void; reject: (e: unknown) => void }>();
  const stats = { inFlight: 0, maxInFlight: 0, started: [] as string[], aborted: [] as string[] };
  const source: Source = {
    list: async () => shardsOf(n).map((s) => ({ name: s.name })),
    read: (shard: ShardInfo, signal: AbortSignalLike) =>
      new Promise<Uint8Array>((resolve, reject) => {
        stats.inFlight += 1;
        stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
        stats.started.push(shard.name);
        const done = () => {
          stats.inFlight -= 1;
          pending.delete(shard.name);
        };
        signal.addEventListener('abort', () => {
          if (!pending.has(shard.name)) return;
          stats.aborted.push(shard.name);
          done();
          reject(signal.reason);
        });
        pending.set(shard.name, {
          resolve: (b) => {
            done();
            resolve(b);
          },
          reject: (e) => {
            done();
            reject(e);
          },
        });
      }),
  };
  const release = (name: string, byte = Number(name.slice(1))) => pending.get(name)?.resolve(new Uint8Array([byte]));
  return { source, stats, pending, release };
}

/** Lets every queued promise callback run. */
const settle = async (rounds = 20) => {
  for (let i = 0; i < rounds; i += 1) await Promise.resolve();
};

describe('createLoader', () => {
  it('delivers every shard once, in shard order by default, with its bytes', async () => {
    const source = memorySource(shardsOf(10), { latencyMs: 1 });
    const seen: string[] = [];
    for await (const item of createLoader({ source, concurrency: 4 })) {
      seen.push(item.shard.name);
      expect(item.bytes).toBe(3);
      expect([...item.data]).toEqual([item.index, item.index + 1, item.index + 2]);
    }
    expect(seen).toEqual(shardsOf(10).map((s) => s.name));
  });

  it('never has more than `concurrency` reads in flight', async () => {
    const { source, stats, pending, release } = controlledSource(12);
    const loader = createLoader({ source, concurrency: 3, prefetch: 12, ordered: false });
    const it = loader[Symbol.asyncIterator]();
    const results: string[] = [];
    const consume = (async () => {
      for (let r = await it.next(); !r.done; r = await it.next()) results.push(r.value.shard.name);
    })();
    await settle();
    expect(stats.inFlight).toBe(3);
    while (results.length < 12) {
      const name = pending.keys().next().value;
      if (name !== undefined) release(name);
      await settle();
      expect(stats.inFlight).toBeLessThanOrEqual(3);
    }
    await consume;
    expect(stats.maxInFlight).toBe(3);
    expect(stats.started).toHaveLength(12);
  });

  it('stops reading while a slow consumer holds `prefetch` shards unconsumed', async () => {
    const { source, stats, pending, release } = controlledSource(20);
    const it = createLoader({ source, concurrency: 2, prefetch: 5 })[Symbol.asyncIterator]();
    const first = it.next();
    // Release every read as it starts, without consuming anything more.
    for (let round = 0; round < 10; round += 1) {
      await settle();
      for (const name of [...pending.keys()]) release(name);
    }
    await settle();
    expect((await first).value?.shard.name).toBe('s0');
    await settle();
    // One shard was handed out by the first next(); at most 5 more may be started ahead of the consumer.
    expect(stats.started.length).toBe(6);
    expect(stats.inFlight).toBe(0); // every started read finished: only the prefetch bound holds reading back
    const before = stats.started.length;
    const second = await it.next();
    expect(second.value?.shard.name).toBe('s1');
    await settle();
    expect(stats.started.length).toBe(before + 1); // taking one item lets exactly one more read start
    await it.return?.();
  });

  it('delivers in completion order when unordered, and in shard order when ordered', async () => {
    for (const ordered of [false, true]) {
      const { source, release } = controlledSource(4);
      const it = createLoader({ source, concurrency: 4, ordered })[Symbol.asyncIterator]();
      const got: string[] = [];
      const consume = (async () => {
        for (let r = await it.next(); !r.done; r = await it.next()) got.push(r.value.shard.name);
      })();
      await settle();
      for (const name of ['s3', 's1', 's2', 's0']) {
        release(name);
        await settle();
      }
      await consume;
      expect(got).toEqual(ordered ? ['s0', 's1', 's2', 's3'] : ['s3', 's1', 's2', 's0']);
    }
  });

  it('starts the next read as soon as a read ends, while that shard is still being decoded', async () => {
    const { source, stats, release } = controlledSource(3);
    const decodes: Array<() => void> = [];
    const decode = (bytes: Uint8Array) => new Promise<Uint8Array>((resolve) => decodes.push(() => resolve(bytes)));
    const it = createLoader({ source, concurrency: 1, prefetch: 3, decode })[Symbol.asyncIterator]();
    const first = it.next();
    await settle();
    expect(stats.started).toEqual(['s0']);
    release('s0');
    await settle();
    expect(decodes).toHaveLength(1); // s0 is decoding, not finished
    expect(stats.started).toEqual(['s0', 's1']); // and s1 is already being read
    expect(stats.maxInFlight).toBe(1);
    decodes[0]?.();
    expect((await first).value?.shard.name).toBe('s0');
    await it.return?.();
  });

  it('decodes with a plain function and passes the shard', async () => {
    const source = memorySource(shardsOf(3));
    const names: string[] = [];
    for await (const { data } of createLoader({ source, decode: (bytes, shard) => `${shard.name}:${bytes.length}` }))
      names.push(data);
    expect(names).toEqual(['s0:3', 's1:3', 's2:3']);
  });

  it('decodes as a task on an executor, transferring whole buffers where the executor can', async () => {
    const inner = concurrentExecutor({ concurrency: 2 });
    const transfers: number[] = [];
    const executor: Executor = {
      ...inner,
      capabilities: { ...inner.capabilities, transfer: true },
      run: (task, input, opts) => {
        const bytes = (input as { bytes: Uint8Array }).bytes;
        expect(opts?.transfer).toEqual([bytes.buffer]);
        transfers.push(opts?.transfer?.length ?? 0);
        return inner.run(task, input, opts);
      },
    };
    const out: Array<{ shard: string; sum: number }> = [];
    for await (const { data } of createLoader({
      source: memorySource(shardsOf(5)),
      decode: { executor, task: sumBytesTask },
    })) {
      out.push(data);
    }
    expect(out).toEqual(shardsOf(5).map((s, i) => ({ shard: s.name, sum: 3 * i + 3 })));
    expect(transfers).toEqual([1, 1, 1, 1, 1]);
    await inner.close();
  });

  it('rejects with DATA_CORRUPT naming the shard when decoding fails', async () => {
    const shards = shardsOf(4);
    shards[2] = { name: 'bad-shard', bytes: new Uint8Array([255]) };
    const executor = concurrentExecutor({ concurrency: 2 });
    const seen: string[] = [];
    const run = async () => {
      for await (const { shard } of createLoader({
        source: memorySource(shards),
        decode: { executor, task: sumBytesTask },
      }))
        seen.push(shard.name);
    };
    const error = await run().catch((e: unknown) => e);
    expect(isWeftError(error, 'DATA_CORRUPT')).toBe(true);
    expect((error as Error).message).toMatch(/shard "bad-shard".*first byte is 255/);
    expect(seen).not.toContain('bad-shard');
    await executor.close();
  });

  it('rejects with SOURCE_FAILED naming the shard when a read fails, and aborts the other reads', async () => {
    const { source, stats, pending } = controlledSource(6);
    const run = async () => {
      for await (const _ of createLoader({ source, concurrency: 3 })) void _;
    };
    const failing = run().catch((e: unknown) => e);
    await settle();
    pending.get('s1')?.reject(new Error('disk on fire'));
    const error = await failing;
    expect(isWeftError(error, 'SOURCE_FAILED')).toBe(true);
    expect((error as Error).message).toMatch(/"s1".*disk on fire/);
    expect(stats.aborted.sort()).toEqual(['s0', 's2']);
    expect(stats.started).toEqual(['s0', 's1', 's2']);
  });

  it('passes a WeftError from the source through unchanged', async () => {
    const source: Source = {
      list: async () => [{ name: 'x' }],
      read: async () => {
        throw new WeftError('SOURCE_FAILED', 'GET http://h/x answered 404');
      },
    };
    await expect(async () => {
      for await (const _ of createLoader({ source })) void _;
    }).rejects.toThrow('GET http://h/x answered 404');
  });

  it('stops reading when the consumer breaks out early', async () => {
    const { source, stats, release } = controlledSource(50);
    const got: string[] = [];
    const consume = (async () => {
      for await (const { shard } of createLoader({ source, concurrency: 4 })) {
        got.push(shard.name);
        if (got.length === 2) break;
      }
    })();
    for (let i = 0; i < 4 && got.length < 2; i += 1) {
      await settle();
      release(`s${i}`);
    }
    await consume;
    expect(got).toEqual(['s0', 's1']);
    await settle();
    const startedAtBreak = stats.started.length;
    expect(stats.inFlight).toBe(0); // the rest were aborted
    expect(stats.aborted.length).toBeGreaterThan(0);
    await settle();
    expect(stats.started.length).toBe(startedAtBreak);
    expect(startedAtBreak).toBeLessThan(50);
  });

  it('rejects with ABORTED when its signal aborts', async () => {
    const { source, stats } = controlledSource(5);
    const controller = new AbortControllerCtor();
    const run = (async () => {
      for await (const _ of createLoader({ source, signal: controller.signal })) void _;
    })().catch((e: unknown) => e);
    await settle();
    controller.abort();
    expect(isWeftError(await run, 'ABORTED')).toBe(true);
    expect(stats.inFlight).toBe(0);
  });

  it('starts a new pass (an epoch) on every iteration', async () => {
    const loader = createLoader({ source: memorySource(shardsOf(3)), concurrency: 2 });
    for (let epoch = 0; epoch < 2; epoch += 1) {
      const names: string[] = [];
      for await (const { shard } of loader) names.push(shard.name);
      expect(names).toEqual(['s0', 's1', 's2']);
    }
  });

  it('rejects bad limits with INVALID_ARGUMENT', () => {
    const source = memorySource(shardsOf(1));
    expect(() => createLoader({ source, concurrency: 0 })).toThrow(/concurrency must be a positive integer/);
    expect(() => createLoader({ source, concurrency: 4, prefetch: 2 })).toThrow(
      /prefetch \(2\) must be at least concurrency \(4\)/,
    );
  });
});

describe('memorySource', () => {
  it('lists shards in order with sizes and reads copies', async () => {
    const bytes = new Uint8Array([1, 2]);
    const source = memorySource({ a: bytes });
    expect(await source.list()).toEqual([{ name: 'a', bytes: 2 }]);
    const read = await source.read({ name: 'a' }, new AbortControllerCtor().signal);
    read[0] = 9;
    expect(bytes[0]).toBe(1);
    await expect(source.read({ name: 'nope' }, new AbortControllerCtor().signal)).rejects.toThrow(/no shard "nope"/);
  });
});
