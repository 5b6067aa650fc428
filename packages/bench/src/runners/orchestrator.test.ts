import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isWeftError } from '@weft/core';
import { validateResults } from '@weft/core/study';
import { describe, expect, it } from 'vitest';
import { cliRunner } from './cli-runner.js';
import { nodeRunner } from './node.js';
import { runInRuntimes } from './orchestrator.js';
import type { RuntimeRunner } from './runtime.js';
import { writeStudyFolder } from './study-output.js';

// The node runner starts the built dist/cli.js in a child process (workers load built files): build first.

const scratch = () => mkdtemp(path.join(os.tmpdir(), 'weft-orchestrator-'));

const missing: RuntimeRunner = {
  name: 'deno',
  probe: () => Promise.resolve({ status: 'missing', install: 'npm install -D deno' }),
  run: () => Promise.reject(new Error('a missing runtime must not be run')),
};

/** A "runtime" that is really Node running a script of ours instead of the CLI. */
async function scriptRunner(name: 'bun' | 'chromium', source: string): Promise<RuntimeRunner> {
  const script = path.join(await scratch(), 'script.mjs');
  await writeFile(script, source);
  return cliRunner({
    name,
    probe: () => Promise.resolve({ status: 'available', version: '0.0.0-fake' }),
    command: () => ({ file: process.execPath, args: [] }),
    script,
  });
}

describe('runInRuntimes', () => {
  it('reports a missing runtime with its install command, one that crashes with its error, and still runs the others', async () => {
    const crash = await scriptRunner('chromium', "console.error('weft: the engine fell over'); process.exit(3);");
    const lines: string[] = [];
    const study = await runInRuntimes({
      runners: [missing, nodeRunner(), crash],
      profile: 'smoke',
      workloads: ['transfer'],
      timeoutMs: 30_000,
      progress: (m) => lines.push(m),
    });
    const [deno, node, chromium] = study.outcomes;
    expect(deno).toMatchObject({ runtime: 'deno', status: 'missing', install: 'npm install -D deno' });
    expect(deno?.status === 'missing' && deno.reason).toBe(
      'deno is not installed: install it with npm install -D deno',
    );
    expect(node?.status === 'failed' ? node.reason : node?.status).toBe('ok');
    if (node?.status === 'ok') {
      expect(node.results.runtime.name).toBe('node');
      expect(node.results.cases.length).toBeGreaterThan(0);
      expect(node.results.cases.every((c) => c.workload === 'transfer' && c.status === 'ok')).toBe(true);
    }
    expect(chromium).toMatchObject({ runtime: 'chromium', status: 'failed' });
    expect(chromium?.status === 'failed' && chromium.reason).toBe(
      'chromium exited with code 3 without writing results: weft: the engine fell over',
    );
    expect(lines).toContain('node: transfer: starting');
  }, 60_000);

  it('kills a runtime that hangs past the timeout and marks it failed', async () => {
    const pidFile = path.join(await scratch(), 'pid');
    const hang = await scriptRunner(
      'bun',
      `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000);`,
    );
    const study = await runInRuntimes({
      runners: [hang],
      profile: 'smoke',
      workloads: ['transfer'],
      timeoutMs: 1000,
      progress: () => undefined,
    });
    const [bun] = study.outcomes;
    expect(bun).toMatchObject({ runtime: 'bun', status: 'failed', version: '0.0.0-fake' });
    expect(bun?.status === 'failed' && bun.reason).toBe(
      'bun did not finish within 1 s and was killed; raise --runtime-timeout or run fewer workloads',
    );
    const pid = Number(await readFile(pidFile, 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });

  it('rejects an empty list of runtimes', async () => {
    const error = await runInRuntimes({
      runners: [],
      profile: 'smoke',
      workloads: ['transfer'],
      timeoutMs: 1000,
      progress: () => undefined,
    }).catch((e: unknown) => e);
    expect(isWeftError(error, 'INVALID_ARGUMENT')).toBe(true);
  });
});

describe('writeStudyFolder', () => {
  it('writes results per runtime, a manifest and both reports at once, and never into an existing folder', async () => {
    const hang = await scriptRunner('bun', 'setInterval(() => {}, 1000);');
    const study = await runInRuntimes({
      runners: [nodeRunner(), hang, missing],
      profile: 'smoke',
      workloads: ['transfer'],
      timeoutMs: 1500,
      progress: () => undefined,
    });
    // The node run alone may take longer than 1.5 s on a busy machine; then it is failed too, which is fine here.
    const parent = await scratch();
    const dir = path.join(parent, 'study');
    const folder = await writeStudyFolder(dir, study);
    const ranOk = study.outcomes.filter((o) => o.status === 'ok').map((o) => `${o.runtime}.json`);
    expect((await readdir(dir)).sort()).toEqual([...ranOk, 'report.html', 'report.md', 'study.json'].sort());
    expect(await readdir(parent)).toEqual(['study']); // no staging folder left behind
    const manifest = JSON.parse(await readFile(folder.manifest, 'utf8')) as {
      outcomes: Array<{ runtime: string; status: string; install?: string }>;
    };
    expect(manifest.outcomes.map((o) => [o.runtime, o.status])).toEqual(
      study.outcomes.map((o) => [o.runtime, o.status]),
    );
    expect(manifest.outcomes.find((o) => o.runtime === 'deno')?.install).toBe('npm install -D deno');
    for (const file of ranOk) validateResults(JSON.parse(await readFile(path.join(dir, file), 'utf8')));
    expect(await readFile(folder.markdown, 'utf8')).toContain(
      '| bun | 0.0.0-fake | failed: bun did not finish within 2 s and was killed',
    );
    const again = await writeStudyFolder(dir, study).catch((e: unknown) => e);
    expect(isWeftError(again, 'INVALID_ARGUMENT')).toBe(true);
  }, 60_000);
});
