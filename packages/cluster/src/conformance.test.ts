import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testExecutorConformance } from '@weft/core/testing/conformance';
import { clusterExecutor } from './cluster-executor.js';
import {
  REPO_ROOT,
  skipCluster,
  startRepoAgent,
  startRedisServer,
  type AgentProcess,
  type RedisServer,
} from './cluster.fixture.js';

// The executor contract against a real redis-server and two weft-agent processes (one thread each).
describe.skipIf(skipCluster)('clusterExecutor on 2 agents', () => {
  let redis: RedisServer;
  let agents: AgentProcess[] = [];
  beforeAll(async () => {
    redis = await startRedisServer();
    agents = await Promise.all(
      ['a1', 'a2'].map((name) => startRepoAgent({ url: redis.url, queue: 'conformance', name })),
    );
  });
  afterAll(async () => {
    await Promise.all(agents.map((agent) => agent.signal('SIGTERM')));
    await redis?.dispose();
  });

  testExecutorConformance(
    {
      name: 'clusterExecutor',
      create: ({ size, maxQueue }) =>
        clusterExecutor({
          connection: redis.url,
          queue: 'conformance',
          root: REPO_ROOT,
          ...(size === undefined ? {} : { size }),
          ...(maxQueue === undefined ? {} : { maxQueue }),
        }),
      features: { parallel: true, transfer: false, sharedMemory: false, crash: true, distributed: true },
    },
    { describe, it, expect },
  );
});
