// The README's example runs as written in Deno and in Bun (the root devDependencies), against the built package.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = (name: string): string => fileURLToPath(new URL(`../../../node_modules/.bin/${name}`, import.meta.url));
const script = fileURLToPath(new URL('../examples/sums/sums.mjs', import.meta.url));

describe('README example examples/sums/sums.mjs', () => {
  for (const [runtime, args] of [
    ['deno', ['run', '-A', script]],
    ['bun', [script]],
  ] as const) {
    it(`prints the four sums in ${runtime}`, () => {
      const run = spawnSync(bin(runtime), [...args], { encoding: 'utf8', timeout: 60_000 });
      expect(run.status, run.stderr.slice(-2000)).toBe(0);
      expect(run.stdout).toBe('[ 499500, 1499500, 2499500, 3499500 ]\n');
    }, 90_000);
  }
});
