/**
 * @module worker-loop — the worker side of the protocol, shared by every worker entry: queue the tasks of each
 * `RunMessage`, run them in order one at a time, and answer with `ResultsMessage`s. The entries (`@weft/node/worker`,
 * `@weft/browser/worker`) only wire it to their runtime's messaging and crash signals.
 */
import { PROTOCOL_VERSION, isRunMessage, runTaskMessage, type ResultsMessage, type TaskMessage, type TaskOutcome } from './protocol.js';
import type { TransferItem } from './task.js';

/** What a worker entry gives the loop. */
export interface WorkerLoopHost {
  /** Posts a message to the executor, transferring the items listed. */
  post(message: ResultsMessage, transfer: TransferItem[]): void;
  /**
   * Runs `callback` soon, before the timers of the task that starts next (Node: `setImmediate`; elsewhere
   * `setTimeout(0)`), so that finished outcomes are not held back by a slow task, nor lost if it crashes.
   */
  schedule(callback: () => void): void;
  /** Told the id of each task as it starts, and 0 when it ends (e.g. to publish it in shared memory). */
  onRunning?(id: number): void;
}

/** The loop of one worker. */
export interface WorkerLoop {
  /** Handles a message from the executor; anything but a `RunMessage` of this protocol is ignored. */
  receive(data: unknown): void;
  /** Posts the outcomes gathered so far (if any) in one message. */
  flush(): void;
  /** Stops running tasks; outcomes of tasks that finish later are dropped. */
  stop(): void;
  /** Id of the task running now, 0 when idle. */
  readonly running: number;
}

/**
 * Creates the worker loop. Outcomes of tasks that finish within the same turn are sent together; while a later task
 * runs, a scheduled flush sends them.
 *
 * @example
 * ```ts
 * const loop = createWorkerLoop({ post: (m, t) => self.postMessage(m, t), schedule: (f) => setTimeout(f, 0) });
 * self.addEventListener('message', (event) => loop.receive(event.data)); // before any await
 * self.postMessage(READY);
 * ```
 */
export function createWorkerLoop(host: WorkerLoopHost): WorkerLoop {
  const waiting: TaskMessage[] = [];
  let waitingHead = 0;
  let outcomes: TaskOutcome[] = [];
  let transfers: TransferItem[] = [];
  let draining = false;
  let flushScheduled = false;
  let running = 0;
  let stopped = false;

  const setRunning = (id: number): void => {
    running = id;
    host.onRunning?.(id);
  };

  function flush(): void {
    flushScheduled = false;
    if (outcomes.length === 0) return;
    const message: ResultsMessage = { v: PROTOCOL_VERSION, type: 'results', results: outcomes };
    const transferList = transfers;
    outcomes = [];
    transfers = [];
    host.post(message, transferList);
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
      if (outcomes.length > 0 && !flushScheduled) {
        flushScheduled = true;
        host.schedule(flush);
      }
      setRunning(task.id);
      const { outcome, transfer } = await runTaskMessage(task);
      setRunning(0);
      if (stopped) return;
      outcomes.push(outcome);
      for (const item of transfer) transfers.push(item);
    }
    draining = false;
    flush();
  }

  return {
    receive(data) {
      if (stopped || !isRunMessage(data)) return;
      for (const task of data.tasks) waiting.push(task);
      if (!draining) void drain();
    },
    flush,
    stop() {
      stopped = true;
    },
    get running() {
      return running;
    },
  };
}
