/**
 * @module doctor — `weft doctor`: which runtimes and tfjs backends this machine has, with versions, and for each
 * missing or broken one the install command or the error; plus cores, SharedArrayBuffer, the Python with torch
 * that the PyTorch comparison runs, and the `redis-server` the cluster pool starts.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { detectRuntime, sharedMemoryAvailable } from '@weft/core';
import { useTfjsBackend, type TfjsBackendName } from '@weft/node/tfjs';
import { installedVersion } from './environment.js';
import { shownPath } from './shown-path.js';
import { STUDY_RUNTIMES } from './model/study.js';
import { runnerFor, type RuntimeProbe, type RuntimeRunner } from './runners/index.js';
import { probePytorch } from './workloads/pytorch-trainer.js';
import { importTfjs, probeBackend } from './workloads/tfjs-modules.js';

/** One line of the doctor's report. */
export interface DoctorItem {
  readonly kind: 'runtime' | 'tfjs-backend' | 'reference' | 'cluster';
  readonly name: string;
  readonly status: 'available' | 'missing' | 'broken';
  readonly version?: string;
  /** The install command (missing) or the error (broken) or where it was found (available). */
  readonly detail?: string;
}

/** What `weft doctor` found. */
export interface DoctorReport {
  readonly cores: number;
  readonly sharedArrayBuffer: boolean;
  readonly host: string;
  readonly items: readonly DoctorItem[];
}

function fromProbe(name: string, probe: RuntimeProbe): DoctorItem {
  switch (probe.status) {
    case 'available':
      return {
        kind: 'runtime',
        name,
        status: 'available',
        version: probe.version,
        ...(probe.detail ? { detail: shownPath(probe.detail) } : {}),
      };
    case 'missing':
      return { kind: 'runtime', name, status: 'missing', detail: `install: ${probe.install}` };
    case 'broken':
      return { kind: 'runtime', name, status: 'broken', detail: probe.error };
  }
}

/** Selects a pure-JS or wasm backend in this thread and multiplies two small matrices with it. */
async function checkBackend(name: TfjsBackendName): Promise<DoctorItem> {
  const pkg = `@tensorflow/tfjs-backend-${name}`;
  const version = installedVersion(pkg);
  if (version === undefined) {
    const core = installedVersion('@tensorflow/tfjs-core') === undefined ? '@tensorflow/tfjs-core ' : '';
    return { kind: 'tfjs-backend', name, status: 'missing', detail: `install: npm install ${core}${pkg}` };
  }
  try {
    const { tfc: tf } = await importTfjs();
    await useTfjsBackend(tf, name);
    const product = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])).dataSync()[0]);
    if (product !== 11) throw new Error(`1x2 · 2x1 gave ${product}, not 11`);
    return { kind: 'tfjs-backend', name, status: 'available', version };
  } catch (error) {
    const cause = (error as Error).cause;
    const detail = `${(error as Error).message}${cause instanceof Error ? `: ${cause.message}` : ''}`;
    return { kind: 'tfjs-backend', name, status: 'broken', version, detail };
  }
}

/**
 * Loads a native backend the way `useTfjsBackend` would (package, native library, for cuda the NVIDIA device and the
 * CUDA 11.2 / cuDNN 8.1 libraries) without selecting it, and reports its versions or exactly why it cannot run.
 */
async function checkNativeBackend(name: 'tensorflow' | 'cuda'): Promise<DoctorItem> {
  const probe = await probeBackend(name);
  return {
    kind: 'tfjs-backend',
    name,
    status: probe.status,
    ...(probe.version === undefined ? {} : { version: probe.version }),
    ...(probe.reason === undefined ? {} : { detail: probe.reason }),
  };
}

/** The Python, torch and NumPy of the PyTorch comparison (`$WEFT_PYTHON`, else `python3`), or the install command. */
async function checkPytorch(): Promise<DoctorItem[]> {
  const probe = await probePytorch();
  if (probe.status === 'missing')
    return [{ kind: 'reference', name: 'pytorch', status: 'missing', detail: probe.reason }];
  return [
    {
      kind: 'reference',
      name: 'python',
      status: 'available',
      version: probe.python,
      detail: shownPath(probe.executable),
    },
    { kind: 'reference', name: 'torch', status: 'available', version: probe.torch },
    { kind: 'reference', name: 'numpy', status: 'available', version: probe.numpy },
  ];
}

/** The `redis-server` that `@weft/cluster`'s local cluster (the `cluster` pools) starts, or how to install it. */
export function checkRedisServer(command = 'redis-server'): DoctorItem {
  const run = spawnSync(command, ['--version'], { encoding: 'utf8' });
  if (run.error !== undefined || run.status !== 0) {
    return {
      kind: 'cluster',
      name: 'redis-server',
      status: 'missing',
      detail: 'install: apt-get install redis-server (the cluster pools of dispatch and train start one)',
    };
  }
  const version = /v=(\S+)/.exec(run.stdout)?.[1];
  return { kind: 'cluster', name: 'redis-server', status: 'available', ...(version === undefined ? {} : { version }) };
}

/** Runs every check. `runners` replaces the runtimes' runners (for tests). */
export async function runDoctor(
  runners: readonly RuntimeRunner[] = STUDY_RUNTIMES.map(runnerFor),
): Promise<DoctorReport> {
  const items: DoctorItem[] = [];
  for (const runner of runners) {
    const probe = await runner.probe().catch((error: unknown): RuntimeProbe => ({
      status: 'broken',
      error: String((error as Error).message ?? error),
    }));
    items.push(fromProbe(runner.name, probe));
  }
  for (const name of ['cpu', 'wasm'] as const) items.push(await checkBackend(name));
  for (const name of ['tensorflow', 'cuda'] as const) items.push(await checkNativeBackend(name));
  items.push(...(await checkPytorch()));
  items.push(checkRedisServer());
  const runtime = detectRuntime();
  return {
    cores: os.availableParallelism(),
    sharedArrayBuffer: sharedMemoryAvailable(),
    host: `${runtime.name} ${runtime.version}, ${os.type()} ${os.arch()}, ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
    items,
  };
}

/** The doctor's report as aligned text: one line per runtime and backend. */
export function formatDoctor(report: DoctorReport): string {
  const lines = [
    `cores: ${report.cores} · SharedArrayBuffer: ${report.sharedArrayBuffer ? 'available' : 'not available'} · host: ${report.host}`,
    '',
  ];
  const table = (title: string, items: readonly DoctorItem[]) => {
    const width = Math.max(title.length, ...items.map((i) => i.name.length));
    const vwidth = Math.max(7, ...items.map((i) => (i.version ?? '-').length));
    lines.push(`${title.padEnd(width)}  ${'version'.padEnd(vwidth)}  status`);
    for (const i of items) {
      lines.push(
        `${i.name.padEnd(width)}  ${(i.version ?? '-').padEnd(vwidth)}  ${i.status}${i.detail ? ` — ${i.detail}` : ''}`,
      );
    }
    lines.push('');
  };
  table(
    'runtime',
    report.items.filter((i) => i.kind === 'runtime'),
  );
  table(
    'tfjs backend',
    report.items.filter((i) => i.kind === 'tfjs-backend'),
  );
  table(
    'non-JS reference',
    report.items.filter((i) => i.kind === 'reference'),
  );
  table(
    'cluster',
    report.items.filter((i) => i.kind === 'cluster'),
  );
  return lines.join('\n');
}
