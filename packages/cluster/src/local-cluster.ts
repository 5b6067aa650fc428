/**
 * A cluster on this machine: a private `redis-server` (a free port of 127.0.0.1, its own data dir, no persistence) and
 * `weft-agent` processes, for tests, benchmarks and trying the cluster out. Needs `redis-server` on the PATH (Debian:
 * `apt-get install redis-server`).
 *
 * @module @weft/cluster/local
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WeftError } from '@weft/core';
import { clusterExecutor, type ClusterExecutor } from './cluster-executor.js';

// The agent runs built JavaScript: tests that load this module from its TypeScript source start the built CLI.
const AGENT_CLI = fileURLToPath(
  new URL(import.meta.url.endsWith('.ts') ? '../dist/agent-cli.js' : './agent-cli.js', import.meta.url),
);

/** True when `redis-server` runs here. */
export function redisServerAvailable(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0;
}

/** A `redis-server` started by {@link startRedisServer}. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Stops it (SIGTERM) and waits for it to exit; its data are lost. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  /** Stops it for good and removes its data dir. */
  dispose(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Resolves when `child` prints `pattern` on stdout; rejects when it exits first or after `limitMs`. */
function waitForLine(child: ChildProcess, pattern: RegExp, what: string, limitMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start in ${limitMs} ms: ${output}`)), limitMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => pattern.test(l));
      if (line !== undefined) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve(line);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${String(code)} before it was ready: ${output}`));
    });
  });
}

/** Kills `child` when this process exits, so that a local cluster never outlives what started it. */
function stopWithThisProcess(child: ChildProcess): void {
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  child.once('exit', () => process.off('exit', kill));
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts `redis-server` on a free port of 127.0.0.1 with its own data dir and no persistence.
 * Rejects with `UNSUPPORTED` when `redis-server` is not installed.
 */
export async function startRedisServer(): Promise<RedisServer> {
  if (!redisServerAvailable()) {
    throw new WeftError(
      'UNSUPPORTED',
      'redis-server is not installed: apt-get install redis-server (or brew install redis)',
    );
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'weft-redis-'));
  let child: ChildProcess | undefined;
  const start = async () => {
    const started = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = started;
    stopWithThisProcess(started);
    await waitForLine(started, /Ready to accept connections/, 'redis-server');
  };
  const stop = async () => {
    if (child === undefined) return;
    const stopping = child;
    child = undefined;
    stopping.kill('SIGTERM');
    await exited(stopping);
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    restart: start,
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A `weft-agent` process started by {@link startAgentProcess}. */
export interface AgentProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Sends `signal` and waits for the process to exit (SIGSTOP and SIGCONT return at once). */
  signal(signal: NodeJS.Signals): Promise<void>;
}

/** Options of {@link startAgentProcess}. */
export interface AgentProcessOptions {
  /** The Redis URL. */
  readonly url: string;
  readonly queue: string;
  readonly name: string;
  /** Workers in the agent's pool (default 1). */
  readonly size?: number;
  /** Default 5000 ms (see `AgentOptions.deadAfterMs`). */
  readonly deadAfterMs?: number;
  /** The agent's local pool (default `threads`). */
  readonly pool?: 'threads' | 'processes';
  /** The project root the agent finds task modules under (default: the current directory). */
  readonly root?: string;
}

/** Starts `weft-agent` in a process of its own; resolves once it is ready. */
export async function startAgentProcess(options: AgentProcessOptions): Promise<AgentProcess> {
  const root = options.root ?? process.cwd();
  const args = [
    AGENT_CLI,
    ...['--redis', options.url, '--queue', options.queue, '--name', options.name],
    ...['--size', String(options.size ?? 1), '--pool', options.pool ?? 'threads', '--root', root],
    ...['--dead-after-ms', String(options.deadAfterMs ?? 5_000)],
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: root });
  stopWithThisProcess(child);
  await waitForLine(child, /ready: queue/, `weft-agent ${options.name}`);
  return {
    name: options.name,
    child,
    signal: async (signal) => {
      child.kill(signal);
      if (signal !== 'SIGSTOP' && signal !== 'SIGCONT') await exited(child);
    },
  };
}

/** Options of {@link startLocalCluster}. */
export interface LocalClusterOptions {
  /** How many agent processes (default 2). */
  readonly agents?: number;
  /** Workers in each agent's pool (default 1). */
  readonly agentSize?: number;
  /** Each agent's pool (default `threads`). */
  readonly pool?: 'threads' | 'processes';
  /** The queue (default `weft`). */
  readonly queue?: string;
  /** The project root of coordinator and agents (default: the current directory). */
  readonly root?: string;
}

/** A cluster on this machine, as {@link startLocalCluster} starts it. */
export interface LocalCluster {
  /** The Redis URL. */
  readonly url: string;
  /** A cluster executor on it, ready (every agent registered). */
  readonly executor: ClusterExecutor;
  readonly agents: readonly AgentProcess[];
  /** Closes the executor, stops the agents and Redis. */
  close(): Promise<void>;
}

/**
 * Starts a private `redis-server` and `agents` agent processes on this machine, and a cluster executor on them.
 *
 * @example
 * ```ts
 * const cluster = await startLocalCluster({ agents: 2 });
 * console.log(await cluster.executor.map(squareTask, [1, 2, 3]));
 * await cluster.close();
 * ```
 */
export async function startLocalCluster(options: LocalClusterOptions = {}): Promise<LocalCluster> {
  const queue = options.queue ?? 'weft';
  const count = options.agents ?? 2;
  const root = options.root ?? process.cwd();
  const redis = await startRedisServer();
  const agents: AgentProcess[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      const agent = startAgentProcess({
        url: redis.url,
        queue,
        name: `local-${i + 1}`,
        size: options.agentSize ?? 1,
        pool: options.pool ?? 'threads',
        root,
      });
      agents.push(await agent);
    }
  } catch (error) {
    await Promise.all(agents.map((agent) => agent.signal('SIGKILL')));
    await redis.dispose();
    throw error;
  }
  const executor = clusterExecutor({ connection: redis.url, queue, root });
  await executor.ready({ agents: count });
  return {
    url: redis.url,
    executor,
    agents,
    close: async () => {
      await executor.close();
      await Promise.all(agents.map((agent) => agent.signal('SIGTERM')));
      await redis.dispose();
    },
  };
}
