/**
 * @module worker-loop — the worker side of the protocol, shared by every worker entry: queue the tasks of each
 * `RunMessage`, run them in order one at a time, and answer each with a `ResultMessage` as soon as it ends. The
 * entries (`@weft/node/worker`, `@weft/browser/worker`) only wire it to their runtime's messaging and crash signals.
 */
import { WeftError, describeError, serializeError } from './errors.js';
import {
  PROTOCOL_VERSION,
  isRunMessage,
  runTaskMessage,
  unpackRunMessage,
  type ResultMessage,
  type TaskMessage,
  type TaskOutcome,
} from './protocol.js';
import { taskLabel, type TransferItem } from './task.js';
import { markWorkerRealm } from './worker-realm.js';

/** What a worker entry gives the loop. */
export interface WorkerLoopHost {
  /** Posts a message to the executor, transferring the items listed; throws when the message cannot be cloned. */
  post(message: ResultMessage, transfer: readonly TransferItem[]): void;
  /** Told the id of each task as it starts, and 0 when it ends (e.g. to publish it in shared memory). */
  onRunning?(id: number): void;
}

/** The loop of one worker. */
export interface WorkerLoop {
  /** Handles a message from the executor; anything but a `RunMessage` of this protocol is ignored. */
  receive(data: unknown): void;
  /** Stops running tasks; outcomes of tasks that finish later are dropped. */
  stop(): void;
  /** Id of the task running now, 0 when idle. */
  readonly running: number;
}

/**
 * Creates the worker loop. Each outcome is posted the moment its task ends, before the next task starts: a finished
 * result never waits for a slow neighbour, and is never lost if that neighbour takes the worker down. A result that
 * cannot be sent back (a function, an object holding one, a transfer list that cannot be transferred) becomes a
 * `TASK_FAILED` outcome naming the task; the worker keeps serving.
 *
 * @example
 * ```ts
 * const loop = createWorkerLoop({ post: (m, t) => self.postMessage(m, t) });
 * self.addEventListener('message', (event) => loop.receive(event.data)); // before any await
 * self.postMessage(READY);
 * ```
 */
export function createWorkerLoop(host: WorkerLoopHost): WorkerLoop {
  markWorkerRealm();
  const waiting: TaskMessage[] = [];
  let waitingHead = 0;
  let draining = false;
  let running = 0;
  let stopped = false;

  const setRunning = (id: number): void => {
    running = id;
    host.onRunning?.(id);
  };

  function post(outcome: TaskOutcome, transfer: readonly TransferItem[]): void {
    host.post({ v: PROTOCOL_VERSION, type: 'result', ...outcome }, transfer);
  }

  /** Posts a task's outcome; one that cannot be cloned or transferred is replaced by an error saying so. */
  function answer(task: TaskMessage, outcome: TaskOutcome, transfer: readonly TransferItem[]): void {
    try {
      post(outcome, transfer);
    } catch (error) {
      const label = taskLabel(task);
      const failure = new WeftError(
        'TASK_FAILED',
        `the result of ${label} could not be sent back to the caller (${describeError(error)}): return structured-cloneable values only (no functions, no objects holding them) and transfer only transferable objects`,
        { task: label },
      );
      post({ id: task.id, ok: false, error: serializeError(failure) }, []);
    }
  }

  async function drain(): Promise<void> {
    draining = true;
    while (waitingHead < waiting.length && !stopped) {
      const task = waiting[waitingHead] as TaskMessage;
      waitingHead += 1;
      if (waitingHead === waiting.length) {
        waiting.length = 0;
        waitingHead = 0;
      }
      setRunning(task.id);
      const { outcome, transfer } = await runTaskMessage(task);
      setRunning(0);
      if (stopped) return;
      answer(task, outcome, transfer);
    }
    draining = false;
  }

  return {
    receive(data) {
      if (stopped || !isRunMessage(data)) return;
      for (const task of unpackRunMessage(data)) waiting.push(task);
      if (!draining) void drain();
    },
    stop() {
      stopped = true;
    },
    get running() {
      return running;
    },
  };
}
