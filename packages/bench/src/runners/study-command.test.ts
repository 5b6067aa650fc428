import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { validateResults } from '@weft/core/study';
import { describe, expect, it } from 'vitest';
import { probeDeno } from './deno.js';
import { weft } from '../run-weft.fixture.js';
import { WORKLOADS } from '../workloads/index.js';

const deno = await probeDeno();
if (deno.status !== 'available') console.warn(`skipping the Node + Deno study test: ${JSON.stringify(deno)}`);

describe('weft study --runtimes', () => {
  it.skipIf(deno.status !== 'available')(
    'runs the smoke study in Node and Deno and writes one merged report',
    async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'weft-study-'));
      const out = path.join(dir, 'study');
      // A watchdog, not a timing: this takes about a minute alone, several when every package's tests share 2 cores.
      const { code, stdout, stderr } = await weft(
        ['study', '--runtimes', 'node,deno', '--profile', 'smoke', '--out', out],
        dir,
        { timeoutMs: 400_000 },
      );
      // Only the notices of what this machine leaves out (none in CI), no error.
      expect(stderr.split('\n').filter((l) => l.startsWith('weft:') && !l.includes(' will be skipped: '))).toEqual([]);
      expect(code).toBe(0);
      expect((await readdir(out)).sort()).toEqual(['deno.json', 'node.json', 'report.html', 'report.md', 'study.json']);
      const denoResults = validateResults(JSON.parse(await readFile(path.join(out, 'deno.json'), 'utf8')));
      expect(denoResults.runtime.name).toBe('deno');
      expect(new Set(denoResults.cases.map((c) => c.workload))).toEqual(new Set(WORKLOADS.map((w) => w.name)));
      expect(denoResults.cases.filter((c) => c.status === 'failed')).toEqual([]);
      // The terminal gets the summary: the answers with their numbers, at most ~30 lines of at most 100 columns.
      const lines = stdout.trimEnd().split('\n');
      expect(lines.length).toBeLessThanOrEqual(32);
      expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(100);
      expect(stdout).toMatch(/^Weft study, profile smoke: /);
      expect(stdout).toMatch(/\n {2}node: ok in [\d.]+ s, \d+ cases/);
      expect(stdout).toMatch(
        /\n {2}One task: Weft [\d,.k]+ tasks\/s, [\d.]+× the best other pool; round trip [\d.]+ µs/,
      );
      expect(stdout).toMatch(/\n {2}Moving 1 MiB: clone [\d.]+ us/);
      expect(stdout).toContain(`Report written to ${path.relative(dir, path.join(out, 'report.md'))}`);
      expect(stdout).not.toContain('| strategy | backend |');
      expect(await readFile(path.join(out, 'report.md'), 'utf8')).toContain('## dispatch — What does one task cost?');
    },
    420_000,
  );

  it('reports a broken runtime override with its reason, and still runs the others', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'weft-study-'));
    const out = path.join(dir, 'study');
    const args = ['study', '--runtimes', 'node,bun', '--profile', 'smoke', '--workloads', 'transfer', '--out', out];
    const { code, stdout, stderr } = await weft(args, dir, {
      env: { ...process.env, WEFT_BUN: path.join(dir, 'no-bun-here') },
    });
    expect(code).toBe(1);
    expect(stderr).toContain(
      `weft: bun is installed but broken: WEFT_BUN=${path.join(dir, 'no-bun-here')} is not an executable file`,
    );
    expect(stdout).toMatch(/\n {2}node: ok in [\d.]+ s/);
    expect(stdout).toMatch(/\n {2}bun: failed: /);
    expect((await readdir(out)).sort()).toEqual(['node.json', 'report.html', 'report.md', 'study.json']);
  }, 60_000);

  it('says before it starts, in one line, what this machine leaves out and what fixes it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'weft-study-'));
    const args = [
      'study',
      '--runtimes',
      'node',
      '--profile',
      'smoke',
      '--workloads',
      'transfer',
      '--out',
      path.join(dir, 'study'),
    ];
    const { code, stderr } = await weft(args, dir, {
      env: { ...process.env, WEFT_PYTHON: path.join(dir, 'no-python-here') },
    });
    expect(code).toBe(0);
    // Paths in reasons are relative to the working folder.
    expect(stderr).toContain(
      'weft: the PyTorch cases will be skipped: no Python at no-python-here (set WEFT_PYTHON); install: pip install torch',
    );
  }, 60_000);

  it('rejects an unknown runtime in one line', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'weft-study-'));
    const { code, stderr } = await weft(['study', '--runtimes', 'node,rhino'], dir, { timeoutMs: 120_000 });
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('weft: --runtimes: unknown runtime "rhino": choose from node, deno, bun, chromium');
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('weft doctor', () => {
  it('prints every runtime and tfjs backend with a status', async () => {
    const { code, stdout } = await weft(['doctor'], os.tmpdir(), { timeoutMs: 120_000 });
    expect(code).toBe(0);
    for (const name of ['node', 'deno', 'bun', 'chromium', 'cpu', 'wasm', 'tensorflow', 'cuda']) {
      expect(stdout).toMatch(new RegExp(`\\n${name}\\s+[^\\n]*?\\s(available|missing|broken)`));
    }
    expect(stdout).toMatch(/^cores: \d+ · SharedArrayBuffer: available/);
  });
});
