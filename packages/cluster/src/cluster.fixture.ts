/**
 * @module cluster.fixture — what the cluster's integration tests share: the repository root (coordinator and agents
 * name task modules against it), whether to skip, and a redis-server with agents for a whole test file. Without `redis-server` the tests skip with a notice, unless
 * WEFT_REQUIRE_REDIS=1 (CI), where they fail.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import {
  redisServerAvailable,
  startAgentProcess,
  startRedisServer,
  type AgentProcess,
  type AgentProcessOptions,
  type RedisServer,
} from './local-cluster.js';

export { startRedisServer, type RedisServer, type AgentProcess } from './local-cluster.js';

/** The repository root: coordinator and agents name task modules against it. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const required = process.env['WEFT_REQUIRE_REDIS'] === '1';
/** Skip the cluster's integration tests here (no redis-server, and CI did not ask for them). */
export const skipCluster = !redisServerAvailable() && !required;
if (skipCluster) console.warn('redis-server not found: the cluster tests are skipped (apt-get install redis-server)');

/** Starts an agent process in the repository root. */
export function startRepoAgent(options: Omit<AgentProcessOptions, 'root'>): Promise<AgentProcess> {
  return startAgentProcess({ ...options, root: REPO_ROOT });
}

/**
 * Starts a redis-server and one agent process per name (one thread each, on `queue`) before the enclosing `describe`'s
 * tests, and stops them after; returns the Redis URL, readable once the tests run.
 */
export function redisWithAgents(queue: string, names: readonly string[]): { readonly url: () => string } {
  let redis: RedisServer | undefined;
  let agents: AgentProcess[] = [];
  beforeAll(async () => {
    const server = await startRedisServer();
    redis = server;
    agents = await Promise.all(names.map((name) => startRepoAgent({ url: server.url, queue, name })));
  });
  afterAll(async () => {
    await Promise.all(agents.map((agent) => agent.signal('SIGTERM')));
    await redis?.dispose();
  });
  return { url: () => (redis as RedisServer).url };
}
