/**
 * @module cluster-executor — the coordinator's half of the cluster: an {@link Executor} that sends each task as a
 * BullMQ job to the agents listening on a queue and settles it from the queue's events.
 */
import { randomUUID } from 'node:crypto';
import {
  WeftError,
  detectRuntime,
  taskLabel,
  type CloseOptions,
  type Executor,
  type ExecutorCapabilities,
  type MapOptions,
  type RunOptions,
  type TaskRef,
} from '@weft/core';
import {
  abortedError,
  checkMaxQueue,
  checkOptionalMs,
  checkPositiveInteger,
  checkTimeout,
  deserializeError,
  mapWithRun,
  timeoutError,
} from '@weft/core/adapter';
import { Queue, QueueEvents } from 'bullmq';
import { DEFAULT_MAX_PAYLOAD_BYTES, decodePayload, encodePayload } from './codec.js';
import { openRedis, redisOptions, unreachable, type ClusterConnection } from './connection.js';
import {
  CLUSTER_PROTOCOL,
  checkQueueName,
  clusterKeys,
  type AgentRecord,
  type TaskJobData,
  type TaskJobResult,
} from './protocol.js';
import { portableModule } from './task-names.js';
import { CLOSE_LIMIT_MS, settledWithin, withinMs } from './time-limits.js';

/** Options of {@link clusterExecutor}. */
export interface ClusterExecutorOptions {
  /** Where Redis is: `redis://host:port` or ioredis options. */
  readonly connection: ClusterConnection;
  /** The BullMQ queue the agents listen on (`startAgent({ queue })` with the same name). */
  readonly queue: string;
  /**
   * Most tasks sent to the agents at once; more wait on the coordinator. Default: the live agents' total concurrency
   * (read every `heartbeatMs`; 1 while no agent is registered).
   */
  readonly size?: number;
  /**
   * Most tasks allowed to wait beyond one per slot of `size` (on the coordinator or in Redis, not yet started by an
   * agent); one more rejects with `QUEUE_FULL` (default: unbounded).
   */
  readonly maxQueue?: number;
  /**
   * The project root task modules are named against (default: the current directory): a task module under it
   * travels as its path relative to the root, and each agent finds it under its own root.
   */
  readonly root?: string;
  /** Most bytes an encoded input may take; a bigger one rejects with `INVALID_ARGUMENT` (default 64 MiB). */
  readonly maxPayloadBytes?: number;
  /** How often the coordinator says it is alive and reads the agents (default 1000 ms). */
  readonly heartbeatMs?: number;
}

/** A live agent, as {@link ClusterExecutor.agents} lists it. */
export interface ClusterAgent {
  readonly name: string;
  readonly concurrency: number;
}

/** Options of {@link ClusterExecutor.ready}. */
export interface ClusterReadyOptions {
  /** Wait until at least this many agents are registered (default 1). */
  readonly agents?: number;
  /** Give up with `UNAVAILABLE` after this many ms (default 30 000). */
  readonly timeoutMs?: number;
}

/** An {@link Executor} whose tasks run on the agents of a cluster. */
export interface ClusterExecutor extends Executor {
  /** Resolves once Redis answers and `agents` agents are registered; rejects with `UNAVAILABLE` after `timeoutMs`. */
  ready(options?: ClusterReadyOptions): Promise<void>;
  /** The agents registered now, read from Redis. */
  agents(): Promise<ClusterAgent[]>;
}

/** One task between `run` and its settling. */
interface Pending {
  readonly jobId: string;
  readonly label: string;
  readonly data: TaskJobData;
  /** `queued` on the coordinator, `sent` to Redis and not started, `running` on an agent. */
  state: 'queued' | 'sent' | 'running';
  /** The coordinator's own time limit, armed when the job starts. */
  timer?: ReturnType<typeof setTimeout>;
  readonly settle: (outcome: { ok: true; value: unknown } | { ok: false; error: unknown }) => void;
}

/** How much later than the agent the coordinator enforces a time limit itself (the agent normally answers first). */
const TIMEOUT_GRACE_MS = 1_000;
/** How long an aborted job's mark stays in Redis for an agent that picks the job up late. */
const CANCEL_MARK_MS = 60_000;

/**
 * An executor whose tasks run on the agents of a cluster ({@link startAgent} on each machine), through a BullMQ queue
 * in Redis. Each task is one job; its input and result travel as MessagePack. Abort removes a waiting job and stops a
 * running one on its agent; `timeoutMs` is enforced by the agent and, a second later, by the coordinator. A task whose
 * agent dies runs again on another agent when it is `idempotent` (see `defineTask`), otherwise it rejects with
 * `WORKER_CRASHED`. When Redis cannot be reached, tasks in flight and new ones reject with `UNAVAILABLE`.
 *
 * @example
 * ```ts
 * const cluster = clusterExecutor({ connection: 'redis://10.0.0.5:6379', queue: 'weft' });
 * await cluster.ready({ agents: 2 });
 * console.log(await cluster.map(squareTask, [1, 2, 3]));
 * await cluster.close();
 * ```
 */
export function clusterExecutor(options: ClusterExecutorOptions): ClusterExecutor {
  const queueName = checkQueueName(options.queue);
  const fixedSize = options.size === undefined ? undefined : checkPositiveInteger('size', options.size);
  checkMaxQueue(options.maxQueue);
  const maxQueue = options.maxQueue ?? Number.POSITIVE_INFINITY;
  const maxPayloadBytes =
    options.maxPayloadBytes === undefined
      ? DEFAULT_MAX_PAYLOAD_BYTES
      : checkPositiveInteger('maxPayloadBytes', options.maxPayloadBytes);
  checkOptionalMs('heartbeatMs', options.heartbeatMs);
  const heartbeatMs = options.heartbeatMs ?? 1_000;
  const root = options.root ?? process.cwd();
  const connection = redisOptions(options.connection);
  const keys = clusterKeys(queueName);
  const id = randomUUID();

  const redis = openRedis(connection);
  const queue = new Queue(queueName, { connection: redis });
  // QueueEvents blocks its connection on the event stream: it gets one of its own.
  const eventsRedis = openRedis(connection);
  eventsRedis.on('error', () => undefined);
  let events: QueueEvents | undefined;
  let state: 'connecting' | 'up' | 'down' = 'connecting';
  let lastError = 'the connection closed';
  let capacity = 0;
  let closing: Promise<void> | undefined;
  let closed = false;
  let stopped = false;
  let sequence = 0;
  const waiting: Pending[] = [];
  const inFlight = new Map<string, Pending>();
  let drained: (() => void) | undefined;

  const unavailable = (what: string) => unreachable(connection, lastError, what);

  const window = () => fixedSize ?? Math.max(1, capacity);
  /** How many tasks in flight have started on an agent. */
  let started = 0;
  /** Tasks not started yet beyond one per slot of the window, as a local pool counts its queue. */
  const waitingCount = () => waiting.length + inFlight.size - started - Math.max(0, window() - started);

  redis.on('error', (error: Error) => {
    lastError = error.message;
  });
  redis.on('ready', () => {
    state = 'up';
    void heartbeat();
    dispatch();
  });
  redis.on('close', () => {
    // Also while a graceful close waits for tasks: they could never finish now.
    if (state === 'down') return;
    state = 'down';
    const error = unavailable('the task was in flight when the connection was lost');
    for (const pending of [...waiting, ...inFlight.values()]) pending.settle({ ok: false, error });
  });
  queue.on('error', () => undefined); // the connection's own listener above records the cause

  const listening = (async () => {
    await queue.waitUntilReady();
    await sayAlive();
    // Read events from the stream's current end, found before any job is added, so no job's event is missed.
    const last = (await redis.xrevrange(queue.keys.events as string, '+', '-', 'COUNT', 1))[0]?.[0] ?? '0-0';
    if (stopped) return;
    const queueEvents = new QueueEvents(queueName, { connection: eventsRedis, lastEventId: last });
    queueEvents.on('error', () => undefined);
    queueEvents.on('active', ({ jobId }) => onStarted(jobId));
    queueEvents.on('completed', ({ jobId, returnvalue }) => finished(jobId, returnvalue as TaskJobResult));
    queueEvents.on('failed', ({ jobId, failedReason }) => lost(jobId, failedReason));
    events = queueEvents;
    await queueEvents.waitUntilReady();
  })();
  listening.catch(() => undefined);
  const beat = setInterval(() => void heartbeat(), heartbeatMs);
  beat.unref();

  /** Marks this coordinator alive for three heartbeats: agents drop the jobs of a coordinator that is gone. */
  function sayAlive(): Promise<unknown> {
    return redis.set(keys.coordinator(id), '1', 'PX', heartbeatMs * 3);
  }

  async function heartbeat(): Promise<void> {
    if (state !== 'up' || stopped) return;
    try {
      await sayAlive();
      capacity = (await readAgents()).reduce((sum, agent) => sum + agent.concurrency, 0);
      dispatch();
    } catch {
      // The connection's listeners report a lost connection; the next beat tries again.
    }
  }

  async function readAgents(): Promise<ClusterAgent[]> {
    const now = Date.now();
    const records = await redis.hgetall(keys.agents);
    const agents: ClusterAgent[] = [];
    for (const [name, text] of Object.entries(records)) {
      const record = JSON.parse(text) as AgentRecord;
      if (record.expiresAt > now) agents.push({ name, concurrency: record.concurrency });
      else await redis.hdel(keys.agents, name);
    }
    return agents.sort((a, b) => a.name.localeCompare(b.name));
  }

  function dispatch(): void {
    if (state !== 'up' || events === undefined) return;
    while (waiting.length > 0 && inFlight.size < window()) {
      const pending = waiting.shift() as Pending;
      pending.state = 'sent';
      inFlight.set(pending.jobId, pending);
      queue
        .add(pending.label, pending.data, { jobId: pending.jobId, removeOnComplete: true, removeOnFail: true })
        .catch((error: unknown) =>
          pending.settle({
            ok: false,
            error: unavailable(`task ${pending.label} could not be sent (${String(error)})`),
          }),
        );
    }
  }
  void listening.then(dispatch, () => undefined);

  function onStarted(jobId: string): void {
    const pending = inFlight.get(jobId);
    if (pending === undefined || pending.state === 'running') return;
    pending.state = 'running';
    started += 1;
    const { timeoutMs } = pending.data;
    if (timeoutMs !== undefined) {
      pending.timer = setTimeout(() => {
        pending.settle({ ok: false, error: timeoutError(pending.label, timeoutMs) });
        cancel(jobId);
      }, timeoutMs + TIMEOUT_GRACE_MS);
    }
  }

  function finished(jobId: string, result: TaskJobResult): void {
    const pending = inFlight.get(jobId);
    if (pending === undefined) return;
    try {
      pending.settle(
        result.ok
          ? { ok: true, value: decodePayload(result.value) }
          : { ok: false, error: deserializeError(result.error) },
      );
    } catch (error) {
      pending.settle({ ok: false, error });
    }
  }

  function lost(jobId: string, reason: string): void {
    const pending = inFlight.get(jobId);
    if (pending === undefined) return;
    const stalled = /stalled/i.test(reason);
    const error = stalled
      ? new WeftError('WORKER_CRASHED', `task ${pending.label} was lost: the agents running it stopped (${reason})`, {
          task: pending.label,
        })
      : new WeftError('TASK_FAILED', `task ${pending.label} failed on the cluster: ${reason}`, { task: pending.label });
    pending.settle({ ok: false, error });
  }

  /** Stops a job wherever it is: removed if it waits in Redis, stopped by its agent if it runs. */
  function cancel(jobId: string): void {
    if (state !== 'up') return;
    redis
      .multi()
      .set(keys.cancelled(jobId), '1', 'PX', CANCEL_MARK_MS)
      .publish(keys.cancel, jobId)
      .exec()
      .then(() => queue.remove(jobId))
      .catch(() => undefined);
  }

  function run<I, O>(task: TaskRef<I, O>, input: I, runOptions: RunOptions = {}): Promise<O> {
    const label = taskLabel(task);
    if (closed) return Promise.reject(new WeftError('CLOSED', `cannot run ${label}: the cluster executor is closed`));
    try {
      checkTimeout(runOptions.timeoutMs);
    } catch (error) {
      return Promise.reject(error);
    }
    const { signal, timeoutMs } = runOptions;
    if (signal?.aborted === true) return Promise.reject(abortedError(label, signal));
    if (state === 'down') return Promise.reject(unavailable(`cannot run ${label}`));
    let encoded: string;
    try {
      encoded = encodePayload(input, `the input of ${label}`, maxPayloadBytes);
    } catch (error) {
      return Promise.reject(
        new WeftError('INVALID_ARGUMENT', `cannot send task ${label}: ${(error as Error).message}`, { task: label }),
      );
    }
    if (waitingCount() >= maxQueue) {
      return Promise.reject(
        new WeftError(
          'QUEUE_FULL',
          `cannot queue ${label}: ${waitingCount()} tasks already wait for a free agent (maxQueue ${maxQueue}); wait for some to finish or raise maxQueue`,
          { task: label },
        ),
      );
    }
    const jobId = `${id}-${(sequence += 1)}`;
    const data: TaskJobData = {
      protocol: CLUSTER_PROTOCOL,
      module: portableModule(task.module, root),
      name: task.name,
      label,
      input: encoded,
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      idempotent: task.idempotent === true,
      coordinator: id,
    };
    return new Promise<O>((resolve, reject) => {
      let settled = false;
      const onAbort = () => {
        const wasSent = pending.state !== 'queued';
        pending.settle({ ok: false, error: abortedError(label, signal as NonNullable<typeof signal>) });
        if (wasSent) cancel(jobId);
      };
      const pending: Pending = {
        jobId,
        label,
        data,
        state: 'queued',
        settle: (outcome) => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          clearTimeout(pending.timer);
          if (inFlight.delete(jobId) && pending.state === 'running') started -= 1;
          const index = waiting.indexOf(pending);
          if (index >= 0) waiting.splice(index, 1);
          if (outcome.ok) resolve(outcome.value as O);
          else reject(outcome.error);
          if (waiting.length === 0 && inFlight.size === 0) drained?.();
          dispatch();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      waiting.push(pending);
      dispatch();
    });
  }

  async function shutdown(): Promise<void> {
    stopped = true;
    clearInterval(beat);
    // Commands wait for a lost connection to come back: bound each wait.
    if (state === 'up') {
      await settledWithin(
        listening.then(() => redis.del(keys.coordinator(id))),
        CLOSE_LIMIT_MS,
      );
    }
    if (state !== 'up') {
      // BullMQ's close waits for the server; with none, drop the connections first.
      redis.disconnect();
      eventsRedis.disconnect();
    }
    await settledWithin(Promise.all([events?.close(), queue.close()]), CLOSE_LIMIT_MS);
    redis.disconnect();
    eventsRedis.disconnect();
  }

  function close(closeOptions: CloseOptions = {}): Promise<void> {
    closed = true;
    if (closeOptions.force === true) {
      const error = new WeftError('CLOSED', 'the cluster executor was closed with force before the task finished');
      for (const pending of [...waiting, ...inFlight.values()]) {
        const wasSent = pending.state !== 'queued';
        pending.settle({ ok: false, error: new WeftError('CLOSED', error.message, { task: pending.label }) });
        if (wasSent) cancel(pending.jobId);
      }
    }
    closing ??= (async () => {
      if (waiting.length > 0 || inFlight.size > 0) await new Promise<void>((resolve) => (drained = resolve));
      await shutdown();
    })();
    return closing;
  }

  async function ready(readyOptions: ClusterReadyOptions = {}): Promise<void> {
    const wanted = readyOptions.agents ?? 1;
    const timeoutMs = readyOptions.timeoutMs ?? 30_000;
    const deadline = Date.now() + timeoutMs;
    let seen = 0;
    for (;;) {
      if (closed) throw new WeftError('CLOSED', 'the cluster executor is closed');
      if (state === 'up') {
        const agents = await withinMs(listening.then(readAgents), Math.max(0, deadline - Date.now()));
        if (agents !== undefined) {
          seen = agents.length;
          capacity = agents.reduce((sum, agent) => sum + agent.concurrency, 0);
          if (seen >= wanted) return;
        }
      }
      if (Date.now() >= deadline) {
        throw state === 'up'
          ? new WeftError(
              'UNAVAILABLE',
              `only ${seen} of ${wanted} agents registered on queue "${queueName}" within ${timeoutMs} ms: start weft-agent on each machine with the same Redis and queue`,
            )
          : unavailable(`the cluster was not ready within ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const capabilities: ExecutorCapabilities = {
    kind: 'cluster',
    runtime: detectRuntime().name,
    sharedMemory: false,
    transfer: false,
    parallel: true,
  };
  return {
    get size() {
      return window();
    },
    capabilities,
    run,
    map: <I, O>(task: TaskRef<I, O>, inputs: Iterable<I>, mapOptions?: MapOptions<I>) =>
      mapWithRun({ run }, task, inputs, mapOptions),
    close,
    [Symbol.asyncDispose]: () => close(),
    ready,
    agents: async () => {
      await listening;
      return readAgents();
    },
  };
}
