import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { skipCluster } from './cluster.fixture.js';

describe.skipIf(skipCluster)('the README example', () => {
  it('examples/cluster.mjs maps and trains on a 2-agent cluster it starts on this machine, then exits', () => {
    const script = fileURLToPath(new URL('../examples/cluster.mjs', import.meta.url));
    const run = spawnSync(process.execPath, [script], {
      encoding: 'utf8',
      timeout: 120_000,
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    });
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    expect(run.stdout).toContain('squares: [ 1, 4, 9, 16 ]');
    const accuracy = Number(/accuracy: (\d\.\d+)/.exec(run.stdout)?.[1]);
    expect(accuracy).toBeGreaterThan(0.75);
  }, 150_000);
});
