// The README's example runs as written with plain `node`, against the built package.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('README example examples/inline.mjs', () => {
  it('prints the squares', () => {
    const run = spawnSync(process.execPath, [fileURLToPath(new URL('../examples/inline.mjs', import.meta.url))], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    expect(run.stdout).toBe('[ 1, 4, 9 ]\n');
  });
});
