/**
 * @module protocol — the messages between an executor and its workers, shared by every worker adapter,
 * and the worker-side handler that answers them. Every message carries the protocol version `v`.
 */
import { serializeError, type SerializedError } from './errors.js';
import { callTask, loadTask, type TransferItem } from './task.js';

/** Version of the message protocol; a worker ignores messages of another version. */
export const PROTOCOL_VERSION = 2;

/** One task to run, as a worker queues it. */
export interface TaskMessage {
  /** Executor-chosen id, unique among the tasks in flight. */
  readonly id: number;
  readonly module: string;
  readonly name: string;
  readonly input: unknown;
}

/**
 * Executor → worker: run these tasks, in order. Task `i` has id `ids[i]`, runs `tasks[refs[i]]` on `inputs[i]`:
 * parallel arrays and each distinct task named once, so a batch of many small tasks is cheap to clone.
 */
export interface RunMessage {
  readonly v: typeof PROTOCOL_VERSION;
  readonly type: 'run';
  /** The distinct tasks of the batch. */
  readonly tasks: readonly { readonly module: string; readonly name: string }[];
  readonly ids: readonly number[];
  readonly refs: readonly number[];
  readonly inputs: readonly unknown[];
}

/** The tasks of a {@link RunMessage}, one {@link TaskMessage} each, in order. */
export function unpackRunMessage(message: RunMessage): TaskMessage[] {
  return message.ids.map((id, i) => {
    const { module, name } = message.tasks[message.refs[i] as number] as RunMessage['tasks'][number];
    return { id, module, name, input: message.inputs[i] };
  });
}

/** The outcome of one task. */
export type TaskOutcome =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: SerializedError };

/** Worker → executor: the worker is listening. */
export interface ReadyMessage {
  readonly v: typeof PROTOCOL_VERSION;
  readonly type: 'ready';
}

/** Worker → executor: the outcome of one task, posted the moment it ends. */
export type ResultMessage = TaskOutcome & { readonly v: typeof PROTOCOL_VERSION; readonly type: 'result' };

/** Any message a worker sends. */
export type WorkerMessage = ReadyMessage | ResultMessage;

/**
 * Worker → executor, last message of a worker that is going down on its own (an uncaught error, or `close()`
 * called by a task), posted after the outcomes of the tasks that finished. Web Workers need it: unlike a Node
 * thread, a closed Web Worker ends without any event on the executor's side.
 */
export interface CrashedMessage {
  readonly v: typeof PROTOCOL_VERSION;
  readonly type: 'crashed';
  /** Id of the task that was running, or 0 when none was. */
  readonly id: number;
  /** What happened, as a phrase: `"closed itself"`, `"threw an uncaught exception (boom)"`. */
  readonly reason: string;
  /** The uncaught error, if there was one. */
  readonly error?: SerializedError;
}

/** True when `data` is a {@link RunMessage} of this protocol version. */
export function isRunMessage(data: unknown): data is RunMessage {
  const m = data as Partial<RunMessage> | null;
  return typeof m === 'object' && m !== null && m.v === PROTOCOL_VERSION && m.type === 'run' && Array.isArray(m.ids);
}

/** True when `data` is a {@link WorkerMessage} of this protocol version. */
export function isWorkerMessage(data: unknown): data is WorkerMessage {
  const m = data as Partial<WorkerMessage> | null;
  return typeof m === 'object' && m !== null && m.v === PROTOCOL_VERSION && (m.type === 'ready' || m.type === 'result');
}

/** True when `data` is a {@link CrashedMessage} of this protocol version. */
export function isCrashedMessage(data: unknown): data is CrashedMessage {
  const m = data as Partial<CrashedMessage> | null;
  return (
    typeof m === 'object' && m !== null && m.v === PROTOCOL_VERSION && m.type === 'crashed' && typeof m.id === 'number'
  );
}

/** The ready message a worker posts once its listener is registered. */
export const READY: ReadyMessage = { v: PROTOCOL_VERSION, type: 'ready' };

/**
 * Runs one task in a worker and returns its outcome and the buffers to transfer back.
 * Never throws: a failing task becomes an `ok: false` outcome.
 */
export async function runTaskMessage(
  task: TaskMessage,
): Promise<{ outcome: TaskOutcome; transfer: readonly TransferItem[] }> {
  try {
    const fn = await loadTask(task);
    const { value, transfer } = await callTask(fn, task.input);
    return { outcome: { id: task.id, ok: true, value }, transfer };
  } catch (error) {
    return { outcome: { id: task.id, ok: false, error: serializeError(error) }, transfer: [] };
  }
}
