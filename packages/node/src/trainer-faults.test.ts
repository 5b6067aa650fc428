import { describe, expect, it } from 'vitest';
import {
  EXCHANGES,
  createDataParallelTrainer,
  inlineExecutor,
  isWeftError,
  type LabelledData,
  type ModelSpec,
  type TaskRef,
  type TrainerPartInput,
  type TrainerPartOutput,
} from '@weft/core';
import { createPrng } from '@weft/core/study';
import { nodeThreadsExecutor } from '@weft/node';
// @ts-expect-error a plain JavaScript fixture (workers load it as it is), without types
import * as fixture from '../test/trainer-fault-task.mjs';

const {
  THROW,
  CRASH,
  HANG,
  STRAGGLE,
  faultyPartTask: task,
  tensorCountTask,
} = fixture as {
  readonly THROW: number;
  readonly CRASH: number;
  readonly HANG: number;
  readonly STRAGGLE: number;
  readonly faultyPartTask: TaskRef<TrainerPartInput, TrainerPartOutput>;
  readonly tensorCountTask: TaskRef<number, number>;
};
const spec: ModelSpec = { kind: 'mlp', layers: [8, 16, 3], activation: 'relu', seed: 5 };

function blobs(rows: number): LabelledData {
  const prng = createPrng(1);
  const x = new Float32Array(rows * 8);
  const labels = new Int32Array(rows);
  for (let r = 0; r < rows; r += 1) {
    labels[r] = prng.int(3);
    for (let f = 0; f < 8; f += 1) x[r * 8 + f] = prng.normal() + (f % 3 === labels[r] ? 2 : 0);
  }
  return { x, labels, rows, features: 8 };
}

const clean = blobs(120);
const rows = (from: number, n: number) => Int32Array.from({ length: n }, (_, i) => from + i);
const maxDiff = (a: Float32Array, b: Float32Array) =>
  a.reduce((m, v, i) => Math.max(m, Math.abs(v - (b[i] as number))), 0);
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `clean` with the first feature of row 0 set to `fault` and of row 1 to STRAGGLE. */
function marked(fault: number): LabelledData {
  const x = clean.x.slice();
  x[0] = fault;
  x[8] = STRAGGLE;
  return { ...clean, x };
}

describe('data-parallel trainer on worker threads, with failing parts', () => {
  const faults = [
    ['throws', THROW, {}, (e: unknown) => e instanceof Error && /a part failed/.test(e.message)],
    ['crashes its worker', CRASH, {}, (e: unknown) => isWeftError(e, 'WORKER_CRASHED')],
    ['hangs past timeoutMs', HANG, { timeoutMs: 10_000 }, (e: unknown) => isWeftError(e, 'TIMEOUT')],
    ['hangs until the step is aborted', HANG, { abortAfterMs: 300 }, (e: unknown) => isWeftError(e, 'ABORTED')],
  ] as const;
  for (const exchange of EXCHANGES) {
    for (const [what, fault, options, expected] of faults) {
      it(`regression: with ${exchange}, a part that ${what} fails the step, leaves the weights unchanged, and no straggler of it touches later steps`, async () => {
        const pool = nodeThreadsExecutor({ size: 3 });
        const data = marked(fault);
        const timeoutMs = 'timeoutMs' in options ? options.timeoutMs : undefined;
        const trainer = createDataParallelTrainer({
          executor: pool,
          task,
          spec,
          backend: 'cpu',
          data,
          parts: 2,
          exchange,
          ...(timeoutMs ? { timeoutMs } : {}),
        });
        const reference = createDataParallelTrainer({
          executor: inlineExecutor(),
          task,
          spec,
          backend: 'cpu',
          data: clean,
          parts: 1,
        });
        try {
          await trainer.step(rows(10, 40));
          await reference.step(rows(10, 40));
          // Part 0 gets rows 0 and 20 (the fault), part 1 rows 1 and 21 (a straggler that keeps writing its slot).
          const controller = new AbortController();
          if ('abortAfterMs' in options) setTimeout(() => controller.abort(), options.abortAfterMs);
          const error = await trainer
            .step(Int32Array.from([0, 20, 1, 21]), { signal: controller.signal })
            .catch((e: unknown) => e);
          expect(expected(error), String(error)).toBe(true);
          expect(maxDiff(trainer.weights(), reference.weights())).toBe(0);
          expect(trainer.steps).toBe(1);
          for (let s = 0; s < 6; s += 1) {
            const batch = rows(30 + 10 * s, 24);
            expect(await trainer.step(batch)).toBeCloseTo(await reference.step(batch), 5);
            await wait(40);
          }
          expect(maxDiff(trainer.weights(), reference.weights())).toBeLessThan(1e-5);
        } finally {
          await pool.close({ force: true });
        }
      });
    }
  }

  it('tensor counts stay flat over 300 steps, on the main thread and in the workers', async () => {
    const pool = nodeThreadsExecutor({ size: 2 });
    const onMain = createDataParallelTrainer({
      executor: inlineExecutor(),
      task,
      spec,
      backend: 'cpu',
      data: clean,
      parts: 1,
    });
    const onWorkers = createDataParallelTrainer({
      executor: pool,
      task,
      spec,
      backend: 'cpu',
      data: clean,
      parts: 2,
      exchange: 'shared',
    });
    const counts = () => pool.map(tensorCountTask, [0, 1]);
    const main = inlineExecutor();
    try {
      const batch = rows(10, 32);
      for (let s = 0; s < 5; s += 1) await Promise.all([onMain.step(batch), onWorkers.step(batch)]);
      const before = { main: await main.run(tensorCountTask, 0), workers: await counts() };
      for (let s = 0; s < 300; s += 1) await Promise.all([onMain.step(batch), onWorkers.step(batch)]);
      expect({ main: await main.run(tensorCountTask, 0), workers: await counts() }).toEqual(before);
    } finally {
      await pool.close();
    }
  });
});
