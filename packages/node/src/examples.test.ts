// The README's examples run as written with plain `node`: the quick start (squares.mjs), and the loader's (shards
// read on the event loop, decoded on 2 worker threads, two passes).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('README examples', () => {
  it('squares.mjs runs the task on worker threads and on child processes', () => {
    const script = fileURLToPath(new URL('../examples/squares.mjs', import.meta.url));
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    expect(run.stdout).toBe('[ 1, 4, 9 ]\n[ 16, 25 ]\n');
  }, 90_000);

  it('load-shards.mjs reads and decodes every shard, in two passes', () => {
    const script = fileURLToPath(new URL('../examples/load-shards.mjs', import.meta.url));
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    expect(run.stdout).toBe('pass 1: 10 shards, 1000 digits\npass 2: 10 shards, 1000 digits\n');
  }, 90_000);
});
