// The README's examples run as written with plain `node`: the quick start (squares.mjs), and the loader's (shards
// read on the event loop, decoded on 2 worker threads, two passes).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const EXAMPLES: ReadonlyArray<readonly [script: string, does: string, prints: string]> = [
  ['squares.mjs', 'runs the task on worker threads and on child processes', '[ 1, 4, 9 ]\n[ 16, 25 ]\n'],
  [
    'load-shards.mjs',
    'reads and decodes every shard, in two passes',
    'pass 1: 10 shards, 1000 digits\npass 2: 10 shards, 1000 digits\n',
  ],
];

describe('README examples', () => {
  for (const [script, does, prints] of EXAMPLES) {
    it(`${script} ${does}`, () => {
      const run = spawnSync(process.execPath, [fileURLToPath(new URL(`../examples/${script}`, import.meta.url))], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status, run.stderr.slice(-2000)).toBe(0);
      expect(run.stdout).toBe(prints);
    }, 90_000);
  }
});
