/**
 * @module agent — the agents' half of the cluster: a BullMQ worker that takes task jobs from the queue and runs them on
 * a local executor, heartbeating so that the jobs of a dead agent are found and run again or rejected.
 */
import { hostname } from 'node:os';
import { WeftError, isWeftError, type Executor } from '@weft/core';
import { checkOptionalMs, checkPositiveInteger, serializeError, type SerializedError } from '@weft/core/adapter';
import { Worker, type Job } from 'bullmq';
import { DEFAULT_MAX_PAYLOAD_BYTES, decodePayload, encodePayload } from './codec.js';
import { connected, openRedis, redisOptions, type ClusterConnection } from './connection.js';
import {
  CLUSTER_PROTOCOL,
  checkQueueName,
  clusterKeys,
  type AgentRecord,
  type TaskJobData,
  type TaskJobResult,
} from './protocol.js';
import { localModule } from './task-names.js';
import { CLOSE_LIMIT_MS, settledWithin } from './time-limits.js';

/** Options of {@link startAgent}. */
export interface AgentOptions {
  /** Where Redis is: `redis://host:port` or ioredis options (the coordinator's). */
  readonly connection: ClusterConnection;
  /** The queue the coordinator sends to. */
  readonly queue: string;
  /** Where tasks run on this machine; the agent runs `executor.size` at once and does not close it. */
  readonly executor: Executor;
  /** The project root task modules are found under (default: the current directory). */
  readonly root?: string;
  /** How this agent is named in errors and in the list of agents (default `host:pid`). */
  readonly name?: string;
  /**
   * How long an agent may be silent before its running tasks count as lost (default 10 000 ms): its heartbeat (the
   * lock on each running job) is renewed every half of it, and the other agents look for lost jobs as often.
   */
  readonly deadAfterMs?: number;
  /** How many times a lost idempotent task is run again before it rejects with `WORKER_CRASHED` (default 1). */
  readonly retries?: number;
  /** Most bytes an encoded result may take; a bigger one rejects with `TASK_FAILED` (default 64 MiB). */
  readonly maxPayloadBytes?: number;
  /** Called with each connection error (default: one line on stderr per distinct message). */
  readonly onError?: (error: Error) => void;
}

/** A running agent. */
export interface Agent {
  /** Its name, as errors and {@link ClusterExecutor.agents} show it. */
  readonly name: string;
  /** Tasks it runs now. */
  readonly running: number;
  /**
   * Stops taking jobs, lets running tasks finish and report, then disconnects; with `{ force: true }` stops running
   * tasks at once and reports them as `WORKER_CRASHED`. Does not close the local executor.
   */
  close(options?: { readonly force?: boolean }): Promise<void>;
}

/** A job the agent runs now. */
interface RunningJob {
  readonly coordinator: string;
  readonly controller: AbortController;
}

/**
 * Starts an agent: takes task jobs from `queue` and runs them on `executor`, as many at once as its size. Resolves once
 * the agent is registered and listening.
 *
 * @example
 * ```ts
 * const pool = nodeThreadsExecutor();
 * const agent = await startAgent({ connection: 'redis://10.0.0.5:6379', queue: 'weft', executor: pool });
 * process.on('SIGTERM', () => void agent.close().then(() => pool.close()));
 * ```
 */
export async function startAgent(options: AgentOptions): Promise<Agent> {
  const queueName = checkQueueName(options.queue);
  const { executor } = options;
  const root = options.root ?? process.cwd();
  const name = options.name ?? `${hostname()}:${process.pid}`;
  checkOptionalMs('deadAfterMs', options.deadAfterMs);
  const deadAfterMs = options.deadAfterMs ?? 10_000;
  const retries = options.retries ?? 1;
  if (!Number.isInteger(retries) || retries < 0) {
    throw new WeftError('INVALID_ARGUMENT', `retries must be a non-negative integer (got ${retries})`);
  }
  const maxPayloadBytes =
    options.maxPayloadBytes === undefined
      ? DEFAULT_MAX_PAYLOAD_BYTES
      : checkPositiveInteger('maxPayloadBytes', options.maxPayloadBytes);
  const connection = redisOptions(options.connection);
  const keys = clusterKeys(queueName);
  const onError = options.onError ?? stderrOnce();

  const redis = openRedis(connection);
  const subscriber = openRedis(connection);
  try {
    await Promise.all([connected(redis, connection), connected(subscriber, connection)]);
  } catch (error) {
    redis.disconnect();
    subscriber.disconnect();
    throw error;
  }
  redis.on('error', onError);
  subscriber.on('error', onError);
  const running = new Map<string, RunningJob>();
  let forced = false;

  subscriber.on('message', (_channel: string, jobId: string) => running.get(jobId)?.controller.abort());
  await subscriber.subscribe(keys.cancel);

  const register = async () => {
    const record: AgentRecord = { concurrency: executor.size, expiresAt: Date.now() + deadAfterMs };
    await redis.hset(keys.agents, name, JSON.stringify(record));
  };
  /** Stops the tasks whose coordinator is gone, so no job runs on for nobody. */
  const watchCoordinators = async () => {
    const jobs = [...running.values()];
    if (jobs.length === 0) return;
    const alive = await redis.mget(...jobs.map((job) => keys.coordinator(job.coordinator)));
    jobs.forEach((job, index) => {
      if (alive[index] === null) job.controller.abort();
    });
  };
  const beat = setInterval(() => {
    register().catch(onError);
    watchCoordinators().catch(onError);
  }, deadAfterMs / 3);
  beat.unref();

  const failure = (error: unknown): TaskJobResult => ({ ok: false, error: serializeError(error) });

  async function runJob(job: Job<TaskJobData>): Promise<TaskJobResult> {
    const data = job.data;
    if (data.protocol !== CLUSTER_PROTOCOL) {
      return failure(
        new WeftError(
          'UNSUPPORTED',
          `agent ${name} speaks cluster protocol ${CLUSTER_PROTOCOL}, the job ${data.protocol}: use one @weft/cluster version`,
        ),
      );
    }
    if (job.stalledCounter > 0 && !data.idempotent) {
      return failure(
        new WeftError(
          'WORKER_CRASHED',
          `task ${data.label} was lost: the agent running it stopped, and the task is not marked idempotent, so it is not run again`,
          { task: data.label },
        ),
      );
    }
    const controller = new AbortController();
    const jobId = job.id as string;
    running.set(jobId, { coordinator: data.coordinator, controller });
    try {
      const [coordinator, cancelled] = await redis.mget(keys.coordinator(data.coordinator), keys.cancelled(jobId));
      if (coordinator === null || cancelled !== null) {
        return failure(new WeftError('ABORTED', `task ${data.label} was cancelled before agent ${name} ran it`));
      }
      const task = { module: localModule(data.module, root), name: data.name };
      const value = await executor.run(task, decodePayload(data.input), {
        signal: controller.signal,
        ...(data.timeoutMs === undefined ? {} : { timeoutMs: data.timeoutMs }),
      });
      try {
        return { ok: true, value: encodePayload(value, `the result of ${data.label}`, maxPayloadBytes) };
      } catch (error) {
        return failure(
          new WeftError(
            'TASK_FAILED',
            `the result of task ${data.label} could not be sent back: ${(error as Error).message}`,
            {
              task: data.label,
            },
          ),
        );
      }
    } catch (error) {
      if (forced) {
        return failure(
          new WeftError('WORKER_CRASHED', `task ${data.label} stopped: agent ${name} was closed with force`, {
            task: data.label,
          }),
        );
      }
      return isWeftError(error, 'TASK_NOT_FOUND') ? { ok: false, error: onAgent(error, name) } : failure(error);
    } finally {
      running.delete(jobId);
    }
  }

  await register();
  const workerRedis = openRedis(connection);
  workerRedis.on('error', onError);
  const worker = new Worker<TaskJobData, TaskJobResult>(queueName, runJob, {
    connection: workerRedis,
    name,
    concurrency: executor.size,
    lockDuration: deadAfterMs,
    stalledInterval: Math.max(100, Math.round(deadAfterMs / 2)),
    maxStalledCount: retries,
    drainDelay: 1,
  });
  worker.on('error', onError);
  await worker.waitUntilReady();

  let closing: Promise<void> | undefined;
  return {
    name,
    get running() {
      return running.size;
    },
    close(closeOptions = {}) {
      if (closeOptions.force === true) {
        forced = true;
        for (const job of running.values()) job.controller.abort();
      }
      closing ??= (async () => {
        // Stop taking jobs at once; let the running ones finish (or stop, when forced) and report; then close, but do
        // not wait for a Redis that is gone.
        const closingWorker = worker.close();
        while (running.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
        await settledWithin(closingWorker, CLOSE_LIMIT_MS);
        clearInterval(beat);
        await settledWithin(redis.hdel(keys.agents, name), CLOSE_LIMIT_MS);
        redis.disconnect();
        subscriber.disconnect();
        workerRedis.disconnect();
      })();
      return closing;
    },
  };
}

/** A `TASK_NOT_FOUND` error that names the agent that could not find the task. */
function onAgent(error: WeftError, agent: string): SerializedError {
  return { ...serializeError(error), message: `agent ${agent}: ${error.message}` };
}

/** Writes each distinct error message once to stderr. */
function stderrOnce(): (error: Error) => void {
  const seen = new Set<string>();
  return (error) => {
    if (seen.has(error.message)) return;
    seen.add(error.message);
    console.error(`weft-agent: ${error.message}`);
  };
}
