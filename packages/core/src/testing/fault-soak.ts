/**
 * A seeded, randomised fault soak for any worker pool executor: each trial
 * opens a pool of random size and `maxQueue`, sends it a random mix of tasks that succeed, throw, crash their worker
 * (exit, uncaught error in a timer, unhandled rejection), hang past `timeoutMs`, are aborted before or while they run,
 * transfer large buffers, cannot be cloned (inputs and results), or throw unreadable errors, and closes it (gracefully
 * or by force) in the middle or at the end. It checks that every task settles exactly once with the outcome its kind
 * calls for, that no trial hangs (a watchdog), that tasks start in FIFO order on each worker, and, where the caller
 * can count them, that no worker is left after close. Imports no test runner: callers assert on the summary.
 *
 * @module @weft/core/testing/fault-soak
 */
import { isWeftError, type WeftErrorCode } from '../errors.js';
import type { Executor, RunOptions } from '../executor.js';
import { platform, type AbortSignalLike } from '../platform.js';
import { createPrng, type Prng } from '../prng.js';
import type { TaskRef } from '../task.js';
import type { ConformanceFeatures } from './conformance.js';
import {
  crashTask,
  delayedEchoTask,
  exitTask,
  makeUncloneableTask,
  measureBufferTask,
  rejectLaterTask,
  sleepTask,
  throwErrorTask,
  throwUnreadableTask,
  ticketTask,
} from './tasks.js';

/** Options of {@link runFaultSoak}. */
export interface FaultSoakOptions {
  /** Names the runtime or executor in the summary line. */
  readonly name: string;
  /** Opens a fresh pool; the soak closes every pool it opens. */
  readonly create: (options: { readonly size: number; readonly maxQueue?: number }) => Executor;
  /** How many trials to run. */
  readonly trials: number;
  /** Seed of trial 0; trial `i` uses `seed + i`, so any failing trial can be replayed alone with {@link only}. */
  readonly seed: number;
  /** Run only these trial numbers (to replay a failure). */
  readonly only?: readonly number[];
  /** What the pool supports: crash cases need `crash`, buffers `transfer`, the FIFO check `sharedMemory`. */
  readonly features: ConformanceFeatures;
  /**
   * Workers alive now (started and not yet stopped), where the caller can count them (e.g. by wrapping
   * `createWorker`); checked after each trial's `close()` has resolved. Without it, leaks are not counted here.
   */
  readonly liveWorkers?: () => number;
  /** How long one trial may take before it counts as a hang (default 20 s). */
  readonly trialTimeoutMs?: number;
  /** Called with one line per failed trial, as it happens. */
  readonly log?: (line: string) => void;
}

/** What a soak found. */
export interface FaultSoakSummary {
  readonly name: string;
  readonly seed: number;
  readonly trials: number;
  readonly tasks: number;
  /** Tasks whose promise settled (a promise settles at most once; a task that never settles is a hang). */
  readonly settledOnce: number;
  readonly wrongOutcomes: number;
  readonly hangs: number;
  readonly leakedWorkers: number;
  /** One line per problem: the trial, its seed, the task and what was wrong. */
  readonly failures: readonly string[];
}

/** The soak's summary as one line: `name: trials N, tasks N, settled once N, wrong outcomes N, hangs N, leaked workers N`. */
export function formatSoakSummary(summary: FaultSoakSummary): string {
  const { name, trials, tasks, settledOnce, wrongOutcomes, hangs, leakedWorkers, seed } = summary;
  return `${name}: trials ${trials}, tasks ${tasks}, settled once ${settledOnce}, wrong outcomes ${wrongOutcomes}, hangs ${hangs}, leaked workers ${leakedWorkers} (seed ${seed})`;
}

/** How a task ended, as the soak sees it. */
type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/** One task of a trial: what was sent and how to judge its outcome. */
interface Probe {
  readonly kind: string;
  readonly task: TaskRef;
  readonly input: unknown;
  readonly options: RunOptions;
  /** Returns what is wrong with the outcome, or undefined when it is right for the kind. */
  readonly judge: (outcome: Outcome) => string | undefined;
  /** Runs once the task was submitted (aborts its signal later). */
  readonly afterSubmit?: () => void;
  /** True when the task can take its worker down: the tasks that worker had not started run again elsewhere. */
  readonly stopsWorker?: boolean;
}

interface AbortControllerLike {
  readonly signal: AbortSignalLike;
  abort(reason?: unknown): void;
}
const AbortController = (globalThis as unknown as { AbortController: new () => AbortControllerLike }).AbortController;
/** The standard `structuredClone`, typed here because core compiles without DOM or Node types. */
const structuredClone = (
  globalThis as unknown as { structuredClone: (value: unknown, options: { transfer: object[] }) => unknown }
).structuredClone;

const HANG_MS = 10_000;

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => platform.setTimeout(resolve, ms));
}

function describeOutcome(outcome: Outcome): string {
  if (outcome.ok) return `resolved with ${safeJson(outcome.value)}`;
  const error = outcome.error as { name?: unknown; code?: unknown; message?: unknown };
  return `rejected with ${String(error?.name)}${typeof error?.code === 'string' ? ` ${error.code}` : ''}: ${String(error?.message)}`;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function expectCode(code: WeftErrorCode, message?: RegExp): (outcome: Outcome) => string | undefined {
  return (outcome) =>
    !outcome.ok && isWeftError(outcome.error, code) && (message === undefined || message.test(outcome.error.message))
      ? undefined
      : `expected ${code}${message ? ` matching ${String(message)}` : ''}, got: ${describeOutcome(outcome)}`;
}

function expectValue(expected: unknown): (outcome: Outcome) => string | undefined {
  const text = safeJson(expected);
  return (outcome) =>
    outcome.ok && safeJson(outcome.value) === text ? undefined : `expected ${text}, got: ${describeOutcome(outcome)}`;
}

/** A task that sleeps past its time limit: its worker is stopped. */
const hang = (prng: Prng): Probe => ({
  kind: 'hang past timeoutMs',
  task: sleepTask as TaskRef,
  input: HANG_MS,
  options: { timeoutMs: 20 + prng.int(40) },
  judge: expectCode('TIMEOUT'),
  stopsWorker: true,
});

/** A sleeping task aborted a little after it was sent, while queued or running (its worker is then stopped). */
const abortWhileRunning = (prng: Prng): Probe => {
  const controller = new AbortController();
  const after = prng.int(40);
  return {
    kind: 'abort while queued or running',
    task: sleepTask as TaskRef,
    input: HANG_MS,
    options: { signal: controller.signal },
    judge: expectCode('ABORTED'),
    afterSubmit: () => platform.setTimeout(() => controller.abort(new Error('soak: aborted')), after),
    stopsWorker: true,
  };
};

/**
 * The kinds of task a trial draws from, each with its weight; those the pool cannot do are left out, and in a `calm`
 * trial those that stop a worker.
 */
function probeKinds(
  features: ConformanceFeatures,
  counter: Int32Array | undefined,
  calm: boolean,
): Array<[number, (prng: Prng, index: number) => Probe]> {
  const kinds: Array<[number, (prng: Prng, index: number) => Probe]> = [
    [
      6,
      (prng, index) => {
        const value = { index, text: `ok ${index}` };
        return {
          kind: 'ok',
          task: delayedEchoTask as TaskRef,
          input: { value, ms: prng.int(3) * 4 },
          options: {},
          judge: expectValue(value),
        };
      },
    ],
    [
      2,
      (_, index) => ({
        kind: 'throw',
        task: throwErrorTask as TaskRef,
        input: `soak failure ${index}`,
        options: {},
        judge: (outcome) =>
          !outcome.ok &&
          (outcome.error as Error).name === 'FixtureError' &&
          (outcome.error as Error).message === `soak failure ${index}`
            ? undefined
            : `expected FixtureError "soak failure ${index}", got: ${describeOutcome(outcome)}`,
      }),
    ],
    [
      1,
      () => ({
        kind: 'unreadable error',
        task: throwUnreadableTask as TaskRef,
        input: 'message',
        options: {},
        judge: (outcome) =>
          !outcome.ok && /could not be read/.test(String((outcome.error as Error).message))
            ? undefined
            : `expected an error that could not be read, got: ${describeOutcome(outcome)}`,
      }),
    ],
    [2, hang],
    [
      1,
      () => {
        const controller = new AbortController();
        controller.abort(new Error('soak: aborted before'));
        return {
          kind: 'abort before',
          task: sleepTask as TaskRef,
          input: HANG_MS,
          options: { signal: controller.signal },
          judge: expectCode('ABORTED'),
        };
      },
    ],
    [2, abortWhileRunning],
    [
      1,
      () => ({
        kind: 'uncloneable input',
        task: delayedEchoTask as TaskRef,
        input: { value: () => 1, ms: 0 },
        options: {},
        judge: expectCode('INVALID_ARGUMENT'),
      }),
    ],
    [
      1,
      () => ({
        kind: 'uncloneable result',
        task: makeUncloneableTask as TaskRef,
        input: {},
        options: {},
        judge: expectCode('TASK_FAILED', /could not be sent back/),
      }),
    ],
  ];
  if (calm) return kinds.filter(([, make]) => make !== hang && make !== abortWhileRunning);
  if (features.crash) {
    kinds.push(
      [
        1,
        () => ({
          kind: 'crash: exit',
          task: exitTask as TaskRef,
          input: undefined,
          options: {},
          judge: expectCode('WORKER_CRASHED'),
          stopsWorker: true,
        }),
      ],
      [
        1,
        (_, index) => ({
          kind: 'crash: uncaught error in a timer',
          task: crashTask as TaskRef,
          input: `soak ${index}`,
          options: {},
          judge: expectCode('WORKER_CRASHED'),
          stopsWorker: true,
        }),
      ],
      [
        1,
        (_, index) => ({
          kind: 'crash: unhandled rejection',
          task: rejectLaterTask as TaskRef,
          input: `soak ${index}`,
          options: {},
          judge: expectCode('WORKER_CRASHED'),
          stopsWorker: true,
        }),
      ],
    );
  }
  if (features.transfer) {
    kinds.push(
      [
        2,
        (prng) => {
          const bytes = (1 + prng.int(8)) * 256 * 1024;
          const buffer = new ArrayBuffer(bytes);
          const view = new Uint8Array(buffer);
          for (let i = 0; i < bytes; i += 4096) view[i] = 1;
          const expected = { byteLength: bytes, sum: Math.ceil(bytes / 4096) };
          const lost = expectCode('WORKER_CRASHED', /transferred input was lost/);
          return {
            kind: 'large transfer',
            task: measureBufferTask as TaskRef,
            input: buffer,
            options: { transfer: [buffer] },
            // Right unless a crash of a batch neighbour took the buffer down, which must say so.
            judge: (outcome) => {
              if (!outcome.ok) return lost(outcome);
              return buffer.byteLength === 0
                ? expectValue(expected)(outcome)
                : 'ran, but the buffer is still attached on the caller side (copied, not transferred)';
            },
          };
        },
      ],
      [
        1,
        () => {
          const buffer = new ArrayBuffer(64);
          structuredClone(buffer, { transfer: [buffer] });
          return {
            kind: 'detached transfer',
            task: measureBufferTask as TaskRef,
            input: buffer,
            options: { transfer: [buffer] },
            judge: expectCode('INVALID_ARGUMENT', /detached/),
          };
        },
      ],
    );
  }
  if (counter !== undefined) {
    kinds.push([
      3,
      () => ({
        kind: 'fifo ticket',
        task: ticketTask as TaskRef,
        input: { counter },
        options: {},
        judge: (outcome) => (outcome.ok ? undefined : `expected a ticket, got: ${describeOutcome(outcome)}`),
      }),
    ]);
  }
  return kinds;
}

function draw<T>(prng: Prng, weighted: ReadonlyArray<readonly [number, T]>): T {
  const total = weighted.reduce((sum, [weight]) => sum + weight, 0);
  let at = prng.next() * total;
  for (const [weight, item] of weighted) {
    at -= weight;
    if (at < 0) return item;
  }
  return weighted[weighted.length - 1]![1];
}

interface TrialResult {
  readonly tasks: number;
  readonly settled: number;
  readonly wrong: number;
  readonly hung: boolean;
  readonly leaked: number;
  readonly failures: string[];
}

async function runTrial(options: FaultSoakOptions, trial: number): Promise<TrialResult> {
  const seed = options.seed + trial;
  const prng = createPrng(seed);
  const size = 1 + prng.int(3);
  const maxQueue = prng.next() < 0.3 ? prng.int(6) : undefined;
  const count = 4 + prng.int(12);
  const closeMode = draw(prng, [
    [3, 'end'],
    [1, 'graceful'],
    [1, 'force'],
  ] as const);
  const closeAt = closeMode === 'end' ? count : 1 + prng.int(count - 1);
  const counter = options.features.sharedMemory ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
  // A quarter of the trials stop no worker (no crash, time limit or abort while running), so FIFO can be checked.
  const calm = prng.next() < 0.25;
  const kinds = probeKinds(options.features, counter, calm);
  const pool = options.create(maxQueue === undefined ? { size } : { size, maxQueue });
  const where = `trial ${trial} (seed ${seed}; size ${size}, maxQueue ${maxQueue ?? 'none'}, close ${closeMode} after ${closeAt} of ${count})`;
  const failures: string[] = [];
  const entries: Array<{
    probe: Probe;
    index: number;
    afterClose: boolean;
    outcome?: Outcome;
    settledBeforeForce: boolean;
  }> = [];
  const settledPromises: Promise<void>[] = [];
  let closing: Promise<void> | undefined;
  let forced = false;

  for (let index = 0; index < count; index += 1) {
    if (index === closeAt) {
      forced = closeMode === 'force';
      closing = pool.close(forced ? { force: true } : {});
    }
    const probe = draw(prng, kinds)(prng, index);
    const entry: (typeof entries)[number] = {
      probe,
      index,
      afterClose: closing !== undefined,
      settledBeforeForce: false,
    };
    entries.push(entry);
    settledPromises.push(
      pool.run(probe.task, probe.input, probe.options).then(
        (value) => {
          entry.outcome = { ok: true, value };
        },
        (error: unknown) => {
          entry.outcome = { ok: false, error };
        },
      ),
    );
    probe.afterSubmit?.();
    if (prng.next() < 0.3) await wait(prng.int(3) * 5);
    if (index + 1 === closeAt && closeMode === 'force')
      for (const e of entries) e.settledBeforeForce = e.outcome !== undefined;
  }
  closing ??= pool.close();

  let timer: unknown;
  const limit = options.trialTimeoutMs ?? 20_000;
  const finished = await Promise.race([
    Promise.all([Promise.all(settledPromises), closing]).then(() => true),
    new Promise<false>((resolve) => {
      timer = platform.setTimeout(() => resolve(false), limit);
    }),
  ]);
  platform.clearTimeout(timer);
  if (!finished) {
    const pending = entries.filter((e) => e.outcome === undefined).map((e) => `${e.index} (${e.probe.kind})`);
    failures.push(
      `${where}: hung for ${limit} ms; unsettled tasks: ${pending.join(', ') || 'none (close() never resolved)'}`,
    );
    await Promise.race([pool.close({ force: true }), wait(5_000)]);
  }

  let wrong = 0;
  const lastTicket = new Map<string, number>();
  // Tasks a stopped worker had not started run again at the front of the queue, after tasks already sent elsewhere:
  // FIFO per worker is checked in trials where no worker is stopped.
  const fifo = !entries.some((e) => e.probe.stopsWorker === true);
  for (const entry of entries) {
    const { outcome, probe, index } = entry;
    if (outcome === undefined) continue;
    let problem: string | undefined;
    if (entry.afterClose) {
      problem = expectCode('CLOSED')(outcome);
    } else if (!outcome.ok && isWeftError(outcome.error, 'QUEUE_FULL') && maxQueue !== undefined) {
      problem = undefined;
    } else if (!outcome.ok && isWeftError(outcome.error, 'CLOSED') && forced && !entry.settledBeforeForce) {
      problem = undefined;
    } else {
      problem = probe.judge(outcome);
    }
    if (problem === undefined && outcome.ok && probe.kind === 'fifo ticket' && fifo) {
      // Tasks start in submission order on each worker: a later task never gets an earlier ticket on the same thread.
      const { ticket, thread } = outcome.value as { ticket: number; thread: string };
      const last = lastTicket.get(thread);
      if (last !== undefined && ticket < last)
        problem = `started before an earlier task on the same worker (ticket ${ticket} after ${last}): FIFO broken`;
      lastTicket.set(thread, ticket);
    }
    if (problem !== undefined) {
      wrong += 1;
      failures.push(`${where}: task ${index} (${probe.kind}): ${problem}`);
    }
  }
  const leaked = finished && options.liveWorkers !== undefined ? options.liveWorkers() : 0;
  if (leaked > 0) failures.push(`${where}: ${leaked} worker(s) still alive after close() resolved`);
  if (failures.length > 0)
    failures.push(`${where}: tasks sent, in order: ${entries.map((e) => e.probe.kind).join(', ')}`);
  for (const line of failures) options.log?.(line);
  return {
    tasks: count,
    settled: entries.filter((e) => e.outcome !== undefined).length,
    wrong,
    hung: !finished,
    leaked,
    failures,
  };
}

/**
 * Runs the soak and resolves with its summary; never rejects for the pool's faults (they are in the summary).
 *
 * @example
 * ```ts
 * const summary = await runFaultSoak({
 *   name: 'node', trials: 1000, seed: 1, features: { parallel: true, transfer: true, sharedMemory: true, crash: true },
 *   create: ({ size, maxQueue }) => nodeThreadsExecutor({ size, maxQueue }),
 * });
 * console.log(formatSoakSummary(summary));
 * ```
 */
export async function runFaultSoak(options: FaultSoakOptions): Promise<FaultSoakSummary> {
  const trials = options.only ?? Array.from({ length: options.trials }, (_, i) => i);
  let tasks = 0;
  let settledOnce = 0;
  let wrongOutcomes = 0;
  let hangs = 0;
  let leakedWorkers = 0;
  const failures: string[] = [];
  for (const trial of trials) {
    const result = await runTrial(options, trial);
    tasks += result.tasks;
    settledOnce += result.settled;
    wrongOutcomes += result.wrong;
    hangs += result.hung ? 1 : 0;
    leakedWorkers = Math.max(leakedWorkers, result.leaked);
    failures.push(...result.failures);
  }
  return {
    name: options.name,
    seed: options.seed,
    trials: trials.length,
    tasks,
    settledOnce,
    wrongOutcomes,
    hangs,
    leakedWorkers,
    failures,
  };
}
