/** @module protocol — what the coordinator and the agents write to Redis: job data, job results, key names. */
import { WeftError } from '@weft/core';
import type { SerializedError } from '@weft/core/adapter';

/** Bumped when the job data or the result changes shape; agents refuse jobs of another version. */
export const CLUSTER_PROTOCOL = 1;

/** The data of one BullMQ job: one task run. */
export interface TaskJobData {
  readonly protocol: number;
  /** The task's module as {@link portableModule} names it. */
  readonly module: string;
  /** The task's export name. */
  readonly name: string;
  /** `module#name`, for messages. */
  readonly label: string;
  /** The input, as {@link encodePayload} makes it. */
  readonly input: string;
  /** The time limit the agent enforces, counted from the start of the run. */
  readonly timeoutMs?: number;
  /** The task may run again when its agent dies. */
  readonly idempotent: boolean;
  /** The coordinator waiting for the result; an agent drops the job when it is gone. */
  readonly coordinator: string;
}

/** What an agent returns for a job: the encoded output, or the task's error as plain data. */
export type TaskJobResult =
  { readonly ok: true; readonly value: string } | { readonly ok: false; readonly error: SerializedError };

/** What an agent writes about itself on every heartbeat. */
export interface AgentRecord {
  /** How many tasks it runs at once (its local pool's size). */
  readonly concurrency: number;
  /** When the record expires unless renewed (ms since the epoch, the agent's clock). */
  readonly expiresAt: number;
}

/** Redis key names of one cluster queue, beside BullMQ's own keys. */
export interface ClusterKeys {
  /** Set (with an expiry) while the coordinator `id` is alive. */
  coordinator(id: string): string;
  /** A hash of the live agents: field = agent name, value = {@link AgentRecord} as JSON. */
  readonly agents: string;
  /** Set when the job was aborted, so an agent that picks it up late does not run it. */
  cancelled(jobId: string): string;
  /** The pub/sub channel on which the coordinator names the jobs to stop. */
  readonly cancel: string;
}

/** The key names for `queue`. */
export function clusterKeys(queue: string): ClusterKeys {
  const base = `weft-cluster:${queue}`;
  return {
    coordinator: (id) => `${base}:coordinator:${id}`,
    agents: `${base}:agents`,
    cancelled: (jobId) => `${base}:cancelled:${jobId}`,
    cancel: `${base}:cancel`,
  };
}

/** Checks a queue name: BullMQ refuses `:` in it. */
export function checkQueueName(queue: string): string {
  if (typeof queue !== 'string' || queue.length === 0 || queue.includes(':')) {
    throw new WeftError(
      'INVALID_ARGUMENT',
      `queue must be a non-empty name without ":" (got ${JSON.stringify(queue)})`,
    );
  }
  return queue;
}
