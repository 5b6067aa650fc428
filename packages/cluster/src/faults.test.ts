import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isWeftError } from '@weft/core';
import { echoTask } from '@weft/core/testing';
import { Queue } from 'bullmq';
import { idempotentLoggedTask, loggedTask } from '../test/fault-tasks.mjs';
import { clusterExecutor, type ClusterExecutor } from './cluster-executor.js';
import {
  REPO_ROOT,
  skipCluster,
  startRepoAgent,
  startRedisServer,
  type AgentProcess,
  type RedisServer,
} from './cluster.fixture.js';

/** The lines of a fault task's log: `started|finished <pid> <value>`. */
function logLines(log: string): string[] {
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

/** Resolves when `check` returns true, polling every 50 ms; fails after `limitMs`. */
async function until(check: () => boolean | Promise<boolean>, what: string, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The error `promise` rejects with, or the string 'resolved'. */
function outcome(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'resolved',
    (error: unknown) => error,
  );
}

describe.skipIf(skipCluster)('cluster faults with a real redis-server and weft-agent processes', () => {
  let redis: RedisServer;
  let agents: AgentProcess[] = [];
  let cluster: ClusterExecutor;
  let dir: string;
  let log: string;
  let queue = '';
  let sequence = 0;

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.dispose();
  });
  beforeEach(async () => {
    queue = `faults-${(sequence += 1)}`;
    agents = await Promise.all(
      ['a1', 'a2'].map((name) => startRepoAgent({ url: redis.url, queue, name, deadAfterMs: 3_000 })),
    );
    cluster = clusterExecutor({ connection: redis.url, queue, root: REPO_ROOT });
    await cluster.ready({ agents: 2 });
    dir = mkdtempSync(join(tmpdir(), 'weft-cluster-faults-'));
    log = join(dir, 'runs.log');
    writeFileSync(log, '');
  });
  afterEach(async () => {
    await cluster.close({ force: true });
    await Promise.all(agents.map((agent) => agent.signal('SIGKILL')));
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts two tasks of 2.5 s, one per agent, and returns them with the agent that runs the first. */
  async function twoRunning(task: typeof loggedTask) {
    const first = cluster.run(task, { log, ms: 2_500, value: 'first' });
    const second = cluster.run(task, { log, ms: 2_500, value: 'second' });
    await until(() => logLines(log).length === 2, 'both tasks to start');
    const pid = Number(
      logLines(log)
        .find((line) => line.endsWith(' first'))
        ?.split(' ')[1],
    );
    const victim = agents.find((agent) => agent.child.pid === pid) as AgentProcess;
    return { first, second, victim };
  }

  it('agent SIGKILL mid-task: an idempotent task runs again on the other agent and settles once, with its value', async () => {
    const { first, second, victim } = await twoRunning(idempotentLoggedTask);
    let settlements = 0;
    const counted = first.finally(() => (settlements += 1));
    await victim.signal('SIGKILL');
    await expect(counted).resolves.toBe('first');
    await expect(second).resolves.toBe('second');
    const runs = logLines(log).filter((line) => line.endsWith(' first'));
    // Started on the killed agent, started again and finished on the survivor.
    expect(runs.filter((line) => line.startsWith('started'))).toHaveLength(2);
    expect(runs.filter((line) => line.startsWith('finished'))).toHaveLength(1);
    expect(settlements).toBe(1);
  });

  it('agent SIGKILL mid-task: a task not marked idempotent rejects with WORKER_CRASHED and is not run again', async () => {
    const { first, second, victim } = await twoRunning(loggedTask);
    const lost = outcome(first);
    await victim.signal('SIGKILL');
    const error = await lost;
    expect(isWeftError(error, 'WORKER_CRASHED')).toBe(true);
    expect((error as Error).message).toMatch(/not marked idempotent/);
    await expect(second).resolves.toBe('second');
    const runs = logLines(log).filter((line) => line.endsWith(' first'));
    expect(runs).toEqual([expect.stringMatching(/^started /)]);
  });

  it('duplicate delivery: an agent frozen past its heartbeat loses its job to another; the task settles once, correct', async () => {
    const { first, second, victim } = await twoRunning(idempotentLoggedTask);
    let settlements = 0;
    const counted = first.finally(() => (settlements += 1));
    await victim.signal('SIGSTOP');
    await expect(counted).resolves.toBe('first');
    // The frozen agent wakes up, finishes its copy and finds its job taken: nothing reaches the caller twice.
    await victim.signal('SIGCONT');
    await until(
      () => logLines(log).filter((line) => line === `finished ${victim.child.pid} first`).length === 1,
      'the woken copy to finish',
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(settlements).toBe(1);
    await expect(second).resolves.toBe('second');
    expect(logLines(log).filter((line) => line.startsWith('finished') && line.endsWith(' first'))).toHaveLength(2);
    await expect(cluster.run(echoTask, 'after')).resolves.toBe('after');
  });

  it('a frozen agent cannot answer: the coordinator enforces timeoutMs itself, a second later', async () => {
    const timed = outcome(cluster.run(loggedTask, { log, ms: 5_000, value: 'timed' }, { timeoutMs: 500 }));
    await until(() => logLines(log).length === 1, 'the task to start');
    const pid = Number(logLines(log)[0]?.split(' ')[1]);
    const frozen = agents.find((agent) => agent.child.pid === pid) as AgentProcess;
    await frozen.signal('SIGSTOP');
    try {
      const error = await timed;
      expect(isWeftError(error, 'TIMEOUT')).toBe(true);
      expect((error as Error).message).toMatch(/within 500 ms/);
    } finally {
      await frozen.signal('SIGCONT');
    }
  });

  it('Redis stopped mid-run: tasks in flight and new ones reject with UNAVAILABLE, close() does not hang, even while it waits; after a restart it serves again', async () => {
    const inFlight = outcome(cluster.run(loggedTask, { log, ms: 5_000, value: 'in flight' }));
    await until(() => logLines(log).length === 1, 'the task to start');
    await redis.stop();
    const error = await inFlight;
    expect(isWeftError(error, 'UNAVAILABLE')).toBe(true);
    expect((error as Error).message).toContain(`127.0.0.1:${redis.port}`);
    const refused = await outcome(cluster.run(echoTask, 'while down'));
    expect(isWeftError(refused, 'UNAVAILABLE')).toBe(true);
    await redis.restart();
    await cluster.ready({ agents: 2, timeoutMs: 20_000 });
    await expect(cluster.run(echoTask, 'back')).resolves.toBe('back');
    // Lost while a graceful close waits for a running task: the task rejects, the close returns.
    const last = outcome(cluster.run(loggedTask, { log, ms: 5_000, value: 'during close' }));
    await until(() => logLines(log).some((line) => line.endsWith(' during close')), 'the last task to start');
    const closing = cluster.close();
    await redis.stop();
    expect(isWeftError(await last, 'UNAVAILABLE')).toBe(true);
    await expect(closing).resolves.toBeUndefined();
    // An agent asked to stop while Redis is gone exits (SIGTERM: its graceful close must not wait for Redis).
    await agents[0]?.signal('SIGTERM');
    await redis.restart();
  });

  it('coordinator killed: its running and queued jobs are stopped, none runs on for nobody', async () => {
    const script = fileURLToPath(new URL('../test/coordinator.mjs', import.meta.url));
    const coordinator = spawn(process.execPath, [script, redis.url, queue, REPO_ROOT, log, '3'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await until(() => logLines(log).length === 2, 'the orphans to start on both agents');
    coordinator.kill('SIGKILL');
    const jobs = new Queue(queue, { connection: { host: '127.0.0.1', port: redis.port } });
    try {
      await until(async () => {
        const counts = await jobs.getJobCounts('active', 'wait');
        return counts['active'] === 0 && counts['wait'] === 0;
      }, 'the agents to drop the orphans');
    } finally {
      await jobs.close();
    }
    expect(logLines(log).filter((line) => line.startsWith('finished'))).toEqual([]);
    // The agents are free again.
    await expect(cluster.map(echoTask, [1, 2])).resolves.toEqual([1, 2]);
  });
});
