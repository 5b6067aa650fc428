/**
 * @module workloads/pytorch-trainer — PyTorch on the CPU as a contestant of `train` and `fit`: the same model, data
 * split, initial weights, epoch order, batch and optimiser as Weft's case, trained by `python/pytorch_train.py` in a
 * child Python (`$WEFT_PYTHON`, else `python3`) an epoch per request, so its epochs interleave with Weft's.
 */
import { spawn, execFile, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { WeftError, type LabelledData } from '@weft/core';
import { shownPath } from '../shown-path.js';
import { makeScratchDir, removeScratchDir } from '../scratch-dirs.js';

const run = promisify(execFile);

/** The trainer script, shipped beside `dist/` in the package. */
const SCRIPT = fileURLToPath(new URL('../../python/pytorch_train.py', import.meta.url));

/** The pip command that installs what the contestant needs (CPU wheels). */
export const PYTORCH_INSTALL =
  'pip install torch==2.13.0+cpu numpy (then set WEFT_PYTHON to that Python), or at the repository root: bash scripts/pytorch-venv.sh';

/**
 * The Python the contestant runs: `$WEFT_PYTHON`; else the nearest `.venv-torch/bin/python` from the working directory
 * up (what `scripts/pytorch-venv.sh` makes at the repository root); else `python3`.
 */
export function pythonCommand(): string {
  const chosen = process.env['WEFT_PYTHON'];
  if (chosen) return chosen;
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const venv = path.join(dir, '.venv-torch', 'bin', 'python');
    if (existsSync(venv)) return venv;
    if (path.dirname(dir) === dir) return 'python3';
  }
}

/** What {@link probePytorch} found. */
export type PytorchProbe =
  | {
      readonly status: 'available';
      readonly python: string;
      readonly torch: string;
      readonly numpy: string;
      readonly executable: string;
    }
  | { readonly status: 'missing'; readonly reason: string };

let probed: Promise<PytorchProbe> | undefined;

/** Whether the Python of {@link pythonCommand} can import torch and NumPy, with their versions, or why not (cached). */
export function probePytorch(): Promise<PytorchProbe> {
  probed ??= (async (): Promise<PytorchProbe> => {
    const python = pythonCommand();
    const code =
      'import json, sys, numpy, torch; print(json.dumps({"python": sys.version.split()[0], "torch": torch.__version__, "numpy": numpy.__version__, "executable": sys.executable}))';
    try {
      const { stdout } = await run(python, ['-c', code], { timeout: 60_000 });
      return {
        status: 'available',
        ...(JSON.parse(stdout) as { python: string; torch: string; numpy: string; executable: string }),
      };
    } catch (error) {
      const e = error as { code?: unknown; stderr?: string };
      const shown = shownPath(python);
      if (e.code === 'ENOENT')
        return { status: 'missing', reason: `no Python at ${shown} (set WEFT_PYTHON); install: ${PYTORCH_INSTALL}` };
      const missing = /No module named '?(\w+)/.exec(e.stderr ?? '')?.[1];
      if (missing !== undefined)
        return { status: 'missing', reason: `${shown} has no ${missing}; install: ${PYTORCH_INSTALL}` };
      return {
        status: 'missing',
        reason: `${shown} failed: ${(e.stderr ?? '').trim().split('\n').pop() || String(error)}`,
      };
    }
  })();
  return probed;
}

/** The model the PyTorch script builds: the MLP (dense layers, ReLU) or the CNN c8-p2-c16-p2-d10. */
export type PytorchModel = 'mlp' | 'cnn';

/** What the PyTorch contestant trains, all of it taken from the Weft case it stands beside. */
export interface PytorchSetup {
  readonly model: PytorchModel;
  /** Intra-op threads (`torch.set_num_threads`). */
  readonly threads: number;
  /** Initial weights, flat, in tfjs's order and layouts (dense kernels `[in, out]`, conv kernels `[kh, kw, in, out]`). */
  readonly weights: Float32Array;
  /** The shape of each tensor in `weights`, in order. */
  readonly shapes: readonly (readonly number[])[];
  readonly train: LabelledData;
  readonly test: LabelledData;
  /** The row order of each epoch (one permutation of the training rows per epoch). */
  readonly orders: readonly Int32Array[];
  readonly batch: number;
  readonly learningRate: number;
  /** Adam's epsilon (Weft's own Adam: 1e-8; tfjs's: 1e-7). */
  readonly epsilon: number;
  /** Steps on a throw-away copy before the first timed epoch. */
  readonly warmupSteps: number;
}

/** One epoch as PyTorch reported it. */
export interface PytorchEpoch {
  /** Mean training loss over the epoch's rows (each step's loss before its update). */
  readonly loss: number;
  /** The loss of the epoch's first step (the first epoch's is the initial weights' loss on the first batch). */
  readonly firstLoss: number;
  /** The epoch's time inside Python. */
  readonly ms: number;
}

/** A running PyTorch contestant (see {@link startPytorch}). */
export interface PytorchTrainer {
  readonly torch: string;
  readonly python: string;
  readonly threads: number;
  /** Trains the next epoch in the order given at start. */
  epoch(): Promise<PytorchEpoch>;
  /** Test accuracy (%) and mean loss on the setup's test rows. */
  evaluate(): Promise<{ readonly accuracy: number; readonly loss: number }>;
  /** Ends the Python process and removes its data folder. */
  close(): Promise<void>;
}

async function writeData(dir: string, setup: PytorchSetup): Promise<void> {
  const orders = new Int32Array(setup.orders.length * setup.train.rows);
  setup.orders.forEach((order, i) => orders.set(order, i * setup.train.rows));
  const bytes = (a: Float32Array | Int32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  await Promise.all([
    writeFile(path.join(dir, 'x.f32'), bytes(setup.train.x)),
    writeFile(path.join(dir, 'labels.i32'), bytes(setup.train.labels)),
    writeFile(path.join(dir, 'test-x.f32'), bytes(setup.test.x)),
    writeFile(path.join(dir, 'test-labels.i32'), bytes(setup.test.labels)),
    writeFile(path.join(dir, 'weights.f32'), bytes(setup.weights)),
    writeFile(path.join(dir, 'orders.i32'), bytes(orders)),
  ]);
}

/**
 * Starts the PyTorch contestant: writes the data, starts the script, waits for its warm-up. Throws `UNSUPPORTED` with
 * the install command when Python, torch or NumPy is missing, and an error with the script's last line when it fails.
 */
export async function startPytorch(setup: PytorchSetup): Promise<PytorchTrainer> {
  const probe = await probePytorch();
  if (probe.status === 'missing') throw new WeftError('UNSUPPORTED', probe.reason);
  if (setup.orders.some((o) => o.length !== setup.train.rows))
    throw new WeftError('INVALID_ARGUMENT', `every epoch order must hold the ${setup.train.rows} training rows`);
  const dir = await makeScratchDir('weft-pytorch-');
  let child: ChildProcessWithoutNullStreams | undefined;
  try {
    await writeData(dir, setup);
    child = spawn(pythonCommand(), [SCRIPT], { stdio: 'pipe' });
    const proc = child;
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const lines = createInterface({ input: proc.stdout })[Symbol.asyncIterator]();
    const exited = new Promise<never>((_, reject) =>
      proc.once('close', (code) =>
        reject(new Error(`PyTorch exited (status ${code}) ${stderr.trim().split('\n').pop() ?? ''}`.trim())),
      ),
    );
    exited.catch(() => undefined);
    const answer = async <T>(command?: string): Promise<T> => {
      if (command !== undefined) proc.stdin.write(`${JSON.stringify({ cmd: command })}\n`);
      const next = await Promise.race([lines.next(), exited]);
      if (next.done === true) return exited;
      const reply = JSON.parse(next.value) as T & { error?: string };
      if (reply.error !== undefined) throw new Error(`PyTorch: ${reply.error}`);
      return reply;
    };
    const { model, threads, train, test, shapes, batch, learningRate, epsilon, warmupSteps } = setup;
    const config = {
      dir,
      model,
      threads,
      rows: train.rows,
      testRows: test.rows,
      features: train.features,
      shapes,
      batch,
      epochs: setup.orders.length,
      learningRate,
      epsilon,
      warmupSteps,
    };
    proc.stdin.write(`${JSON.stringify(config)}\n`);
    const ready = await answer<{ torch: string; python: string; threads: number }>();
    return {
      torch: ready.torch,
      python: ready.python,
      threads: ready.threads,
      epoch: () => answer<PytorchEpoch>('epoch'),
      evaluate: () => answer<{ accuracy: number; loss: number }>('evaluate'),
      async close() {
        if (proc.exitCode === null) {
          proc.stdin.end(`${JSON.stringify({ cmd: 'quit' })}\n`);
          await Promise.race([exited.catch(() => undefined), new Promise((r) => setTimeout(r, 2000))]);
          proc.kill('SIGKILL');
        }
        await removeScratchDir(dir);
      },
    };
  } catch (error) {
    child?.kill('SIGKILL');
    await removeScratchDir(dir);
    throw error;
  }
}
