/**
 * The pieces an adapter is built from, for authors of a new executor (a runtime's
 * workers, a cluster): the shared worker pool (`createWorkerPool`) and the loop inside each worker
 * (`createWorkerLoop`), the message protocol between them, error serialisation, task loading, the run guard that
 * applies `signal` and `timeoutMs`, the option checks every executor shares, and the shape of a `/tfjs` entry's backend
 * probe (`BackendProbe`). `@weft/node` and `@weft/browser`
 * are built from exactly these; users of an executor need only `@weft/core`.
 *
 * @module @weft/core/adapter
 */
export { serializeError, deserializeError } from './errors.js';
export type { SerializedError } from './errors.js';
export { platform } from './platform.js';
export type { TimerHandle } from './platform.js';
export { isTransferResult, loadTask, callTask } from './task.js';
export { mapWithRun } from './executor.js';
export { abortedError, timeoutError, guardRun } from './run-guard.js';
export {
  checkPositiveInteger,
  checkOptionalMs,
  checkTimeout,
  checkMaxQueue,
  checkTransferList,
} from './option-checks.js';
export {
  PROTOCOL_VERSION,
  READY,
  isRunMessage,
  isWorkerMessage,
  isCrashedMessage,
  runTaskMessage,
  unpackRunMessage,
} from './protocol.js';
export type {
  TaskMessage,
  RunMessage,
  TaskOutcome,
  ReadyMessage,
  ResultMessage,
  WorkerMessage,
  CrashedMessage,
} from './protocol.js';
export { createWorkerPool } from './worker-pool.js';
export type { PoolWorker, PoolWorkerEvents, WorkerExit, WorkerPoolOptions } from './worker-pool.js';
export type { BackendProbe, BackendStatus } from './backend-probe.js';
export { createWorkerLoop } from './worker-loop.js';
export type { WorkerLoop, WorkerLoopHost } from './worker-loop.js';
