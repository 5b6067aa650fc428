// The README's loader example runs as written with plain `node`: shards read on the event loop, decoded on 2
// worker threads, two passes.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('README examples', () => {
  it('load-shards.mjs reads and decodes every shard, in two passes', () => {
    const script = fileURLToPath(new URL('../examples/load-shards.mjs', import.meta.url));
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    expect(run.stdout).toBe('pass 1: 10 shards, 1000 digits\npass 2: 10 shards, 1000 digits\n');
  }, 90_000);
});
