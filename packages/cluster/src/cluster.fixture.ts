/**
 * @module cluster.fixture — a real `redis-server` on 127.0.0.1 (a free port, its own data dir, stopped after) and
 * `weft-agent` processes, for the cluster's tests. Without `redis-server` the tests skip with a notice, unless
 * WEFT_REQUIRE_REDIS=1 (CI), where they fail.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: coordinator and agents name task modules against it. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const AGENT_CLI = fileURLToPath(new URL('../dist/agent-cli.js', import.meta.url));

/** True when `redis-server` runs here. */
export const redisAvailable = spawnSync('redis-server', ['--version']).status === 0;
const required = process.env['WEFT_REQUIRE_REDIS'] === '1';
/** Skip the cluster's integration tests here (no redis-server, and CI did not ask for them). */
export const skipCluster = !redisAvailable && !required;
if (skipCluster) console.warn('redis-server not found: the cluster tests are skipped (apt-get install redis-server)');

/** A redis-server started by a test. */
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

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts `redis-server` on a free port of 127.0.0.1 with its own data dir and no persistence. */
export async function startRedisServer(): Promise<RedisServer> {
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

/** A `weft-agent` process started by a test. */
export interface AgentProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Sends `signal` and waits for the process to exit (SIGSTOP and SIGCONT return at once). */
  signal(signal: NodeJS.Signals): Promise<void>;
}

/** Options of {@link startAgentProcess}. */
export interface AgentProcessOptions {
  readonly url: string;
  readonly queue: string;
  readonly name: string;
  readonly size?: number;
  readonly deadAfterMs?: number;
  readonly pool?: 'threads' | 'processes';
}

/** Starts `weft-agent` (the built CLI) in its own process, in the repository root; resolves once it is ready. */
export async function startAgentProcess(options: AgentProcessOptions): Promise<AgentProcess> {
  const args = [
    AGENT_CLI,
    ...['--redis', options.url, '--queue', options.queue, '--name', options.name],
    ...['--size', String(options.size ?? 1), '--pool', options.pool ?? 'threads', '--root', REPO_ROOT],
    ...['--dead-after-ms', String(options.deadAfterMs ?? 1_500)],
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: REPO_ROOT });
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
