import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../dist/agent-cli.js', import.meta.url));
const agent = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 20_000 });

describe('weft-agent', () => {
  it('--help prints the usage and exits 0', () => {
    const run = agent('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^usage: weft-agent/);
  });

  it('bad input: one line saying what is wrong, the usage line, exit 2, no stack trace', () => {
    for (const [args, message] of [
      [['--pool', 'gpus'], /--pool must be threads or processes \(got gpus\)/],
      [['--size', 'many'], /--size must be a number/],
      [['--redis', 'http://x'], /must be a redis:\/\/ or rediss:\/\/ URL/],
      [['--redis', 'redis://127.0.0.1:1'], /127\.0\.0\.1:1 cannot be reached .*start redis-server/],
    ] as const) {
      const run = agent(...args);
      expect(run.status, run.stderr).toBe(2);
      const lines = run.stderr.trim().split('\n');
      expect(lines[0]).toMatch(message);
      expect(lines).toHaveLength(2);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
