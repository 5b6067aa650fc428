import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { validateResults, type CaseResult } from '@weft/core/study';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../options.js';
import { renderMarkdown } from '../report/markdown.js';
import { resultsOf } from '../report/study.fixture.js';
import { weft } from '../run-weft.fixture.js';
import type { Workload } from '../workload.js';
import { createOversubscriptionWorkload, libtensorflowVersion, type BackendProbe } from './oversubscription.js';
import { nodeWorkloadHost } from '../hosts/node/node-host.js';

const scratch = () => mkdtemp(path.join(os.tmpdir(), 'weft-oversubscription-'));

function context(workload: Workload, given: Record<string, string>) {
  return {
    profile: 'smoke' as const,
    options: resolveOptions(workload.options, 'smoke', given),
    progress: () => undefined,
    host: nodeWorkloadHost,
  };
}

const available = (): Promise<BackendProbe> => Promise.resolve({ status: 'available', version: 'test' });

/** A child script that stands in for the real one and misbehaves as told. */
async function childScript(body: string): Promise<string> {
  const file = path.join(await scratch(), 'child.mjs');
  await writeFile(file, body);
  return file;
}

/**
 * A child that runs `firstRun` on its first run of each configuration (workers, pool: a marker file each), and on
 * later runs reports the samples [10, 12]: each case then completes one of two rounds.
 */
async function failsOnFirstRun(firstRun: string): Promise<string> {
  const dir = await scratch();
  return childScript(`
    const { existsSync, writeFileSync } = await import('node:fs');
    const input = JSON.parse(process.argv[2] ?? '{}');
    const marker = ${JSON.stringify(dir)} + '/' + [input.workers, input.pool].join('-');
    if (!existsSync(marker)) {
      writeFileSync(marker, '');
      ${firstRun}
    }
    console.log('WEFT_CHILD ' + JSON.stringify({ status: 'ok', samples: [10, 12], loss: 0.5 }));`);
}

const grid = (cases: readonly CaseResult[]) =>
  cases.map((c) => [c.backend, c.strategy, c.parameters['workers'], c.parameters['threads'], c.parameters['pool']]);

describe('oversubscription workload', () => {
  it('runs the smoke grid through weft bench: main thread, 1 worker thread and 1 process per thread count, wasm threads skipped in Node', async () => {
    const dir = await scratch();
    const json = path.join(dir, 'os.json');
    const { code, stderr } = await weft(['bench', 'oversubscription', '--profile', 'smoke', '--json', json], dir);
    const results = validateResults(JSON.parse(await readFile(json, 'utf8')));
    const cases = results.cases;
    expect(grid(cases)).toEqual([
      ['tensorflow', 'main-thread', 0, 1, undefined],
      ['tensorflow', 'data-parallel', 1, 1, 'worker-threads'],
      ['tensorflow', 'data-parallel', 1, 1, 'processes'],
      ['tensorflow', 'main-thread', 0, 2, undefined],
      ['tensorflow', 'data-parallel', 1, 2, 'worker-threads'],
      ['tensorflow', 'data-parallel', 1, 2, 'processes'],
      ['wasm', 'main-thread', 0, 1, undefined],
      ['wasm', 'main-thread', 0, 2, undefined],
    ]);
    for (const c of cases.filter((x) => x.backend === 'tensorflow')) {
      if (c.status === 'skipped') {
        // Without the native addon every native case says why, with the probe's reason.
        console.warn(`notice: native oversubscription cases skipped: ${c.reason}`);
        expect(c.reason).toMatch(/^tensorflow backend (missing|broken): /);
        continue;
      }
      if (c.status === 'failed') {
        expect(c.reason).toMatch(/child (crashed|exited)|timed out|Error/);
        expect(code).toBe(1);
        continue;
      }
      expect(c.samples).toHaveLength(2);
      expect(c.parameters['libtensorflow']).toMatch(/^\d+\.\d+/);
      const m = c.metrics;
      expect(m['samplesPerSecond']).toBeGreaterThan(0);
      expect(m['samplesPerSecondP10']).toBeLessThanOrEqual(m['samplesPerSecond'] as number);
      expect(m['samplesPerSecondP90']).toBeGreaterThanOrEqual(m['samplesPerSecond'] as number);
      expect(Number.isFinite(m['trainLoss'])).toBe(true);
      expect(c.parameters['threadsPerCore']).toBeCloseTo(
        (Math.max(1, c.parameters['workers'] as number) * (c.parameters['threads'] as number)) /
          os.availableParallelism(),
        9,
      );
      expect('speedupOverMain' in m).toBe(c.strategy === 'data-parallel');
      expect('speedupOverBestMain' in m).toBe(c.strategy === 'data-parallel');
    }
    expect(cases[6]?.status).toBe('ok');
    expect(cases[7]).toMatchObject({ status: 'skipped' });
    expect(cases[7]?.reason).toMatch(
      /wasm threads do not run here: tfjs-backend-wasm reports 1 thread\(s\) after asking for 2/,
    );
    if (cases.every((c) => c.status !== 'failed'))
      expect({ code, stderr: stderr.includes('weft:') }).toEqual({ code: 0, stderr: false });
    const report = await weft(['report', json], dir);
    expect(report.stdout).toContain('#### Oversubscription');
    // A watchdog, not a timing: under a minute alone, longer when every package's tests share 2 cores.
  }, 300_000);

  it('reads the libtensorflow version from the probe', () => {
    expect(libtensorflowVersion({ status: 'available', version: 'tfjs-node 4.22.0, libtensorflow 2.21.0' })).toBe(
      '2.21.0',
    );
    expect(libtensorflowVersion({ status: 'missing', reason: 'not installed' })).toBeUndefined();
    expect(libtensorflowVersion(undefined)).toBeUndefined();
  });

  it('records a child that exits early or reports an error as a failed case with the reason', async () => {
    const scripts = {
      exit: "console.error('Error: libtensorflow went away'); process.exit(3);",
      outcome:
        "console.log('WEFT_CHILD ' + JSON.stringify({ status: 'failed', reason: 'TASK_FAILED: worker 1 crashed' }));",
    };
    const reasons: Record<string, string | undefined> = {};
    for (const [name, body] of Object.entries(scripts)) {
      const workload = createOversubscriptionWorkload({ childScript: await childScript(body), probe: available });
      const cases = await workload.run(
        context(workload, { backends: 'tensorflow', threads: '1', workers: '2', pools: 'worker-threads,processes' }),
      );
      expect(grid(cases)).toEqual([
        ['tensorflow', 'main-thread', 0, 1, undefined],
        ['tensorflow', 'data-parallel', 2, 1, 'worker-threads'],
        ['tensorflow', 'data-parallel', 2, 1, 'processes'],
      ]);
      expect(cases.map((c) => c.status)).toEqual(['failed', 'failed', 'failed']);
      reasons[name] = cases[1]?.reason;
    }
    expect(reasons['exit']).toBe('child exited with code 3 without a result: Error: libtensorflow went away');
    expect(reasons['outcome']).toBe('TASK_FAILED: worker 1 crashed');
  });

  it('records a native crash as a measurement: crashed, with the crash rate over the rounds and the rounds that completed', async () => {
    // libtensorflow's start-up log line is no reason; the crash is. Each case completes one of its two rounds.
    const script = await failsOnFirstRun(`
      console.error('I0000 00:00:1795829400.244554   18290 port.cc:153] oneDNN custom operations are on.');
      process.kill(process.pid, 'SIGSEGV');`);
    const workload = createOversubscriptionWorkload({ childScript: script, probe: available });
    const cases = await workload.run(
      context(workload, {
        backends: 'tensorflow',
        threads: '1',
        workers: '2',
        pools: 'worker-threads,processes',
        rounds: '2',
      }),
    );
    expect(cases.map((c) => c.status)).toEqual(['crashed', 'crashed', 'crashed']);
    for (const c of cases) {
      expect(c.metrics['crashRate']).toBe(0.5);
      expect(c.samples).toEqual([10, 12]);
      expect(c.summary?.median).toBe(11);
    }
    expect(cases[1]?.reason).toBe(
      'child crashed (killed by SIGSEGV) (tfjs-node loaded in several worker threads is reported to crash upstream: tfjs #8388); crashed in 1 of 2 rounds',
    );
    // Processes load one libtensorflow each: the worker-threads hint does not apply.
    expect(cases[2]?.reason).toBe('child crashed (killed by SIGSEGV); crashed in 1 of 2 rounds');
    // A crash is not a failure of the study.
    expect(renderMarkdown([resultsOf('node', cases)])).toContain('crashed: child crashed (killed by SIGSEGV)');
  });

  it('records a libtensorflow error from worker threads sharing one libtensorflow as crashed; elsewhere it fails the case', async () => {
    // The error tfjs-node raised in a quick study (4 worker threads × 2 intra-op threads), on the first run only.
    const failed = {
      status: 'failed',
      reason: "Error: Invalid TF_Status: 5\nMessage: No attr named 'DstT' in NodeDef:\n\t [[{{node Cast}}]]",
    };
    const script = await failsOnFirstRun(`
      console.log('WEFT_CHILD ' + ${JSON.stringify(JSON.stringify(failed))});
      process.exit(0);`);
    const workload = createOversubscriptionWorkload({ childScript: script, probe: available });
    const cases = await workload.run(
      context(workload, {
        backends: 'tensorflow',
        threads: '2',
        workers: '4',
        pools: 'worker-threads,processes',
        rounds: '2',
      }),
    );
    expect(grid(cases).map((g) => g[4])).toEqual([undefined, 'worker-threads', 'processes']);
    expect(cases.map((c) => c.status)).toEqual(['failed', 'crashed', 'failed']);
    expect(cases[1]?.metrics['crashRate']).toBe(0.5);
    expect(cases[1]?.samples).toEqual([10, 12]);
    expect(cases[1]?.reason).toBe(
      "Error: Invalid TF_Status: 5 Message: No attr named 'DstT' in NodeDef: [[{{node Cast}}]] (tfjs-node loaded in several worker threads is reported to crash upstream: tfjs #8388); crashed in 1 of 2 rounds",
    );
    // The main thread and child processes load one libtensorflow per process: the same error there is a failure.
    expect(cases[0]?.reason).toMatch(/^Error: Invalid TF_Status: 5\n/);
    expect(cases[2]?.reason).toMatch(/^Error: Invalid TF_Status: 5\n/);
  });

  it('kills a child that hangs past --child-timeout and records it as failed, without waiting for it', async () => {
    const workload = createOversubscriptionWorkload({
      childScript: await childScript('setInterval(() => {}, 1000);'),
      probe: available,
    });
    const started = Date.now();
    const cases = await workload.run(
      context(workload, {
        backends: 'tensorflow',
        threads: '1',
        workers: '1',
        pools: 'worker-threads',
        'child-timeout': '1',
      }),
    );
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(cases.map((c) => [c.status, c.reason])).toEqual([
      ['failed', 'timed out after 1 s and was killed'],
      ['failed', 'timed out after 1 s and was killed'],
    ]);
  });

  it("skips every native case with the probe's reason when the tensorflow backend is missing, starting no child", async () => {
    const never = await childScript("throw new Error('no child should start');");
    const workload = createOversubscriptionWorkload({
      childScript: never,
      probe: () =>
        Promise.resolve({
          status: 'missing',
          reason: '@tensorflow/tfjs-node is not installed: npm install @tensorflow/tfjs-node',
        }),
    });
    const cases = await workload.run(context(workload, { backends: 'tensorflow', threads: '1,2', workers: '1' }));
    expect(cases).toHaveLength(6);
    for (const c of cases) {
      expect(c.status).toBe('skipped');
      expect(c.reason).toBe(
        'tensorflow backend missing: @tensorflow/tfjs-node is not installed: npm install @tensorflow/tfjs-node',
      );
    }
  });
});
