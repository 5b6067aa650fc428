import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateResults } from '@weft/core/study';
import { describe, expect, it } from 'vitest';
import { weft } from './run-weft.fixture.js';
import { CLI_PATH } from './runners/locate.js';
import { WORKLOADS } from './workloads/index.js';

// The CLI is tested as users run it: the built `dist/cli.js` in a child process (workers load built files).

async function scratch(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'weft-cli-'));
}

/** A bad input must give exactly one line on stderr, exit code 2 (whoever detects it), no stack, and no results file. */
async function expectOneLineError(args: string[], pattern: RegExp): Promise<void> {
  const dir = await scratch();
  const { code, stderr } = await weft(args, dir);
  expect(code).toBe(2);
  const lines = stderr
    .trim()
    .split('\n')
    .filter((l) => !l.startsWith('(run with --help'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(await readdir(dir)).toEqual([]);
}

describe('weft CLI basics', () => {
  it('prints its version with --version and exits 0', async () => {
    const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(await weft(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
    expect(await weft(['-V'])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });
  it('reports a study folder and its study.json as well as results files', async () => {
    const folder = fileURLToPath(new URL('../../../apps/docs/data/all-runtimes-quick', import.meta.url));
    for (const input of [folder, path.join(folder, 'study.json')]) {
      const { code, stdout } = await weft(['report', input]);
      expect(code).toBe(0);
      for (const runtime of ['node', 'deno', 'bun', 'chromium'])
        expect(stdout).toContain(`## Results: ${runtime} (run `);
    }
  });
  it('writes the HTML report with --html: a study folder as weft study wrote it, results files as one runtime each', async () => {
    const dir = await scratch();
    const folder = fileURLToPath(new URL('../../../apps/docs/data/all-runtimes-quick', import.meta.url));
    const page = async (...inputs: string[]): Promise<string> => {
      const html = path.join(dir, 'report.html');
      const { code, stdout } = await weft(['report', ...inputs, '--html', html]);
      expect(code).toBe(0);
      expect(stdout).toContain('## Results: node (run ');
      return readFile(html, 'utf8');
    };
    const study = await page(folder);
    expect(study).toMatch(/^<!doctype html>/);
    // The manifest's wall times (deno's run took 1,159 s) and its four runtimes, in its order.
    expect(
      [...study.matchAll(/<tr><td>(\w+)<\/td><td>[^<]*<\/td><td class="ok">ok in ([\d,.]+) s,/g)].map((m) =>
        m.slice(1),
      ),
    ).toEqual([
      ['node', '578'],
      ['deno', '1,159'],
      ['bun', '506'],
      ['chromium', '84.1'],
    ]);
    const files = await page(path.join(folder, 'bun.json'), path.join(folder, 'node.json'));
    expect(
      [...files.matchAll(/<tr><td>(\w+)<\/td><td>[^<]*<\/td><td class="ok">(ok[^<]*)</g)].map((m) => m.slice(1)),
    ).toEqual([
      ['bun', 'ok, 216 cases (182 ok, 33 skipped, 1 crashed)'],
      ['node', 'ok, 180 cases (153 ok, 25 skipped, 2 crashed)'],
    ]);
    expect(await readdir(dir)).toEqual(['report.html']);
  });
  it('rejects an --html path it cannot write, before reading anything', () =>
    expectOneLineError(
      ['report', 'missing.json', '--html', '/proc/weft/report.html'],
      /^weft: --html: cannot create the folder \/proc\/weft \(E[A-Z]+\): choose another path$/,
    ));
  it('removes its temporary shard folder when interrupted with Ctrl-C (SIGINT), and exits 130', async () => {
    const tmp = await scratch();
    const child = spawn(process.execPath, [CLI_PATH, 'bench', 'load', '--profile', 'smoke'], {
      env: { ...process.env, TMPDIR: tmp },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 60_000;
    while (!(await readdir(tmp)).some((name) => name.startsWith('weft-load-')) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect((await readdir(tmp)).some((name) => name.startsWith('weft-load-'))).toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect((await readdir(tmp)).filter((name) => name.startsWith('weft-'))).toEqual([]);
  }, 90_000);
  it('rejects a missing argument and an unknown command with exit code 2', async () => {
    expect((await weft(['report'])).code).toBe(2);
    expect((await weft(['frobnicate'])).code).toBe(2);
  });
});

describe('weft CLI bad input', () => {
  it('rejects an unknown workload', () => expectOneLineError(['bench', 'nope'], /unknown (workload|command) .*nope/));
  it('rejects an unknown workload in study --workloads', () =>
    expectOneLineError(['study', '--workloads', 'dispatch,nope'], /unknown workload "nope"/));
  it('rejects an unknown option', () =>
    expectOneLineError(['bench', 'dispatch', '--frobnicate', '3'], /unknown option '--frobnicate'/));
  it('rejects an unknown strategy value', () =>
    expectOneLineError(
      ['bench', 'dispatch', '--pools', 'weft,threadz'],
      /--pools must be a comma-separated list of auto, weft, weft-web-workers, raw-web-workers, piscina, tinypool, weft-cluster, atomics \(got "weft,threadz"\)/,
    ));
  it('rejects zero workers', () =>
    expectOneLineError(['bench', 'dispatch', '--threads', '0'], /--threads must be .*positive integers.*"0"/));
  it('rejects a non-integer worker count', () =>
    expectOneLineError(['bench', 'dispatch', '--threads', '1.5'], /--threads must be .*positive integers.*"1.5"/));
  it('rejects an unknown profile', () =>
    expectOneLineError(['study', '--profile', 'huge'], /argument 'huge' is invalid/));
  it('rejects a --json path it cannot write, before any work and without hanging', () =>
    expectOneLineError(
      ['bench', 'dispatch', '--json', '/proc/weft/t.json'],
      /^weft: --json: cannot create the folder \/proc\/weft \(E[A-Z]+\): choose another path$/,
    ));
  it('rejects a --json path that is a folder', async () => {
    const dir = await scratch();
    await expectOneLineError(['bench', 'dispatch', '--json', dir], /--json: .* is a folder: give a file name/);
  });
  it('rejects a missing results file', () =>
    expectOneLineError(['report', 'missing.json'], /^weft: missing\.json: no such file;/));
  it('rejects a results file that is not JSON', async () => {
    const dir = await scratch();
    const file = path.join(dir, 'bad.json');
    await writeFile(file, '{ not json');
    await expectOneLineError(['report', file], /bad\.json: not valid JSON/);
  });
  it('rejects JSON that is not a results file, naming the wrong field', async () => {
    const dir = await scratch();
    const file = path.join(dir, 'other.json');
    await writeFile(file, JSON.stringify({ schema: 'weft-results', schemaVersion: 1 }));
    await expectOneLineError(
      ['report', file],
      /other\.json: not a Weft results file: results\.runId should be a string/,
    );
  });
  it('prints a stack trace with --verbose', async () => {
    const { code, stderr } = await weft(['--verbose', 'report', 'missing.json'], await scratch());
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/\n\s+at /);
  });
});

describe('weft study --profile smoke', () => {
  it('runs every workload end to end and writes a results file that validates', async () => {
    const dir = await scratch();
    const json = path.join(dir, 'smoke.json');
    const { code, stdout, stderr } = await weft(['study', '--profile', 'smoke', '--json', json], dir);
    expect(stderr + stdout).not.toMatch(/failed:/);
    expect(code).toBe(0);
    const results = validateResults(JSON.parse(await readFile(json, 'utf8')));
    expect(results.runtime.name).toBe('node');
    expect(new Set(results.cases.map((c) => c.workload))).toEqual(new Set(WORKLOADS.map((w) => w.name)));
    expect(results.cases.filter((c) => c.status === 'failed')).toEqual([]);
    // Only what cannot run here is skipped (a backend such as cuda, a kernel wasm lacks), and always with its reason.
    expect(results.cases.filter((c) => c.status === 'skipped' && !c.reason)).toEqual([]);
    expect(
      results.cases
        .filter((c) => ['load', 'train', 'dispatch', 'transfer'].includes(c.workload))
        .every((c) => c.status === 'ok'),
    ).toBe(true);
    expect(stdout).toContain('### dispatch');
    // The report command reads the file back.
    const report = await weft(['report', json], dir);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('| strategy | backend |');
  }, 480_000); // 120 s here beside the other packages' tests; the limit bounds a hang, not a speed
});
