/**
 * @module cluster.fixture — what the cluster's integration tests share: the repository root (coordinator and agents
 * name task modules against it) and whether to skip. Without `redis-server` the tests skip with a notice, unless
 * WEFT_REQUIRE_REDIS=1 (CI), where they fail.
 */
import { fileURLToPath } from 'node:url';
import {
  redisServerAvailable,
  startAgentProcess,
  type AgentProcess,
  type AgentProcessOptions,
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
